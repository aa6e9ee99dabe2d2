using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Quickscan.Web.Data;

/// <summary>
/// Serialises database preparation (migrations, publishing the shipped questionnaires, seeding roles and the
/// first admin) across app instances: two instances starting together on an empty database would otherwise
/// race, and the loser stops with a unique-key error on the roles. On PostgreSQL a session advisory lock, held
/// on a connection of its own outside the pool (the pool skips the session reset, so a pooled connection could
/// keep the lock); elsewhere (SQLite, one process) nothing.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>An arbitrary key of this app's own ("Quicksca" in ASCII), the same in every instance.</summary>
    private const long Key = 0x517569636b736361;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(IServiceProvider services, QuickscanDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
            return new StartupLock(null);
        // From the settings, not from the context's connection, which no longer holds the password once opened.
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseSetup.ConnectionStringName);
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await OpenAsync(db, connection, cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            // Waits as long as another instance migrates: a long migration must not fail the waiting instance.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The lock lives in the app's database, so that database must exist first: created here when missing, as
    /// Migrate would (an instance that loses the race to create it carries on with the winner's).
    /// </summary>
    private static async Task OpenAsync(QuickscanDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            try
            {
                await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
            }
            catch (PostgresException created) when (created.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
            }

            await connection.OpenAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
            return;
        // Closing the (unpooled) connection ends the session and so releases the lock, also when unlocking fails.
        await using (_connection)
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
            }
        }
    }
}
