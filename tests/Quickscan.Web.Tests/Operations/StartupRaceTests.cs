using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>Several instances starting together on one empty database (a scale-out's first deployment).</summary>
[Collection(AloneCollection.Name)]
public sealed class StartupRaceTests
{
    /// <summary>An instance on a database it does not own: the test creates and drops it.</summary>
    private sealed class Instance : QuickscanApp
    {
        public Instance(string connectionString) => ConnectionString = connectionString;

        public override Task InitializeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Three_instances_starting_together_on_an_empty_database_all_come_up_with_one_set_of_roles()
    {
        await using var database = await TestDatabase.CreateAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => new Instance(database.ConnectionString)).ToList();
        try
        {
            // Each host starts (migrations, questionnaires, roles) on a thread of its own, at the same moment.
            using var go = new Barrier(instances.Count);
            await Task.WhenAll(instances.Select(instance => Task.Run(() =>
            {
                go.SignalAndWait();
                _ = instance.Services;
            })));

            foreach (var instance in instances)
                Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/health/ready")).StatusCode);
            var roles = await instances[0].QueryAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());
            Assert.Equal(Roles.All.Order(), roles.Order());
            var migrations = await instances[0].QueryAsync(db => db.Database.GetPendingMigrationsAsync());
            Assert.Empty(migrations);
        }
        finally
        {
            foreach (var instance in instances)
                await instance.DisposeAsync();
        }
    }
}
