using Microsoft.AspNetCore.Hosting;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>The app with one setting given a wrong value, on a throwaway SQLite file: for tests that its start is refused with a message.</summary>
public sealed class MisconfiguredApp(string key, string value) : QuickscanApp
{
    protected override string Provider => "Sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ConnectionString = $"Data Source={Path.Combine(Path.GetTempPath(), $"quickscan-settings-{Guid.NewGuid():N}.db")}";
        base.ConfigureWebHost(builder);
        builder.UseSetting(key, value);
    }
}
