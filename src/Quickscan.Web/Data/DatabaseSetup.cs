using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

    public static IServiceCollection AddQuickscanDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException($"Database:Provider is Postgres, but ConnectionStrings:{ConnectionStringName} is not set.");
                services.AddDbContext<QuickscanDbContext, PostgresQuickscanDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                var sqlite = SqliteInContentRoot(connectionString ?? DefaultSqlite, environment.ContentRootPath);
                services.AddDbContext<QuickscanDbContext, SqliteQuickscanDbContext>(o => o.UseSqlite(sqlite));
                break;
        }

        return services;
    }

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
