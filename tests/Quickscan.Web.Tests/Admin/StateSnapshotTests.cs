using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Reports;

namespace Quickscan.Web.Tests.Admin;

/// <summary>
/// The state of affairs kept as one StateSnapshot row under the stamp of what it is computed from, and in memory
/// with its rendered groups under the same stamp: each change to the closed scans, their organisations or their
/// responses shows on the next view, with the in-memory cache off (every view goes to the database) and on.
/// </summary>
public abstract class StateChangeTests<TApp>(TApp app) where TApp : QuickscanApp
{
    protected TApp App => app;

    protected async Task<Scan> ClosedScanAsync(string sector, int seed)
    {
        var scan = await app.CreateScanAsync(s =>
        {
            s.Status = ScanStatus.Closed;
            s.ClosedAt = DateTimeOffset.UtcNow;
            s.Organisation.Sector = sector;
            s.Organisation.SizeClass = "250-999";
        });
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee"], seed);
        return scan;
    }

    protected static string? Count(AngleSharp.Html.Dom.IHtmlDocument page, string group) =>
        page.QuerySelector($"section.card[data-group='{group}'] .count")?.TextContent;

    private Task<string?> StoredStampAsync() => app.QueryAsync(db => db.StateSnapshots.Select(s => s.Stamp).SingleOrDefaultAsync());

    [Fact]
    public async Task Every_change_to_what_the_state_is_computed_from_shows_on_the_next_view()
    {
        var scans = new List<Scan>();
        for (var i = 0; i < 5; i++)
            scans.Add(await ClosedScanAsync("education", seed: 100 + i));
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        var (response, page) = await admin.GetAsync("/admin/state");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("(5 organisaties)", Count(page, "sector:education"));
        var first = await StoredStampAsync();
        Assert.NotNull(first);
        // Read again from the snapshot: the same page.
        var (_, again) = await admin.GetAsync("/admin/state");
        Assert.Equal(page.QuerySelector("main")!.InnerHtml, again.QuerySelector("main")!.InnerHtml);
        Assert.Equal(first, await StoredStampAsync());
        // The same figures in English: rendered in the reader's language, not the first reader's.
        var (_, english) = await admin.GetAsync("/admin/state?culture=en");
        Assert.Equal("(5 organisations)", Count(english, "sector:education"));
        Assert.Equal("Education", english.QuerySelector("#g-sector-education")!.TextContent.Split(" (")[0].Trim());
        (_, again) = await admin.GetAsync("/admin/state?culture=nl");
        Assert.Equal(page.QuerySelector("main")!.InnerHtml, again.QuerySelector("main")!.InnerHtml);

        // A scan closing.
        var open = await app.CreateScanAsync(s => s.Organisation.Sector = "education");
        await ResponseSeeding.AddAsync(app, open.Id, ["employee", "management", "employee", "support", "employee"], seed: 110);
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Equal("(5 organisaties)", Count(page, "sector:education"));
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == open.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScanStatus.Closed).SetProperty(x => x.ClosedAt, DateTimeOffset.UtcNow)));
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Equal("(6 organisaties)", Count(page, "sector:education"));

        // A scan marked as a test.
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == open.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsTest, true)));
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Equal("(5 organisaties)", Count(page, "sector:education"));

        // An organisation's sector and size class changed.
        await app.ExecuteAsync(db => db.Organisations.Where(o => o.Scans.Any(s => s.Id == scans[0].Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Sector, "finance").SetProperty(x => x.SizeClass, "5000+")));
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Null(Count(page, "sector:education"));
        Assert.Contains(page.QuerySelectorAll("p.state-hidden"), p => p.TextContent.Contains("Onderwijs (4 organisaties)"));
        Assert.Null(Count(page, "size:250-999"));

        // One response of a closed scan deleted: recomputed (a new stamp); all of a scan's responses: it drops out.
        var stamp = await StoredStampAsync();
        await app.ExecuteAsync(async db =>
        {
            var respondent = await db.Respondents.Where(r => r.ScanId == scans[1].Id).Select(r => r.Id).FirstAsync();
            await db.Respondents.Where(r => r.Id == respondent).ExecuteDeleteAsync();
        });
        await admin.GetAsync("/admin/state");
        Assert.NotEqual(stamp, await StoredStampAsync());
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Equal("(5 organisaties)", Count(page, "all:all"));
        await app.ExecuteAsync(db => db.Respondents.Where(r => r.ScanId == scans[1].Id).ExecuteDeleteAsync());
        (_, page) = await admin.GetAsync("/admin/state");
        Assert.Null(Count(page, "all:all"));
        Assert.Contains(page.QuerySelectorAll("p.state-hidden"), p => p.TextContent.Contains("(4 organisaties)"));
    }

}

/// <summary>With the in-memory cache off: every view reads the snapshot row, and a view costs the same few queries whatever the installation's size.</summary>
public sealed class StateSnapshotTests(UncachedApp app) : StateChangeTests<UncachedApp>(app), IClassFixture<UncachedApp>
{
    [Fact]
    public async Task A_view_of_an_unchanged_installation_takes_the_same_few_queries_whatever_its_size()
    {
        var app = App;
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        for (var i = 0; i < 5; i++)
            await ClosedScanAsync("care", seed: 200 + i);
        // The class's other test may have closed scans in this database too: counted from the first view.
        var (_, before) = await admin.GetAsync("/admin/state");
        var organisations = int.Parse(Count(before, "all:all")!.Trim('(').Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        app.Queries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/state")).StatusCode);
        var small = app.Queries.CountWithoutSessionChecks;
        var commands = app.Queries.Commands;

        for (var i = 0; i < 7; i++)
            await ClosedScanAsync("industry", seed: 300 + i);
        await admin.GetAsync("/admin/state");
        app.Queries.Reset();
        var (response, page) = await admin.GetAsync("/admin/state");
        var large = app.Queries.CountWithoutSessionChecks;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"({organisations + 7} organisaties)", Count(page, "all:all"));
        // The closed scans' stamp, the self-scans' count and latest time, the snapshot row: no summary, no scores.
        Assert.Equal(3, small);
        Assert.Equal(small, large);
        Assert.DoesNotContain(commands, c => c.Contains("\"ScanSummaries\"", StringComparison.Ordinal) || c.Contains("\"ScoresJson\"", StringComparison.Ordinal));
    }
}

/// <summary>As configured: figures and rendered groups kept in memory under the stamp, never shown behind it.</summary>
public sealed class CachedStateTests(QuickscanApp app) : StateChangeTests<QuickscanApp>(app), IClassFixture<QuickscanApp>;
