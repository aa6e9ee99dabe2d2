using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The report takes a fixed number of queries, whatever the number of respondents and closed scans.
/// Its own app and database, so no other test's queries or scans are counted.
/// </summary>
public sealed class ReportQueryCountTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private async Task ClosedScanAsync(string sector, int seed)
    {
        var scan = await app.CreateScanAsync(s =>
        {
            s.Status = ScanStatus.Closed;
            s.Organisation.Sector = sector;
        });
        // A benchmark member has at least its anonymity threshold (5) of responses.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee"], seed);
    }

    [Fact]
    public async Task The_report_takes_a_fixed_number_of_queries_however_many_scans_and_respondents()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var previous = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.CreatedAt = DateTimeOffset.UtcNow.AddYears(-1); }, organisation);
        await ResponseSeeding.AddAsync(app, previous.Id, ["employee", "employee"], seed: 1);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management"], seed: 2);
        for (var i = 0; i < 5; i++)
            await ClosedScanAsync("care", seed: 600 + i);
        var url = $"/scans/{scan.Id}/report";
        // The questionnaire is read once per app and then kept in memory: not part of what is counted here.
        await app.Services.GetRequiredService<QuestionnaireCache>().GetAsync(scan.QuestionnaireVersionId);

        app.Queries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(url)).StatusCode);
        var cold = app.Queries.CountWithoutSessionChecks;

        app.Queries.Reset();
        await client.Http.GetAsync(url);
        var warm = app.Queries.CountWithoutSessionChecks;

        // Many more respondents and closed scans: still the same number of queries.
        await ResponseSeeding.AddAsync(app, scan.Id, Enumerable.Repeat<string?>("employee", 60).ToList(), seed: 3);
        for (var i = 0; i < 6; i++)
            await ClosedScanAsync("education", seed: 700 + i);
        app.Queries.Reset();
        var (response, page) = await client.GetAsync(url);
        var larger = app.Queries.CountWithoutSessionChecks;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Gebaseerd op 63 ingestuurde reacties.", Text(page.QuerySelector("#summary")));
        Assert.Contains("Vergeleken met 5 gesloten scans", Text(page.QuerySelector("#benchmark")));
        // Cold: scan (with its hidden quotes), its responses counted in one pass; its result kept in the database (none yet), its scores, and the
        // result stored (an update of an older row, a look for one, the insert); notes; assessments; steps; the previous scan; the
        // candidates; for each of those two, the scans' results versions and their kept summaries, and, as these scans
        // were closed without one (scans closed before summaries existed), their scores read in one snapshot (two
        // queries) and the summaries inserted in one batch; this scan's answers (the instrument's figures, quotes and
        // response rates).
        // Warm, nothing new: the scan, its counts, notes, assessments, steps, the previous scan and the candidates, with their
        // versions; the aggregates, the summaries and the answers come from memory.
        // Larger: new responses and six new closed scans: this scan's new scores and those respondents' answers (nothing
        // written: the kept result is only rewritten after a full read), the new scans' summaries computed as on the cold
        // view (whatever their number).
        Assert.Equal((23, 9, 15), (cold, warm, larger));
    }
}
