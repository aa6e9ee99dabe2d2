using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Admin;

/// <summary>The state of affairs on the embedded SQLite default: its stamp's queries translate there and its snapshot row is written and read.</summary>
public sealed class SqliteStateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_state_of_affairs_is_summarised_kept_and_read_again_on_SQLite()
    {
        for (var i = 0; i < 5; i++)
        {
            var closed = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = DateTimeOffset.UtcNow; });
            await ResponseSeeding.AddAsync(app, closed.Id, ["employee", "employee", "management", "employee", "support"], seed: 40 + i);
        }

        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (response, page) = await admin.GetAsync("/admin/state");
        var (again, second) = await admin.GetAsync("/admin/state");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("5 organisaties", page.QuerySelector("section.card[data-group='all:all']")!.TextContent);
        Assert.Equal(page.QuerySelector("main")!.InnerHtml, second.QuerySelector("main")!.InnerHtml);
        Assert.Equal(1, await app.QueryAsync(db => db.StateSnapshots.CountAsync()));
    }
}
