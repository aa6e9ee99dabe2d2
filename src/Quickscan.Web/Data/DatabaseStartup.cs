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
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStartup(app.Environment))
            await db.Database.MigrateAsync();

        await PublishDefaultQuestionnaireAsync(db, services.GetRequiredService<TimeProvider>());
        if (app.Environment.IsDevelopment())
            await DemoData.SeedAsync(app, db);
    }

    /// <summary>`dotnet Quickscan.Web.dll migrate`: applies the migrations of the configured provider and exits.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<QuickscanDbContext>().Database.MigrateAsync();
    }

    private static async Task PublishDefaultQuestionnaireAsync(QuickscanDbContext db, TimeProvider clock)
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        if (await db.QuestionnaireVersions.AnyAsync(v => v.Key == questionnaire.Key && v.Version == questionnaire.Version))
            return;
        db.QuestionnaireVersions.Add(new QuestionnaireVersion
        {
            Key = questionnaire.Key,
            Version = questionnaire.Version,
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
