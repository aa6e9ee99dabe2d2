using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>The PostgreSQL connection settings the app applies unless the connection string says otherwise.</summary>
public sealed class DatabaseSettingsTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Theory]
    [InlineData("Host=db;Database=quickscan", DatabaseSetup.DefaultMaxPoolSize)]
    [InlineData("Host=db;Database=quickscan;Maximum Pool Size=50", 50)]
    [InlineData("Host=db;Database=quickscan;maximum pool size=100", 100)]
    [InlineData("Host=db;Database=quickscan;MaxPoolSize=7", 7)]
    public void The_pool_is_capped_unless_the_connection_string_sets_its_size(string connectionString, int expected)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);

        DatabaseSetup.PostgresDefaults(dataSource);

        Assert.Equal(expected, dataSource.ConnectionStringBuilder.MaxPoolSize);
        Assert.Equal(20, dataSource.ConnectionStringBuilder.MaxAutoPrepare);
    }

    [Fact]
    public async Task The_running_app_applies_the_defaults_and_keeps_a_pool_size_the_connection_string_sets()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();

        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString);

        // The tests' connection strings set 200 (TestDatabase): many test classes share one server at once.
        Assert.Equal(200, settings.MaxPoolSize);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(20, settings.MaxAutoPrepare);
    }
}
