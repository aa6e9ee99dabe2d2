using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// Issue 8, item 7: responses flagged at submit (the same answer everywhere, faster than plausible) are counted
/// apart in the report; the consultant's "exclude flagged responses" takes them out of every figure (the report,
/// the sponsor's view and PDF, the exports' aggregates), and bad posts to it change nothing. On PostgreSQL.
/// </summary>
public sealed class ResponseQualityReportTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
    private static readonly CultureInfo Nl = CultureInfo.GetCultureInfo("nl-NL");

    private static string Text(AngleSharp.Dom.IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The same answer on every question: agreement "3", a choice's first option.</summary>
    private static Dictionary<string, string> StraightAnswers(ConditionDefinition condition) =>
        condition.Factors.SelectMany(f => f.Questions).ToDictionary(q => q.Key, q => q.Kind switch
        {
            QuestionKind.Agreement => "3",
            QuestionKind.SingleChoice => q.Options![0].Key,
            _ => "Open antwoord",
        });

    /// <summary>A response through the journey: every condition answered; unless <paramref name="fast"/>, started 40 minutes before submitting.</summary>
    private async Task RespondAsync(Scan scan, Func<ConditionDefinition, Dictionary<string, string>> answers, bool fast = false)
    {
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        foreach (var condition in Questionnaire.Conditions)
            await respondent.AnswerAsync(condition.Key, answers(condition));
        if (!fast)
        {
            await app.ExecuteAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id && r.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-40))));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await respondent.SubmitAsync()).StatusCode);
    }

    /// <summary>The report's figures, as the sponsor-view test compares them: section headings, table cells, level badges.</summary>
    private static List<string> Figures(IHtmlDocument page) =>
        page.QuerySelectorAll("#report-body > section:not(#summary) > h2, #report-body table.data td, #report-body .level-badge").Select(e => Squeeze(e.TextContent)).ToList();

    private Task<Scan> ScanAsync(Guid id) => app.QueryAsync(db => db.Scans.AsNoTracking().SingleAsync(s => s.Id == id));

    private static HttpRequestMessage ToggleWithoutToken(Guid scanId, Guid version, bool exclude) => new(HttpMethod.Post, $"/scans/{scanId}/report?handler=ExcludeFlagged")
    {
        Content = new FormUrlEncodedContent([new("flagged.Exclude", exclude ? "true" : "false"), new("flagged.Version", version.ToString())]),
    };

    [Fact]
    public async Task Flagged_responses_are_counted_apart_and_excluding_them_gives_exactly_the_figures_without_them()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New(), await app.CreateClientAsync(me, "Kwaliteit BV"));
        await RespondAsync(scan, c => JourneyTests.AnswersFor(c, seed: 1));
        await RespondAsync(scan, c => JourneyTests.AnswersFor(c, seed: 2));
        await RespondAsync(scan, c => JourneyTests.AnswersFor(c, seed: 3));
        await RespondAsync(scan, StraightAnswers);
        await RespondAsync(scan, c => JourneyTests.AnswersFor(c, seed: 4), fast: true);

        // The flags are computed at submit and stored on the respondent.
        var rows = await app.QueryAsync(db => db.Respondents.AsNoTracking().Include(r => r.Score).Where(r => r.ScanId == scan.Id).OrderBy(r => r.SubmittedAt).ToListAsync());
        Assert.Equal([false, false, false, true, false], rows.Select(r => r.StraightLining));
        Assert.Equal([false, false, false, false, true], rows.Select(r => r.TooFast));
        Assert.All(rows, r => Assert.True(r.Counted));

        // Off (the default): they count, and the report counts them apart.
        var url = $"/scans/{scan.Id}/report";
        var (_, report) = await consultant.GetAsync(url);
        var summary = Text(report.QuerySelector("#summary"));
        Assert.Contains("Gebaseerd op 5 ingestuurde reacties.", summary);
        Assert.Contains("Gemarkeerd: overal hetzelfde antwoord 1", summary);
        Assert.Contains("Gemarkeerd: sneller ingevuld dan aannemelijk 1", summary);
        Assert.Contains("De 2 gemarkeerde reacties tellen mee in de cijfers.", summary);
        Assert.Contains("2 getelde reacties zijn gemarkeerd (overal hetzelfde antwoord: 1; sneller dan aannemelijk: 1).", Text(report.QuerySelector("#quality")));

        // On: the figures are exactly those of the three unflagged responses, as the domain aggregates them...
        var toggle = await consultant.PostAsync(url + "?handler=ExcludeFlagged", report, [new("flagged.Exclude", "true"), new("flagged.Version", (await ScanAsync(scan.Id)).Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
        Assert.True((await ScanAsync(scan.Id)).ExcludeFlagged);
        var kept = rows.Where(r => !r.StraightLining && !r.TooFast).Select(r => ScoreSheetJson.Read(r.Score!.ScoresJson, r.RoleGroup)).ToList();
        var expected = ScanAggregation.Aggregate(Questionnaire, kept, scan.AnonymityThreshold);
        var (_, excluded) = await consultant.GetAsync(url);
        summary = Text(excluded.QuerySelector("#summary"));
        Assert.Contains("Gebaseerd op 3 ingestuurde reacties.", summary);
        Assert.Contains("2 gemarkeerde reacties zijn uitgesloten", summary);
        Assert.Contains($"Index {ReportFormat.Score(expected.Index, Nl)} van 100", summary);
        foreach (var condition in Questionnaire.Conditions)
        {
            var row = excluded.QuerySelectorAll("#profile table tr").Single(tr => Text(tr.QuerySelector("th")) == condition.Name.Nl);
            Assert.Equal(ReportFormat.Score(expected.Condition(condition.Key).Mean, Nl), Text(row.QuerySelector("td")));
        }

        // ...and the same, figure for figure, as a scan that only ever had those three responses.
        var reference = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me, "Referentie BV"));
        await app.ExecuteAsync(async db =>
        {
            foreach (var row in rows.Where(r => !r.StraightLining && !r.TooFast))
            {
                var copy = new Respondent { ScanId = reference.Id, ResumeTokenHash = Tokens.Hash(Tokens.New()), StartedAt = row.StartedAt, LastActivityAt = row.LastActivityAt, SubmittedAt = row.SubmittedAt };
                copy.Score = new RespondentScore { RespondentId = copy.Id, ScanId = reference.Id, Index = row.Score!.Index, ScoresJson = row.Score.ScoresJson, ScoredAt = row.Score.ScoredAt };
                db.Respondents.Add(copy);
            }

            await db.SaveChangesAsync();
        });
        var (_, referenceReport) = await consultant.GetAsync($"/scans/{reference.Id}/report");
        Assert.Equal(Figures(referenceReport), Figures(excluded));

        // The sponsor's view and the PDF say how many were excluded.
        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}");
        Assert.Contains("2 gemarkeerde reacties zijn uitgesloten", Text(sponsorPage.QuerySelector("#summary")));
        Assert.Equal(Figures(excluded), Figures(sponsorPage));
        var pdf = await consultant.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
            Assert.Contains(Squeeze("2 gemarkeerde reacties zijn uitgesloten"), Squeeze(string.Concat(document.GetPages().Select(p => p.Text))));

        // The exports mark the excluded ones and aggregate the rest, as the report does.
        var csv = await (await consultant.Http.GetAsync($"/scans/{scan.Id}/export/csv?lang=en")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        string[] Column(string name) => lines[1..].Select(l => l.Split(',')[header.IndexOf(name)].Trim()).ToArray();
        Assert.Equal(["No", "No", "No", "Yes", "No"], Column("Straight-lining"));
        Assert.Equal(["No", "No", "No", "No", "Yes"], Column("Too fast"));
        Assert.Equal(["No", "No", "No", "Yes", "Yes"], Column("Excluded"));
        using var workbook = new MemoryStream(await (await consultant.Http.GetAsync($"/scans/{scan.Id}/export/xlsx?lang=en")).Content.ReadAsByteArrayAsync());
        var overall = workbook.Query(useHeaderRow: true, sheetName: "Scores per condition").Cast<IDictionary<string, object?>>().Last();
        Assert.Equal(3d, overall["Respondents with a score"]);
        Assert.Equal(ExportScore(expected.Index), overall["Mean score"]);

        // The change is in the audit trail; switching back restores the five.
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scan.flagged-excluded" && a.EntityId == scan.Id.ToString())));
        var back = await consultant.PostAsync(url + "?handler=ExcludeFlagged", excluded, [new("flagged.Exclude", "false"), new("flagged.Version", (await ScanAsync(scan.Id)).Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var (_, restored) = await consultant.GetAsync(url);
        Assert.Contains("Gebaseerd op 5 ingestuurde reacties.", Text(restored.QuerySelector("#summary")));
        Assert.Equal(Figures(report), Figures(restored));
    }

    private static double? ExportScore(Domain.Arithmetic.Rational? value) =>
        value is { } v ? Math.Round(v.ToDouble(), 1, MidpointRounding.AwayFromZero) : null;

    [Fact]
    public async Task Bad_posts_to_the_exclusion_give_4xx_and_change_nothing()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        var other = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var theirs = await app.CreateScanAsync(organisation: await app.CreateClientAsync(await app.CreateUserAsync()));
        var (_, page) = await consultant.GetAsync($"/scans/{scan.Id}/report");
        var version = (await ScanAsync(scan.Id)).Version;
        KeyValuePair<string, string>[] on = [new("flagged.Exclude", "true"), new("flagged.Version", version.ToString())];

        // An unknown scan, and another consultant's: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync($"/scans/{Guid.NewGuid()}/report?handler=ExcludeFlagged", page, on)).StatusCode);
        var theirVersion = (await ScanAsync(theirs.Id)).Version;
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.PostAsync($"/scans/{theirs.Id}/report?handler=ExcludeFlagged", page, [new("flagged.Exclude", "true"), new("flagged.Version", theirVersion.ToString())])).StatusCode);
        var (_, otherPage) = await other.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/scans/{scan.Id}/report?handler=ExcludeFlagged", otherPage, on)).StatusCode);
        // Without the anti-forgery token: 400.
        Assert.Equal(HttpStatusCode.BadRequest, (await consultant.Http.SendAsync(ToggleWithoutToken(scan.Id, version, exclude: true))).StatusCode);
        // Without a version, or with one the scan no longer has: 400 and 409.
        Assert.Equal(HttpStatusCode.BadRequest, (await consultant.PostAsync($"/scans/{scan.Id}/report?handler=ExcludeFlagged", page, [new("flagged.Exclude", "true")])).StatusCode);
        var stale = await consultant.PostAsync($"/scans/{scan.Id}/report?handler=ExcludeFlagged", page, [new("flagged.Exclude", "true"), new("flagged.Version", Guid.NewGuid().ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("De scan is intussen gewijzigd", await stale.Content.ReadAsStringAsync());

        Assert.False((await ScanAsync(scan.Id)).ExcludeFlagged);
        Assert.Equal(version, (await ScanAsync(scan.Id)).Version);
        Assert.False((await ScanAsync(theirs.Id)).ExcludeFlagged);
        Assert.Equal(theirVersion, (await ScanAsync(theirs.Id)).Version);
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scan.flagged-excluded" && (a.EntityId == scan.Id.ToString() || a.EntityId == theirs.Id.ToString()))));
    }
}
