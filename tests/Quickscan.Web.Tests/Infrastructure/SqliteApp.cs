using Microsoft.Data.Sqlite;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>The app on the embedded SQLite default, in a file of its own that is deleted afterwards.</summary>
public sealed class SqliteApp : QuickscanApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"quickscan-test-{Guid.NewGuid():N}.db");

    protected override string Provider => "Sqlite";

    public override Task InitializeAsync()
    {
        ConnectionString = $"Data Source={_file}";
        return base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(file);
    }
}
