using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Quickscan.Web.Tests.Infrastructure;
using Serilog.Events;

namespace Quickscan.Web.Tests.Operations;

/// <summary>Readiness follows the database: it fails while migrations are pending and while the database refuses writes.</summary>
public sealed class ReadinessTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Readiness_fails_while_a_migration_is_pending_or_the_database_is_read_only_and_recovers()
    {
        var client = app.CreateClient();
        var last = await app.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1").SingleAsync());
        var product = await app.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1").SingleAsync());

        // A build newer than the database: its last migration is not applied.
        await app.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last));
        var pending = await client.GetAsync("/health/ready");
        await app.ExecuteAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" VALUES ({0}, {1})", last, product));
        var applied = await client.GetAsync("/health/ready");

        await using var admin = new NpgsqlConnection(app.Database!.ConnectionString);
        await admin.OpenAsync();
        await using (var command = new NpgsqlCommand($"ALTER DATABASE \"{admin.Database}\" SET default_transaction_read_only = on", admin))
            await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
        var readOnly = await client.GetAsync("/health/ready");
        await using (var command = new NpgsqlCommand($"ALTER DATABASE \"{admin.Database}\" SET default_transaction_read_only = off", admin))
            await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
        var writable = await client.GetAsync("/health/ready");
        var report = await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();
        var why = string.Join("; ", report.Entries.Select(e => $"{e.Key}={e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}"));

        Assert.True(pending.StatusCode == HttpStatusCode.ServiceUnavailable, $"pending migration: {pending.StatusCode} {await pending.Content.ReadAsStringAsync()} (removed {last})");
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.True(readOnly.StatusCode == HttpStatusCode.ServiceUnavailable, $"read-only: {readOnly.StatusCode} {await readOnly.Content.ReadAsStringAsync()}");
        Assert.True(writable.StatusCode == HttpStatusCode.OK, $"writable again: {writable.StatusCode}: {why}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public void Transient_database_failures_are_retried()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.QuickscanDbContext>();

        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }
}

/// <summary>Settings are checked at start, with a message that names the setting and says what to fix.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Quickscan:TimeZone", "Europe/Amsterdm", "Quickscan:TimeZone 'Europe/Amsterdm' is not a time zone")]
    [InlineData("Quickscan:PublicBaseUrl", "quickscan.example", "Quickscan:PublicBaseUrl 'quickscan.example' must be an absolute http(s) address")]
    [InlineData("Quickscan:PublicBaseUrl", "https://quickscan.example/app?x=1", "without path or query")]
    [InlineData("Quickscan:KnownProxies:0", "10.0.0.300", "'10.0.0.300' is not an IP address")]
    [InlineData("Quickscan:KnownNetworks:0", "10.0.0.0/33", "is not a network in CIDR notation")]
    public async Task A_wrong_setting_stops_the_start_with_a_clear_message(string key, string value, string message)
    {
        await using var app = new MisconfiguredApp(key, value);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(app.InitializeAsync);

        Assert.Contains(message, failure.Message);
    }
}

/// <summary>What a normal day's requests, and a client that walks away, leave in the log.</summary>
public sealed class QuietLogTests(QuietLogTests.SlowApp app) : IClassFixture<QuietLogTests.SlowApp>
{
    public sealed class SlowApp : QuickscanApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, SlowEndpoint>());
        }

        private sealed class SlowEndpoint : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test/slow", slow => slow.Run(async context =>
                {
                    await context.Response.StartAsync();
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }));
            };
        }
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_request_is_not_logged_as_a_server_error()
    {
        using var cancel = new CancellationTokenSource();
        var request = app.CreateClient().GetAsync("/test/slow", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        var response = await request;
        await cancel.CancelAsync();
        response.Dispose();

        // The request's log line comes when the server side has seen the abort.
        LogEvent? line = null;
        for (var i = 0; i < 200 && line is null; i++)
        {
            line = app.Logs.Events.FirstOrDefault(e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/test/slow\"");
            if (line is null)
                await Task.Delay(50);
        }

        Assert.NotNull(line);
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task A_respondent_and_a_consultant_watching_the_live_report_log_no_warnings()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(organisation: client);
        var respondent = new RespondentClient(app, scan.ShareToken);
        var signedIn = await SignedInClient.SignInAsync(app, consultant);

        await respondent.StartAsync();
        await respondent.SaveProfileAsync("employee");
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4" }, move: "later");
        await signedIn.GetAsync($"/scans/{scan.Id}/report");
        for (var i = 0; i < 3; i++)
        {
            var poll = await signedIn.Http.GetAsync($"/scans/{scan.Id}/report?handler=Live");
            Assert.True(poll.IsSuccessStatusCode, $"live poll: {poll.StatusCode}");
        }

        var warnings = app.Logs.Events.Where(e => e.Level >= LogEventLevel.Warning).Select(e => e.RenderMessage()).ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
    }
}
