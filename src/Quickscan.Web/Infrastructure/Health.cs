using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Readiness: the database answers, takes writes, and has every migration of this build applied. A load
/// balancer sends no one to an instance that would show them an error page.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    public static IServiceCollection AddQuickscanHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<QuickscanDbContext>(tags: [Ready])
            .AddCheck<DatabaseWritableCheck>("database-writable", tags: [Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations-applied", tags: [Ready]);
        services.AddSingleton<MigrationsAppliedCheck>();
        return services;
    }

    /// <summary>/health/live: the process runs; /health/ready: see <see cref="AddQuickscanHealthChecks"/>.</summary>
    public static IEndpointRouteBuilder MapQuickscanHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(Ready) });
        return endpoints;
    }

    /// <summary>
    /// `dotnet Quickscan.Web.dll healthcheck [URL]`: the container's health probe, so the image needs no curl.
    /// Exit code 0 when the app answers 200 on /health/live (or the given URL), 1 otherwise.
    /// </summary>
    public static async Task<int> ProbeAsync(string? url)
    {
        var target = url ?? $"http://localhost:{Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0] ?? "8080"}/health/live";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(target);
            await Console.Out.WriteLineAsync($"{target}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{target}: {e.Message}");
            return 1;
        }
    }
}

/// <summary>
/// Unhealthy while the database refuses writes (a read-only database or a standby after a failover):
/// respondents would lose what they send.
/// </summary>
public sealed class DatabaseWritableCheck(QuickscanDbContext db, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
            return HealthCheckResult.Healthy();
        // A connection of its own, outside the pool: what the next connection gets, not what an old one kept.
        // From the configuration: an opened connection's string no longer holds the password.
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString(Data.DatabaseSetup.ConnectionStringName)) { Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT current_setting('transaction_read_only') = 'off' AND NOT pg_is_in_recovery()", connection);
        var writable = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return writable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database refuses writes (read-only or a standby).");
    }
}

/// <summary>Unhealthy while migrations of this build are not applied; once they are, they stay applied, so that is remembered.</summary>
public sealed class MigrationsAppliedCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private volatile bool _applied;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_applied)
            return HealthCheckResult.Healthy();
        await using var scope = scopes.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<QuickscanDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied; run `dotnet Quickscan.Web.dll migrate`.");
        _applied = true;
        return HealthCheckResult.Healthy();
    }
}
