using System.Net;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using static Quickscan.Web.Tests.SelfScan.SelfScanForms;

namespace Quickscan.Web.Tests.SelfScan;

/// <summary>
/// Item 5 of the self-scan issue: the self-scans' anonymous results are a population of their own on the admin's
/// state of affairs, shown from five on like any group, and never part of the quickscans' figures or a report's
/// benchmark. A database of its own: every scan and self-scan in it counts.
/// </summary>
public sealed class SelfScanStateTests(SelfScanApp app) : IClassFixture<SelfScanApp>
{
    private static string Text(AngleSharp.Dom.IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    /// <summary>Everything the quickscans' population shows: the state page without its self-scan section, the CSV's quickscan rows, a report's benchmark.</summary>
    private static async Task<(string State, string Csv, string Benchmark)> QuickscanFiguresAsync(SignedInClient admin, SignedInClient consultant, Scan scan)
    {
        var (response, page) = await admin.GetAsync("/admin/state");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        page.QuerySelector("#selfscan-state")!.Remove();
        var csv = await (await admin.Http.GetAsync("/admin/state?handler=Csv")).Content.ReadAsStringAsync();
        var (_, report) = await consultant.GetAsync($"/scans/{scan.Id}/report");
        return (
            page.QuerySelector("main")!.InnerHtml,
            string.Join("\n", csv.Split('\n').Where(line => !line.StartsWith("\"Zelfscans:", StringComparison.Ordinal))),
            report.QuerySelector("#benchmark")!.OuterHtml);
    }

    private async Task SelfScansAsync(int count, int agree, string sector)
    {
        for (var i = 0; i < count; i++)
            ResultToken(await SendAsync(app.Browser(), Answers(agree), sector: sector, size: "250-999"));
    }

    [Fact]
    public async Task Self_scans_are_their_own_population_from_five_on_and_never_change_the_quickscan_figures_or_the_benchmark()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        for (var i = 0; i < 5; i++)
        {
            var closed = await app.CreateScanAsync(s =>
            {
                s.Status = ScanStatus.Closed;
                s.ClosedAt = DateTimeOffset.UtcNow;
                s.Organisation.Sector = "education";
            });
            await ResponseSeeding.AddAsync(app, closed.Id, ["employee", "management", "employee", "support", "employee"], seed: 40 + i); // a benchmark member: the anonymity threshold of responses
        }

        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management"], seed: 60);
        var before = await QuickscanFiguresAsync(admin, consultant, scan);
        Assert.Contains("Onderwijs", before.State);
        Assert.Contains("5 organisaties", before.State);
        Assert.Contains("Vergeleken met 5 gesloten scans", before.Benchmark); // ranked against the five closed scans

        // No self-scan yet, then four: the section says how many, no figures.
        var (_, empty) = await admin.GetAsync("/admin/state");
        Assert.Equal("Er zijn 0 zelfscans ingevuld; cijfers verschijnen vanaf 5.", Text(empty.QuerySelector("#selfscans-too-few")));
        await SelfScansAsync(4, agree: 2, sector: "education");
        var (_, four) = await admin.GetAsync("/admin/state");
        Assert.Equal("Er zijn 4 zelfscans ingevuld; cijfers verschijnen vanaf 5.", Text(four.QuerySelector("#selfscans-too-few")));
        Assert.Empty(four.QuerySelectorAll("#selfscan-state section.card"));

        // The fifth (same sector) and a sixth from another sector: figures for all of them and for the sector of five;
        // the lone one is only named.
        await SelfScansAsync(1, agree: 2, sector: "education");
        await SelfScansAsync(1, agree: 5, sector: "care");
        var (_, six) = await admin.GetAsync("/admin/state");
        var section = six.QuerySelector("#selfscan-state")!;
        Assert.Null(section.QuerySelector("#selfscans-too-few"));
        var all = section.QuerySelector("section.card[data-group='all:all']")!;
        Assert.Equal("Alle zelfscans (6 zelfscans)", Text(all.QuerySelector("h4")));
        var rows = all.QuerySelectorAll("tbody tr");
        Assert.Equal(4, rows.Length);
        foreach (var row in rows)
            Assert.Equal(6, row.QuerySelectorAll("td").Skip(1).Sum(td => int.Parse(td.TextContent, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Onderwijs (5 zelfscans)", Text(section.QuerySelector("section.card[data-group='sector:education'] h4")));
        Assert.Contains(section.QuerySelectorAll("p.state-hidden"), p => Text(p) == "Te weinig zelfscans om apart te tonen: Zorg (1 zelfscan).");
        Assert.Contains(section.QuerySelectorAll("section.card[data-group^='year:'] h4"), h => Text(h).EndsWith("(6 zelfscans)", StringComparison.Ordinal));
        // Headings under the section's own h2 and ids of their own: none repeats a quickscan group's.
        var ids = six.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var csv = await (await admin.Http.GetAsync("/admin/state?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Contains("\"Zelfscans: Alle zelfscans\";\"all\";\"6\"", csv);
        Assert.Contains("\"Zelfscans: Per sector\";\"care\";\"1\";\"Minder dan vijf zelfscans: geen cijfers.\"", csv);

        // The quickscans' state of affairs and the report's benchmark are exactly as before.
        var after = await QuickscanFiguresAsync(admin, consultant, scan);
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.Csv, after.Csv);
        Assert.Equal(before.Benchmark, after.Benchmark);
    }
}
