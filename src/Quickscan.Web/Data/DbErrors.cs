using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Quickscan.Web.Data;

public static class DbErrors
{
    /// <summary>
    /// A unique key or index refused the write: another request wrote the same row first (a double-click,
    /// two tabs). On both providers.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>A foreign key refused the write: the row it belongs to was deleted meanwhile. On both providers.</summary>
    public static bool IsForeignKeyViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 787,
        _ => false,
    };
}
