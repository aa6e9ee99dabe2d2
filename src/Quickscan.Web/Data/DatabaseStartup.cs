using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations where configured, publishes the default questionnaire on first start and, in
    /// Development, seeds a demo organisation with an open scan.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QuickscanDbContext>();
        // One instance at a time: several instances may start together on an empty database.
        await using var startupLock = await StartupLock.AcquireAsync(services, db);
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup(app.Environment))
            await db.Database.MigrateAsync();

        await PublishDefaultQuestionnaireAsync(db, services.GetRequiredService<TimeProvider>());
        await PublishAsync(db, services.GetRequiredService<TimeProvider>(), Domain.DefaultQuestionnaire.SelfScanQuestionnaire.Load());
        await UserSeeding.EnsureRolesAsync(services);
        await UserSeeding.CreateConfiguredAdminAsync(services, app.Configuration, app.Logger);
        if (app.Environment.IsDevelopment())
        {
            var consultant = await UserSeeding.SeedDemoAccountsAsync(services, app.Logger);
            await DemoData.SeedAsync(app, db, consultant);
        }
    }

    /// <summary>
    /// `dotnet Quickscan.Web.dll create-admin EMAIL "NAME"`: creates an admin with a temporary password, printed
    /// once to the terminal (not the log); the admin chooses their own at first sign-in.
    /// </summary>
    public static async Task<int> CreateAdminAsync(this WebApplication app, string email, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QuickscanDbContext>().Database.MigrateAsync();
        await UserSeeding.EnsureRolesAsync(scope.ServiceProvider);
        var password = UserSeeding.TemporaryPassword();
        var result = await UserSeeding.CreateAsync(scope.ServiceProvider, email, name, Roles.Admin, password, mustChange: true);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }

        await Console.Out.WriteLineAsync($"Admin {email} created. Temporary password (change it at first sign-in): {password}");
        return 0;
    }

    /// <summary>`dotnet Quickscan.Web.dll migrate`: applies the migrations of the configured provider and exits.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();
        await using var startupLock = await StartupLock.AcquireAsync(scope.ServiceProvider, db);
        await db.Database.MigrateAsync();
    }

    /// <summary>Every shipped version, v1 for the scans that use it and the newest for new scans.</summary>
    private static async Task PublishDefaultQuestionnaireAsync(QuickscanDbContext db, TimeProvider clock)
    {
        for (var version = 1; version <= Domain.DefaultQuestionnaire.DefaultQuestionnaire.Latest; version++)
            await PublishAsync(db, clock, Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(version));
    }

    /// <summary>Publishes a questionnaire shipped with the app (the default quickscan, the self-scan) once.</summary>
    private static async Task PublishAsync(QuickscanDbContext db, TimeProvider clock, Questionnaire questionnaire)
    {
        if (await db.QuestionnaireVersions.AnyAsync(v => v.Key == questionnaire.Key && v.Version == questionnaire.Version && v.Revision == 0))
            return;
        db.QuestionnaireVersions.Add(new QuestionnaireVersion
        {
            Key = questionnaire.Key,
            Version = questionnaire.Version,
            Kind = questionnaire.Definition.Kind,
            DefinitionJson = QuestionnaireJson.Write(questionnaire.Definition),
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = "Quickscan",
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another instance published it at the same moment; the unique index kept one.
            db.ChangeTracker.Clear();
        }
    }
}
