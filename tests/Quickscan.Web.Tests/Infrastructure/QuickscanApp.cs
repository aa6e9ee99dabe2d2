using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Serilog.Core;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>
/// The app on a real PostgreSQL database of its own, in the Testing environment (no demo data), with
/// a query counter and a log capture. One instance per test class (IClassFixture) or collection.
/// </summary>
public class QuickscanApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase? Database { get; private set; }

    /// <summary>The provider under test; the SQLite smoke tests override it.</summary>
    protected virtual string Provider => "Postgres";

    protected string ConnectionString { get; set; } = "";

    public QueryCounter Queries { get; } = new();

    public LogCapture Logs { get; } = new();

    public virtual async Task InitializeAsync()
    {
        if (Provider == "Postgres")
        {
            Database = await TestDatabase.CreateAsync();
            ConnectionString = Database.ConnectionString;
        }

        // Start the host now: migrations run and the default questionnaire is published.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Quickscan", ConnectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        // Data Protection keys encrypted, as in production (where the app refuses to start without it).
        builder.UseSetting("Quickscan:DataProtection:CertificatePath", TestCertificate.Path);
        builder.UseSetting("Quickscan:DataProtection:CertificatePassword", TestCertificate.Password);
        // Every test client comes from the same (unknown) address: the per-IP sign-in limit would count all
        // sign-ins of a test class together. Its own tests (RateLimitTests) set it back.
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", "100000");
        // Retention passes run when a test calls them, not in the background among counted queries.
        builder.UseSetting("Retention:Enabled", "false");
        // Keep the test output readable: the console gets only fatal events, LogCapture gets everything.
        builder.UseSetting("Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Fatal");
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<PostgresQuickscanDbContext>(o => o.AddInterceptors(Queries));
            services.ConfigureDbContext<SqliteQuickscanDbContext>(o => o.AddInterceptors(Queries));
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, FailingEndpoint>();
        });
    }

    public async Task<T> QueryAsync<T>(Func<QuickscanDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuickscanDbContext>());
    }

    public async Task ExecuteAsync(Func<QuickscanDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<QuickscanDbContext>());
    }

    /// <summary>An open scan of a new organisation on the newest published questionnaire; returns its share token.</summary>
    /// <summary>An open scan of a new client, on questionnaire v1 unless another shipped version is asked for.</summary>
    public async Task<Scan> CreateScanAsync(Action<Scan>? configure = null, Organisation? organisation = null, int questionnaireVersion = 1)
    {
        return await QueryAsync(async db =>
        {
            var version = await db.QuestionnaireVersions
                .Where(v => v.Kind == Domain.Questionnaires.QuestionnaireKind.Quickscan && v.Key == "quickscan-default" && v.Version == questionnaireVersion)
                .OrderByDescending(v => v.Revision).FirstAsync();
            var scan = new Scan
            {
                OrganisationId = organisation?.Id ?? Guid.Empty,
                Organisation = organisation is null ? new Organisation { Name = $"Organisatie {Guid.NewGuid():N}"[..22], Sector = "care", CreatedAt = DateTimeOffset.UtcNow } : null!,
                QuestionnaireVersionId = version.Id,
                Title = "Quickscan 2026",
                WelcomeText = "Welkom bij de quickscan.",
                Status = ScanStatus.Open,
                ShareToken = Tokens.New(),
                JoinCode = Tokens.NewJoinCode(),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            configure?.Invoke(scan);
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            return scan;
        });
    }

    public const string TestPassword = "correct horse battery 1";

    /// <summary>A consultant or admin with <see cref="TestPassword"/>.</summary>
    public async Task<User> CreateUserAsync(string role = Roles.Consultant, string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var email = $"{Guid.NewGuid():N}@example.test";
        var result = await UserSeeding.CreateAsync(scope.ServiceProvider, email, name ?? $"{role} {email[..6]}", role, TestPassword, mustChange: false);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>().FindByEmailAsync(email) ?? throw new InvalidOperationException();
    }

    /// <summary>A client organisation owned by the given consultant.</summary>
    public Task<Organisation> CreateClientAsync(User owner, string? name = null) => QueryAsync(async db =>
    {
        var organisation = new Organisation { Name = name ?? $"Klant {Guid.NewGuid():N}"[..14], Sector = "care", SizeClass = "250-999", OwnerId = owner.Id, CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    });

    public Task<List<RespondentAnswer>> AnswersAsync(Guid scanId) => QueryAsync(db =>
        db.RespondentAnswers.Where(a => db.Respondents.Any(r => r.Id == a.RespondentId && r.ScanId == scanId)).ToListAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database is not null)
            await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

/// <summary>GET /test/fail throws, to show what an unexpected error looks like to a user.</summary>
internal sealed class FailingEndpoint : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Path = "/test/fail";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        next(app);
        // After the app's own pipeline, so its error handling is around this.
        app.Map(Path, failing => failing.Run(_ => throw new InvalidOperationException("Something broke deep inside.")));
    };
}
