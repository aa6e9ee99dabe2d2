using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The report of a v2 scan: responses per way in, the perception gap (owner team and management against the
/// employees) and what a scan without an intake lacks, with every expected figure computed by the domain
/// library from the same score sheets. On PostgreSQL.
/// </summary>
public sealed class ReportPerceptionTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static string Text(AngleSharp.Dom.IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A v2 scan: the published version 2 of the quickscan (published here when the app has not done so).</summary>
    private async Task<(Scan Scan, Questionnaire Questionnaire, SignedInClient Client)> V2ScanAsync()
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(2);
        var versionId = await app.QueryAsync(async db =>
        {
            var existing = await db.QuestionnaireVersions.Where(v => v.Key == questionnaire.Key && v.Version == 2).OrderBy(v => v.Revision).Select(v => (int?)v.Id).FirstOrDefaultAsync();
            if (existing is { } id)
                return id;
            var version = new QuestionnaireVersion
            {
                Key = questionnaire.Key,
                Version = questionnaire.Version,
                Kind = questionnaire.Definition.Kind,
                DefinitionJson = QuestionnaireJson.Write(questionnaire.Definition),
                PublishedAt = DateTimeOffset.UtcNow,
                PublishedBy = "test",
            };
            db.QuestionnaireVersions.Add(version);
            await db.SaveChangesAsync();
            return version.Id;
        });
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.QuestionnaireVersionId = versionId, await app.CreateClientAsync(me));
        return (scan, questionnaire, await SignedInClient.SignInAsync(app, me));
    }

    /// <summary>Submitted respondents on one way in, each answering every scored question routed to them; returns their score sheets.</summary>
    private async Task<List<ScoreSheet>> AddAsync(Guid scanId, Questionnaire questionnaire, Track track, IReadOnlyList<string?> roleGroups, int seed, int lean)
    {
        var random = new Random(seed);
        var sheets = new List<ScoreSheet>();
        await app.ExecuteAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var roleGroup in roleGroups)
            {
                var profile = new RespondentProfile(track, roleGroup);
                var answers = questionnaire.Questions
                    .Where(q => q.IsScored() && questionnaire.IsFor(q, profile))
                    .Select<QuestionDefinition, Answer>(q => q.Kind == QuestionKind.Agreement
                        ? new ScaleAnswer(q.Key, Math.Clamp(lean + random.Next(-1, 2), 1, 5))
                        : new ChoiceAnswer(q.Key, q.Options![Math.Clamp(lean - 1 + random.Next(-1, 2), 0, q.Options.Count - 1)].Key))
                    .ToList();
                var result = RespondentScoring.Score(questionnaire, answers, profile);
                var respondent = new Respondent
                {
                    ScanId = scanId,
                    ResumeTokenHash = Tokens.Hash(Tokens.New()),
                    Track = track,
                    RoleGroup = roleGroup,
                    StartedAt = now,
                    LastActivityAt = now,
                    SubmittedAt = now,
                };
                respondent.Score = ScoreSheetJson.ToRow(result, respondent.Id, scanId, roleGroup, now);
                db.Respondents.Add(respondent);
                sheets.Add(result.ToSheet(roleGroup));
            }

            await db.SaveChangesAsync();
        });
        return sheets;
    }

    private static string Score(Domain.Arithmetic.Rational? value, CultureInfo culture) => Domain.Arithmetic.ScoreFormat.Points(value, culture);

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_scan_with_an_intake_and_20_employees_shows_the_counts_per_way_in_and_the_perception_gap(string code)
    {
        var (scan, questionnaire, client) = await V2ScanAsync();
        var sheets = new List<ScoreSheet>();
        sheets.AddRange(await AddAsync(scan.Id, questionnaire, Track.Intake, [null], seed: 1, lean: 5));
        sheets.AddRange(await AddAsync(scan.Id, questionnaire, Track.Survey, [.. Enumerable.Repeat<string?>(RoleGroupKeys.Employee, 14), .. Enumerable.Repeat<string?>(RoleGroupKeys.Management, 6)], seed: 2, lean: 3));
        var expected = ScanAggregation.Aggregate(questionnaire, sheets, scan.AnonymityThreshold);
        Languages.TryParse(code, out var language);
        var culture = Localization.CultureFor(language);

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={code}");

        var ways = page.QuerySelectorAll("#summary .facts-list dd").Select(Text).ToList();
        Assert.Equal(["20", "1"], ways);
        Assert.Empty(page.QuerySelectorAll("#summary .report-lacks-nointake"));

        var rows = page.QuerySelectorAll("#perception table.data tbody tr");
        var shown = expected.PerceptionGaps.Where(g => g.OwnerTeamCount + g.ManagementCount + g.EmployeesCount > 0).ToList();
        Assert.Equal(shown.Count, rows.Length);
        Assert.Contains(shown, g => g.OwnerTeam is not null && g.Employees is not null && g.Management is not null);
        for (var i = 0; i < shown.Count; i++)
        {
            var gap = shown[i];
            var cells = rows[i].QuerySelectorAll("td").Select(Text).ToList();
            Assert.Equal(questionnaire.Condition(gap.Key).Name[language], Text(rows[i].QuerySelector("th")));
            string Group(Domain.Arithmetic.Rational? mean, int count) => mean is null ? (count == 0 ? "–" : "") : $"{Score(mean, culture)} (n = {count})";
            if (gap.OwnerTeam is not null)
                Assert.Equal(Group(gap.OwnerTeam, gap.OwnerTeamCount), cells[0]);
            if (gap.Management is not null)
                Assert.Equal(Group(gap.Management, gap.ManagementCount), cells[1]);
            if (gap.Employees is not null)
                Assert.Equal(Group(gap.Employees, gap.EmployeesCount), cells[2]);
            Assert.Equal(Change(gap.OwnerVsEmployees, culture), cells[3]);
            Assert.Equal(Change(gap.ManagementVsEmployees, culture), cells[4]);
        }

        // A 90% confidence interval beside every factor mean, as the domain computes it.
        var condition = expected.Condition(ConditionKeys.Usage);
        var factorRows = page.QuerySelectorAll($"#condition-{ConditionKeys.Usage} table.data tbody tr").Take(condition.Factors.Count).ToList();
        Assert.Equal(condition.Factors.Count, factorRows.Count);
        for (var i = 0; i < factorRows.Count; i++)
        {
            var interval = condition.Factors[i].Statistics!.Interval90!;
            var figure = $"{Domain.Arithmetic.ScoreFormat.Points(Math.Clamp(interval.Low, 0, 100), culture)}–{Domain.Arithmetic.ScoreFormat.Points(Math.Clamp(interval.High, 0, 100), culture)}";
            Assert.Equal(figure, Text(factorRows[i].QuerySelectorAll("td")[1]));
        }

        // The PDF carries the same table.
        var pdf = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang={code}");
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
        Assert.Contains(Squeeze(Text(page.QuerySelector("#perception-title"))), text);
        foreach (var cell in rows.SelectMany(r => r.QuerySelectorAll("td")).Select(Text))
            Assert.Contains(Squeeze(cell), text);
    }

    private static string Change(Domain.Arithmetic.Rational? value, CultureInfo culture) =>
        value is { } v ? Domain.Arithmetic.ScoreFormat.Rounded(v).ToString("+0;−0;0", culture) : "–";

    [Fact]
    public async Task Management_under_the_threshold_is_hidden_in_the_perception_gap()
    {
        var (scan, questionnaire, client) = await V2ScanAsync();
        var sheets = new List<ScoreSheet>();
        sheets.AddRange(await AddAsync(scan.Id, questionnaire, Track.Intake, [null], seed: 3, lean: 4));
        sheets.AddRange(await AddAsync(scan.Id, questionnaire, Track.Survey, [.. Enumerable.Repeat<string?>(RoleGroupKeys.Employee, 8), RoleGroupKeys.Management, RoleGroupKeys.Management], seed: 4, lean: 2));
        var expected = ScanAggregation.Aggregate(questionnaire, sheets, scan.AnonymityThreshold);
        Assert.All(expected.PerceptionGaps, g => Assert.Null(g.Management));

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture=nl");
        var management = page.QuerySelectorAll("#perception table.data tbody tr").Select(r => Text(r.QuerySelectorAll("td")[1])).ToList();
        Assert.NotEmpty(management);
        Assert.All(management, m => Assert.Equal("minder dan 5", m));
        Assert.All(page.QuerySelectorAll("#perception table.data tbody tr"), r => Assert.Equal("–", Text(r.QuerySelectorAll("td")[4])));
    }

    [Theory]
    [InlineData("nl", "Geen intake: {0} hebben geen score; de intake met het eigenaarsteam ontbreekt.")]
    [InlineData("en", "No intake: {0} have no score; the intake with the owner team is missing.")]
    public async Task A_scan_without_an_intake_says_what_it_lacks_and_shows_no_score_for_those_conditions(string code, string message)
    {
        var (scan, questionnaire, client) = await V2ScanAsync();
        var sheets = await AddAsync(scan.Id, questionnaire, Track.Survey, [.. Enumerable.Repeat<string?>(RoleGroupKeys.Employee, 20)], seed: 5, lean: 4);
        var expected = ScanAggregation.Aggregate(questionnaire, sheets, scan.AnonymityThreshold);
        var lacking = expected.Conditions.Where(c => c.Lacks == ScanGap.NoIntake).Select(c => c.Key).ToList();
        // The domain decides which conditions rest on the intake's facts; at least these two do.
        Assert.Contains(ConditionKeys.Purposefulness, lacking);
        Assert.Contains(ConditionKeys.Organisation, lacking);
        Languages.TryParse(code, out var language);
        var names = lacking.Select(k => questionnaire.Condition(k).Name[language]).ToList();

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={code}");

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, message, string.Join(", ", names[..^1]) + (code == "nl" ? " en " : " and ") + names[^1]), Text(page.QuerySelector("#summary .report-lacks-nointake")));
        Assert.Equal(["20", "0"], page.QuerySelectorAll("#summary .facts-list dd").Select(Text));
        var profile = page.QuerySelectorAll("#profile table.data tbody tr").ToDictionary(r => Text(r.QuerySelector("th")), r => r.QuerySelectorAll("td").Select(Text).ToList());
        foreach (var name in names)
            Assert.Equal("–", profile[name][0]);
        foreach (var condition in expected.Conditions.Where(c => c.Lacks == ScanGap.None))
            Assert.Equal(Score(condition.Score, Localization.CultureFor(language)), profile[questionnaire.Condition(condition.Key).Name[language]][0]);
        Assert.Contains(code == "nl" ? "die intake ontbreekt" : "that intake is missing", Text(page.QuerySelector($"#condition-{ConditionKeys.Purposefulness}")));
    }

    [Fact]
    public async Task The_CSV_export_says_per_row_which_way_in_the_response_came()
    {
        var (scan, questionnaire, client) = await V2ScanAsync();
        await AddAsync(scan.Id, questionnaire, Track.Survey, [RoleGroupKeys.Employee, RoleGroupKeys.Employee], seed: 6, lean: 3);
        await AddAsync(scan.Id, questionnaire, Track.Intake, [null], seed: 7, lean: 4);

        var csv = await (await client.Http.GetAsync($"/scans/{scan.Id}/export/csv?lang=nl")).Content.ReadAsStringAsync();

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Ingang", lines[0]);
        Assert.Equal(2, lines.Skip(1).Count(l => l.Contains("Medewerkersvragenlijst", StringComparison.Ordinal)));
        Assert.Equal(1, lines.Skip(1).Count(l => l.Contains("Intake eigenaarsteam", StringComparison.Ordinal)));
    }
}
