using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Quickscan.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section "Database" of the configuration.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Unset means: on for SQLite and in Development, off otherwise.</summary>
    public bool? MigrateOnStartup { get; set; }
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Quickscan";
    private const string DefaultSqlite = "Data Source=quickscan.db";

    /// <summary>
    /// Registers a context per provider and resolves <see cref="QuickscanDbContext"/> to the configured one.
    /// Configuration is read when a context is created, not here, so hosts and tests can override it late.
    /// </summary>
    public static IServiceCollection AddQuickscanDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        // Pooled: every request needs a context, and building one (with its EF Core services) costs more
        // CPU than the queries it runs. The options are still built on first use, not here.
        services.AddDbContextPool<PostgresQuickscanDbContext>((sp, o) => o.UseNpgsql(ConnectionString(sp)
            ?? throw new InvalidOperationException($"Database:Provider is Postgres, but ConnectionStrings:{ConnectionStringName} is not set."),
            // Transient failures (a restart, a failover, a dropped connection) are retried, so respondents
            // don't see an error page for a database that is back a second later. Transactions opened by
            // the app run inside CreateExecutionStrategy().ExecuteAsync, so they are retried as a whole.
            // One query for a respondent's page even where it loads two collections: the rows are few, and a
            // split query would cost a round trip more on the hot path (and EF warns on every new query shape).
            npgsql => npgsql.ConfigureDataSource(PostgresDefaults).EnableRetryOnFailure(6, TimeSpan.FromSeconds(5), null)
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
        services.AddDbContextPool<SqliteQuickscanDbContext>((sp, o) => o.UseSqlite(
            SqliteInContentRoot(ConnectionString(sp) ?? DefaultSqlite, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)));
        services.AddScoped<QuickscanDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresQuickscanDbContext>(),
            _ => sp.GetRequiredService<SqliteQuickscanDbContext>(),
        });
        return services;
    }

    /// <summary>
    /// Connection settings that pay off for this app's short, repeated queries (see scripts/load.sh):
    /// auto-prepare, so PostgreSQL parses and plans the few statements every request runs once per
    /// connection (unless the connection string sets Max Auto Prepare itself); and no session reset when a
    /// pooled connection is reused, because the app keeps no session state (no SET, temporary tables,
    /// LISTEN or advisory locks). An open transaction is still rolled back when a connection returns. And at most
    /// <see cref="DefaultMaxPoolSize"/> connections per app instance, unless the connection string sets Maximum Pool
    /// Size: PostgreSQL runs a process per connection and does its best work with a few busy ones per core, and a
    /// burst that opens Npgsql's default of 100 spends its first second on connecting. Requests beyond the pool wait
    /// for a connection in turn, which keeps the tail short: 200 respondents at once, request p99 1.0–1.2 s with 100,
    /// 0.5–0.8 s with 20 (scripts/load.sh, JOURNEY_ONLY=1, 2 cores).
    /// </summary>
    internal static void PostgresDefaults(Npgsql.NpgsqlDataSourceBuilder dataSource)
    {
        var settings = dataSource.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = 20;
        settings.NoResetOnClose = true;
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }.ContainsKey("Maximum Pool Size"))
            settings.MaxPoolSize = DefaultMaxPoolSize;
    }

    /// <summary>Connections per app instance when the connection string doesn't say (see <see cref="PostgresDefaults"/>).</summary>
    internal const int DefaultMaxPoolSize = 20;

    private static string? ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);

    /// <summary>A relative SQLite file lives in the app's content root, wherever the app is started from.</summary>
    private static string SqliteInContentRoot(string connectionString, string contentRoot)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        return builder.ToString();
    }

    public static bool ShouldMigrateOnStartup(this DatabaseOptions options, IHostEnvironment environment) =>
        options.MigrateOnStartup ?? (options.Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());
}

/// <summary>For `dotnet ef`: the PostgreSQL migrations. The connection string is only used by commands that touch a database.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresQuickscanDbContext>
{
    public PostgresQuickscanDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresQuickscanDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Quickscan") ?? "Host=127.0.0.1;Database=quickscan")
            .Options);
}

/// <summary>For `dotnet ef`: the SQLite migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQuickscanDbContext>
{
    public SqliteQuickscanDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteQuickscanDbContext>().UseSqlite("Data Source=quickscan.db").Options);
}
