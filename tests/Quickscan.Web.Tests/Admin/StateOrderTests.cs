using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Admin;

/// <summary>The state of affairs lists size classes in size order, not as text ("1000-4999" sorts before "50-249" as text). Its own app: the page summarises every closed scan there is.</summary>
public sealed class StateOrderTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Size_classes_are_in_size_order()
    {
        foreach (var (size, seed) in new[] { ("5000+", 1), ("50-249", 2), ("1000-4999", 3) })
        {
            var scan = await app.CreateScanAsync(s => s.Organisation.SizeClass = size);
            await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed);
            await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == scan.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScanStatus.Closed).SetProperty(x => x.ClosedAt, DateTimeOffset.UtcNow)));
        }

        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (response, page) = await admin.GetAsync("/admin/state");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Each of these groups has one organisation: all three on the section's one muted line, in size order.
        var line = page.QuerySelector("section[aria-labelledby='d-size'] p.state-hidden")!.TextContent;
        var small = line.IndexOf("50", StringComparison.Ordinal);
        var large = line.IndexOf("1000", StringComparison.Ordinal);
        var largest = line.IndexOf("5000", StringComparison.Ordinal);
        Assert.True(small >= 0 && small < large && large < largest, line);
    }
}
