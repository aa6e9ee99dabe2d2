using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>
/// Issue 8, item 7: a submission with fewer than a quarter of its questions answered asks the respondent to
/// confirm, is stored as submitted but not counted, and is in no figure (report, counts, exports' aggregates).
/// On PostgreSQL, through the journey's pages.
/// </summary>
public sealed class QuarterRuleTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static string Text(AngleSharp.Dom.IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    /// <summary>Every condition answered, as JourneyTests does; the start moved back so the response is not "too fast".</summary>
    private async Task<RespondentClient> FullResponseAsync(Scan scan, int seed)
    {
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        foreach (var condition in Questionnaire.Conditions)
            await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, seed));
        await BackdateStartAsync(scan);
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.SubmitAsync()).StatusCode);
        return respondent;
    }

    private Task BackdateStartAsync(Scan scan) => app.ExecuteAsync(db =>
        db.Respondents.Where(r => r.ScanId == scan.Id && r.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-40))));

    /// <summary>Three answers of the first condition: far under a quarter of the questions shown.</summary>
    private static Dictionary<string, string> ThreeAnswers() =>
        JourneyTests.AnswersFor(Questionnaire.Conditions[0], seed: 1)
            .Where(a => Questionnaire.TryGetQuestion(a.Key, out var q) && q.Kind == QuestionKind.Agreement && a.Value != "dk")
            .Take(3).ToDictionary();

    [Fact]
    public async Task An_under_quarter_submission_asks_to_confirm_and_once_confirmed_is_stored_but_in_no_figure()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        await FullResponseAsync(scan, seed: 2);

        var few = new RespondentClient(app, scan.ShareToken);
        await few.StartAsync();
        await few.AnswerAsync(Questionnaire.Conditions[0].Key, ThreeAnswers());
        await BackdateStartAsync(scan);
        var shown = RespondentScoring.Score(Questionnaire, ThreeAnswers().Select(a => (Answer)new ScaleAnswer(a.Key, int.Parse(a.Value, CultureInfo.InvariantCulture))).ToList(), new RespondentProfile(Track.Survey, null)).Shown;

        // The review says how many of how many were answered and that the response will not count.
        var (_, review) = await few.GetAsync(few.Url("/review"));
        Assert.Contains($"Je hebt 3 van de {shown} vragen beantwoord", Text(review.QuerySelector("#uncounted")));
        Assert.Contains("tellen niet mee in de resultaten van de scan", Text(review.QuerySelector("#uncounted")));
        var box = review.QuerySelector("input[type=checkbox][name=ConfirmUncounted]");
        Assert.NotNull(box);
        Assert.True(box.HasAttribute("required"));

        // A post without the confirmation (a tampered form, or no browser validation) submits nothing.
        var unconfirmed = await few.PostAsync(few.Url("/review"), review, []);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var (_, again) = await few.FollowAsync(unconfirmed);
        Assert.Contains("Er is niets verstuurd", Text(again.QuerySelector("#uncounted")));
        var (submittedAt, scores) = await app.QueryAsync(async db => (
            await db.Respondents.Where(r => r.ScanId == scan.Id && r.SubmittedAt == null).CountAsync(),
            await db.RespondentScores.CountAsync(s => s.ScanId == scan.Id)));
        Assert.Equal(1, submittedAt);
        Assert.Equal(1, scores);

        // Confirmed: stored as submitted, scored, but marked not counted.
        var confirmed = await few.PostAsync(few.Url("/review"), review, [new("ConfirmUncounted", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.EndsWith("/result", confirmed.Headers.Location!.OriginalString);
        var (_, result) = await few.FollowAsync(confirmed);
        Assert.Contains("tellen niet mee in de resultaten van de scan", Text(result.QuerySelector("#not-counted")));
        var rows = await app.QueryAsync(db => db.Respondents.AsNoTracking().Include(r => r.Score).Where(r => r.ScanId == scan.Id).OrderBy(r => r.StartedAt).ToListAsync());
        Assert.All(rows, r => Assert.NotNull(r.SubmittedAt));
        Assert.All(rows, r => Assert.NotNull(r.Score));
        Assert.Single(rows, r => !r.Counted);

        // In no figure: the report is based on the one counted response, with its means; it says one was not counted.
        var counted = rows.Single(r => r.Counted);
        var expected = ScanAggregation.Aggregate(Questionnaire, [ScoreSheetJson.Read(counted.Score!.ScoresJson, counted.RoleGroup)], scan.AnonymityThreshold);
        var (_, report) = await consultant.GetAsync($"/scans/{scan.Id}/report");
        var summary = Text(report.QuerySelector("#summary"));
        Assert.Contains("Gebaseerd op 1 ingestuurde reactie.", summary);
        Assert.Contains("Niet geteld (minder dan 25% van de vragen beantwoord) 1", summary);
        var nl = CultureInfo.GetCultureInfo("nl-NL");
        Assert.Contains($"Index {ReportFormat.Score(expected.Index, nl)} van 100", summary);
        foreach (var condition in Questionnaire.Conditions)
        {
            var row = report.QuerySelectorAll("#profile table tr").Single(tr => Text(tr.QuerySelector("th")) == condition.Name.Nl);
            Assert.Equal(ReportFormat.Score(expected.Condition(condition.Key).Mean, nl), Text(row.QuerySelector("td")));
        }

        // The scan's counts say so too.
        var (_, details) = await consultant.GetAsync($"/scans/{scan.Id}");
        Assert.Contains("1 geteld van 2 gestart", Text(details.Body));

        // The exports carry every submission, marked, and aggregate only the counted one.
        var csv = await (await consultant.Http.GetAsync($"/scans/{scan.Id}/export/csv?lang=en")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',').ToList();
        var countedColumn = header.IndexOf("Counted");
        Assert.True(countedColumn > 0);
        Assert.Equal(["Yes", "No"], lines[1..].Select(l => l.Split(',')[countedColumn]));
        using var workbook = new MemoryStream(await (await consultant.Http.GetAsync($"/scans/{scan.Id}/export/xlsx?lang=en")).Content.ReadAsByteArrayAsync());
        var overall = workbook.Query(useHeaderRow: true, sheetName: "Scores per condition").Cast<IDictionary<string, object?>>().Last();
        Assert.Equal(1d, overall["Respondents with a score"]);
    }

    [Fact]
    public async Task An_interview_with_too_few_answers_asks_the_consultant_to_confirm_the_same_way()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        var (_, interviews) = await consultant.GetAsync($"/scans/{scan.Id}/interview");
        var started = await consultant.PostAsync($"/scans/{scan.Id}/interview", interviews, [new("Input.RoleGroup", "support"), new("Input.Department", "")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var (_, review) = await consultant.GetAsync($"/s/{scan.ShareToken}/review");
        Assert.Contains("In dit interview zijn 0 van de", Text(review.QuerySelector("#uncounted")));
        Assert.Equal(HttpStatusCode.OK, (await consultant.PostAsync($"/s/{scan.ShareToken}/review", review, [])).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id && r.SubmittedAt != null)));

        Assert.Equal(HttpStatusCode.Redirect, (await consultant.PostAsync($"/s/{scan.ShareToken}/review", review, [new("ConfirmUncounted", "true")])).StatusCode);
        var interview = await app.QueryAsync(db => db.Respondents.SingleAsync(r => r.ScanId == scan.Id));
        Assert.NotNull(interview.SubmittedAt);
        Assert.False(interview.Counted);
        Assert.Equal(RespondentSource.Interview, interview.Source);
        var (_, list) = await consultant.GetAsync($"/scans/{scan.Id}/interview");
        Assert.Contains("telt niet mee: te weinig vragen beantwoord", Text(list.Body));
    }
}
