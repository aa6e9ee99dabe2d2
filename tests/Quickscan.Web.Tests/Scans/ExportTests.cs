using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Quickscan.Domain.Advice;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;

namespace Quickscan.Web.Tests.Scans;

/// <summary>
/// The app with one scan that has real submitted responses (through the respondent journey), shared by the
/// export tests: a consultant owns it, its anonymity threshold is 3.
/// </summary>
public sealed class ExportApp : QuickscanApp
{
    public const string OrganisationName = "Zorggroep Café Eëndracht’s";
    public const string ScanTitle = "Quickscan voorjaar 2026 – Café";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"klik\")";
    public const string MultilineAnswer = "Meer tijd; minder mail,\nen \"koffie\"";
    public const string SmallDepartment = "Juridische Zaken";

    /// <summary>What each respondent entered: role group, department, the seed of their answers, and answers changed by hand.</summary>
    public static readonly (string? RoleGroup, string? Department, int Seed, Dictionary<string, string> Extra)[] Responses =
    [
        ("management", "Marketing", 0, new() { ["process-integration.processes.open"] = MultilineAnswer }),
        ("employee", "marketing", 1, new()),
        ("employee", "Marketing", 2, new()),
        ("support", SmallDepartment, 3, new()),
        ("employee", null, 4, new() { ["usage.performance.open"] = Formula }),
    ];

    public User Owner { get; private set; } = null!;

    public Scan Scan { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Owner = await CreateUserAsync();
        var organisation = await CreateClientAsync(Owner, OrganisationName);
        Scan = await CreateScanAsync(s => { s.Title = ScanTitle; s.AnonymityThreshold = 3; }, organisation);

        foreach (var (roleGroup, department, seed, extra) in Responses)
            await RespondAsync(roleGroup, department, seed, extra, submit: true);
        // Started and answered but never submitted: not part of any export.
        await RespondAsync("employee", "Marketing", 9, [], submit: false);

        // The response from the small department was an interview.
        await ExecuteAsync(db => db.Respondents
            .Where(r => r.ScanId == Scan.Id && r.Department == SmallDepartment)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Source, RespondentSource.Interview)));
    }

    /// <summary>The answers a respondent of <see cref="Responses"/> gave, as posted.</summary>
    public static Dictionary<string, string> AnswersOf(int respondent)
    {
        var (_, _, seed, extra) = Responses[respondent];
        var answers = ExportTests.Questionnaire.Conditions.SelectMany(c => JourneyTests.AnswersFor(c, seed)).ToDictionary(a => a.Key, a => a.Value);
        foreach (var (key, value) in extra)
            answers[key] = value;
        return answers;
    }

    private async Task RespondAsync(string? roleGroup, string? department, int seed, Dictionary<string, string> extra, bool submit)
    {
        var respondent = new RespondentClient(this, Scan.ShareToken);
        await respondent.StartAsync();
        await respondent.SaveProfileAsync(roleGroup, department);
        foreach (var condition in ExportTests.Questionnaire.Conditions)
        {
            var answers = JourneyTests.AnswersFor(condition, seed);
            foreach (var (key, value) in extra.Where(e => answers.ContainsKey(e.Key)))
                answers[key] = value;
            Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerAsync(condition.Key, answers)).StatusCode);
        }

        if (submit)
            Assert.Equal(HttpStatusCode.Redirect, (await respondent.SubmitAsync()).StatusCode);
    }
}

/// <summary>CSV, Excel and PDF exports of a scan: contents in both languages, anonymity, ownership, formula injection.</summary>
public sealed class ExportTests(ExportApp app, ITestOutputHelper output) : IClassFixture<ExportApp>
{
    public static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Amsterdam).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Url(string format, string? language = null) =>
        $"/scans/{app.Scan.Id}/export/{format}" + (language is null ? "" : $"?lang={language}");

    private async Task<HttpResponseMessage> OwnerGetAsync(string url) =>
        await (await SignedInClient.SignInAsync(app, app.Owner)).Http.GetAsync(url);

    /// <summary>The submitted responses, in submission order, as the database has them.</summary>
    private Task<List<Respondent>> SubmittedAsync() => app.QueryAsync(db => db.Respondents
        .Where(r => r.ScanId == app.Scan.Id && r.SubmittedAt != null)
        .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
        .ToListAsync());

    private static string LocalDate(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Amsterdam).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A posted answer as the export shows it.</summary>
    private static string Expected(QuestionDefinition question, string? posted, Language language) => (question.Kind, posted) switch
    {
        (_, null) => "",
        (QuestionKind.Agreement, "dk") => language == Language.En ? "don't know" : "weet ik niet",
        (QuestionKind.SingleChoice, _) => question.Options!.Single(o => o.Key == posted).Label[language],
        _ => posted,
    };

    private static Answer ToDomain(QuestionDefinition question, string posted) => question.Kind switch
    {
        QuestionKind.Agreement when posted == "dk" => new DontKnowAnswer(question.Key),
        QuestionKind.Agreement => new ScaleAnswer(question.Key, int.Parse(posted, CultureInfo.InvariantCulture)),
        QuestionKind.SingleChoice => new ChoiceAnswer(question.Key, posted),
        _ => new TextAnswer(question.Key, posted),
    };

    private static RespondentResult ScoreOf(Dictionary<string, string> posted) =>
        RespondentScoring.Score(Questionnaire, Questionnaire.Questions.Select(q => ToDomain(q, posted[q.Key])).ToList());

    private static string? ExpectedDepartment(int respondent) => ExportApp.Responses[respondent].Department is null or ExportApp.SmallDepartment ? null : "Marketing";

    private static List<string> ExpectedHeaders(Language language)
    {
        List<string> fixedColumns = language == Language.En
            ? ["No.", "Role group", "Department", "Source", "Way in", "Submitted on", "Counted", "Straight-lining", "Too fast", "Excluded"]
            : ["Nr.", "Rolgroep", "Afdeling", "Bron", "Ingang", "Verstuurd op", "Geteld", "Rechtlijnig", "Te snel", "Uitgesloten"];
        return
        [
            .. fixedColumns,
            .. Questionnaire.Questions.Select(q => q.Text[language]),
            .. Questionnaire.Conditions.Select(c => c.Name[language]),
            "Index",
        ];
    }

    private static (List<string> Headers, List<string[]> Rows) ReadCsv(byte[] bytes, char separator)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { Separator = separator });
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        return (csv.Headers.ToList(), rows);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_CSV_has_a_row_per_submitted_response_with_the_wording_as_headers_and_the_answers_and_scores(string code)
    {
        Languages.TryParse(code, out var language);
        var culture = CultureInfo.GetCultureInfo(language == Language.En ? "en-GB" : "nl-NL");

        var response = await OwnerGetAsync(Url("csv", code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"quickscan-voorjaar-2026-cafe-{(language == Language.En ? "answers" : "antwoorden")}-{Today}.csv", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var separator = language == Language.En ? ',' : ';';
        Assert.StartsWith(language == Language.En ? "No.,Role group," : "Nr.;Rolgroep;", Encoding.UTF8.GetString(bytes[3..]));

        var (headers, rows) = ReadCsv(bytes, separator);
        Assert.Equal(ExpectedHeaders(language), headers);
        var submitted = await SubmittedAsync();
        Assert.Equal(ExportApp.Responses.Length, rows.Count);

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var (roleGroup, _, _, _) = ExportApp.Responses[i];
            var posted = ExportApp.AnswersOf(i);
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), row[0]);
            // Role groups, like departments, only where at least the scan's threshold (3) responded.
            var groupSize = ExportApp.Responses.Count(r => r.RoleGroup == roleGroup);
            Assert.Equal(groupSize >= 3 ? Label($"RoleGroup.{roleGroup}", language) : "", row[1]);
            Assert.Equal(ExpectedDepartment(i) ?? "", row[2]);
            Assert.Equal(ExportApp.Responses[i].Department == ExportApp.SmallDepartment ? "Interview" : "Link", row[3]);
            Assert.Equal(language == Language.En ? "Employee survey" : "Medewerkersvragenlijst", row[4]);
            Assert.Equal(LocalDate(submitted[i].SubmittedAt!.Value), row[5]);
            // Every response here answers every question: counted, and not excluded (the scan excludes nothing).
            Assert.Equal(language == Language.En ? "Yes" : "Ja", row[6]);
            Assert.Equal(language == Language.En ? "No" : "Nee", row[9]);

            var column = 10;
            foreach (var question in Questionnaire.Questions)
            {
                var expected = Expected(question, posted[question.Key], language);
                // A text that a spreadsheet would run as a formula is neutralised with a leading apostrophe.
                if (expected.StartsWith('='))
                    expected = "'" + expected;
                Assert.Equal(expected, row[column++]);
            }

            var scores = ScoreOf(posted);
            foreach (var condition in scores.Conditions)
                Assert.Equal(condition.Score is { } s ? Math.Round(s, 1, MidpointRounding.AwayFromZero).ToString("0.#", culture) : "", row[column++]);
            Assert.Equal(scores.Index is { } index ? Math.Round(index, 1, MidpointRounding.AwayFromZero).ToString("0.#", culture) : "", row[column++]);
            Assert.Equal(headers.Count, column);
        }

        // The open answer with a separator, a quote and a line break survives the round trip.
        Assert.Contains(rows, r => r.Contains(ExportApp.MultilineAnswer));
    }

    /// <summary>A UI text of the app in the given language.</summary>
    private string Label(string key, Language language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Localization.CultureFor(language);
        try
        {
            return app.Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_department_with_fewer_respondents_than_the_threshold_is_left_out_of_every_export()
    {
        var csv = Encoding.UTF8.GetString(await (await OwnerGetAsync(Url("csv", "nl"))).Content.ReadAsByteArrayAsync());
        var xlsx = await (await OwnerGetAsync(Url("xlsx", "nl"))).Content.ReadAsByteArrayAsync();

        Assert.DoesNotContain(ExportApp.SmallDepartment, csv);
        Assert.DoesNotContain(ExportApp.SmallDepartment, SheetXml(xlsx));
        // Three responses named Marketing (in two spellings): at the threshold, so shown, in the usual spelling.
        var (_, rows) = ReadCsv(Encoding.UTF8.GetBytes(csv), ';');
        Assert.Equal(["Marketing", "Marketing", "Marketing", "", ""], rows.Select(r => r[2]));
    }

    [Theory]
    [InlineData("nl", "Antwoorden", "Scores per randvoorwaarde")]
    [InlineData("en", "Answers", "Scores per condition")]
    public async Task The_workbook_has_the_answers_and_the_aggregated_scores(string code, string answersSheet, string scoresSheet)
    {
        Languages.TryParse(code, out var language);

        var response = await OwnerGetAsync(Url("xlsx", code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal($"quickscan-voorjaar-2026-cafe-{(language == Language.En ? "answers" : "antwoorden")}-{Today}.xlsx", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(bytes);
        // Then the report's instrument figures: questions, response rates, visible quotes.
        Assert.Equal([answersSheet, scoresSheet, .. language == Language.En ? new[] { "Questions", "Response", "Open answers" } : ["Vragen", "Respons", "Open antwoorden"]], stream.GetSheetNames());

        stream.Position = 0;
        Assert.Equal(ExpectedHeaders(language), stream.GetColumns(useHeaderRow: true, sheetName: answersSheet)!.ToList());
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true, sheetName: answersSheet).Cast<IDictionary<string, object?>>().ToList();
        var submitted = await SubmittedAsync();
        var headers = ExpectedHeaders(language);
        Assert.Equal(ExportApp.Responses.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var posted = ExportApp.AnswersOf(i);
            Assert.Equal(i + 1d, row[headers[0]]);
            Assert.Equal(ExpectedDepartment(i), row[headers[2]]);
            Assert.Equal(LocalDate(submitted[i].SubmittedAt!.Value), ((DateTime)row[headers[5]]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var question in Questionnaire.Questions)
            {
                var value = posted[question.Key];
                object expected = question.Kind == QuestionKind.Agreement && value != "dk"
                    ? double.Parse(value, CultureInfo.InvariantCulture)
                    : Expected(question, value, language);
                // Text stays text: a value that looks like a formula is the text itself, not a formula.
                Assert.Equal(expected, row[question.Text[language]]);
            }

            var scores = ScoreOf(posted);
            foreach (var condition in scores.Conditions)
                Assert.Equal(condition.Score is { } s ? Math.Round(s, 1, MidpointRounding.AwayFromZero) : null, (double?)row[Questionnaire.Condition(condition.Key).Name[language]]);
        }

        // The aggregated scores: a row per condition, then the overall index.
        var result = ScanAggregation.Aggregate(Questionnaire, Enumerable.Range(0, ExportApp.Responses.Length).Select(i => ScoreOf(ExportApp.AnswersOf(i)).ToSheet(null)).ToList());
        stream.Position = 0;
        var aggregated = stream.Query(useHeaderRow: true, sheetName: scoresSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Questionnaire.Conditions.Count + 1, aggregated.Count);
        var mean = language == Language.En ? "Mean score" : "Gemiddelde score";
        var levelName = language == Language.En ? "Level name" : "Niveaunaam";
        foreach (var (condition, row) in Questionnaire.Conditions.Zip(aggregated))
        {
            var aggregate = result.Condition(condition.Key);
            Assert.Equal(condition.Name[language], row.Values.First());
            Assert.Equal(Math.Round(aggregate.Mean!.Value, 1, MidpointRounding.AwayFromZero), row[mean]);
            Assert.Equal(aggregate.Level!.Name[language], row[levelName]);
        }

        Assert.Equal(Math.Round(result.Index!.Value, 1, MidpointRounding.AwayFromZero), aggregated[^1][mean]);
    }

    [Fact]
    public async Task A_text_that_starts_like_a_formula_is_neutralised_in_CSV_and_plain_text_in_Excel()
    {
        var csv = Encoding.UTF8.GetString(await (await OwnerGetAsync(Url("csv", "en"))).Content.ReadAsByteArrayAsync());
        var xlsx = await (await OwnerGetAsync(Url("xlsx", "en"))).Content.ReadAsByteArrayAsync();

        // CSV: quoted, with an apostrophe in front, so a spreadsheet shows the text and doesn't run it.
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);

        // Excel: a text cell holding exactly the answer; the workbook has no formulas at all.
        var sheets = SheetXml(xlsx);
        Assert.DoesNotMatch("<(x:)?f[ >]", sheets);
        Assert.Matches("<x:c r=\"[A-Z]+6\" t=\"str\"[^>]*><x:v>=HYPERLINK\\(&quot;http://evil.example&quot;,&quot;klik&quot;\\)</x:v>", sheets);
    }

    private static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    /// <summary>Without whitespace: the PDF breaks lines where the page needs it.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_PDF_report_has_the_title_page_the_results_per_condition_and_the_next_steps(string code)
    {
        Languages.TryParse(code, out var language);

        var response = await OwnerGetAsync(Url("pdf", code));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal($"quickscan-voorjaar-2026-cafe-{(language == Language.En ? "report" : "rapport")}-{Today}.pdf", disposition.FileNameStar ?? disposition.FileName!.Trim('"'));

        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Squeeze(PdfText(bytes));
        using (var document = UglyToad.PdfPig.PdfDocument.Open(bytes))
        {
            var titlePage = document.GetPage(1);
            Assert.Equal(595, titlePage.Width, 0);
            Assert.Equal(842, titlePage.Height, 0);
        }

        // Title page: organisation (é, ë and ’ included), scan title, response count.
        Assert.Contains(Squeeze(ExportApp.OrganisationName), text);
        Assert.Contains(Squeeze(ExportApp.ScanTitle), text);
        Assert.Contains(Squeeze(language == Language.En ? "5 submitted questionnaires" : "5 ingestuurde vragenlijsten"), text);

        // The same figures as the domain library gives for these answers.
        var result = ScanAggregation.Aggregate(Questionnaire, Enumerable.Range(0, ExportApp.Responses.Length).Select(i => ScoreOf(ExportApp.AnswersOf(i)).ToSheet(null)).ToList());
        var culture = CultureInfo.GetCultureInfo(language == Language.En ? "en-GB" : "nl-NL");
        Assert.Contains(Squeeze(language == Language.En ? $"Level {result.Level!.Number}: {result.Level.Name.En}" : $"Niveau {result.Level!.Number}: {result.Level.Name.Nl}"), text);
        Assert.Contains(Squeeze(language == Language.En ? $"Index {result.Index!.Value.ToString("0", culture)} out of 100" : $"Index {result.Index!.Value.ToString("0", culture)} van 100"), text);
        foreach (var condition in Questionnaire.Conditions)
        {
            Assert.Contains(Squeeze(condition.Name[language]), text);
            var aggregate = result.Condition(condition.Key);
            Assert.Contains(Squeeze($"{aggregate.Level!.Number} – {aggregate.Level.Name[language]}"), text);
        }

        foreach (var level in Questionnaire.Levels)
            Assert.Contains(Squeeze(level.Name[language]), text);

        // Role groups at or above the scan's threshold (three employees), as on the report page.
        Assert.Contains(Squeeze(Label("Report.Groups", language)), text);
        Assert.Contains(Squeeze(Label("RoleGroup.employee", language)), text);

        // The first next step, with its reason.
        var first = AdvicePlanner.Plan(Questionnaire, result.Profile)[0];
        Assert.Contains(Squeeze(first.Advice[language]), text);
        Assert.Contains(Squeeze(first.Why.Describe(Questionnaire, language)), text);
    }

    [Fact]
    public async Task The_PDF_shows_the_same_figures_and_steps_as_the_report_page()
    {
        var client = await SignedInClient.SignInAsync(app, app.Owner);

        var (_, page) = await client.GetAsync($"/scans/{app.Scan.Id}/report?culture=nl");
        var pdf = Squeeze(PdfText(await (await client.Http.GetAsync(Url("pdf", "nl"))).Content.ReadAsByteArrayAsync()));

        var profile = page.QuerySelectorAll("#profile table.data tbody tr").Select(r => Squeeze(r.TextContent)).ToList();
        Assert.Equal(Questionnaire.Conditions.Count, profile.Count);
        foreach (var row in profile)
            Assert.Contains(row, pdf);
        var steps = page.QuerySelectorAll("#steps .step-title-text").Select(t => Squeeze(t.TextContent)).ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
            Assert.Contains(step, pdf);
    }

    [Fact]
    public async Task The_PDF_compares_with_the_previous_scan_and_the_benchmark_when_there_are_any()
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me, "Vergelijk BV");
        var earlier = await app.CreateScanAsync(s => { s.Title = "Nulmeting"; s.Status = ScanStatus.Closed; }, organisation);
        await SeedAsync(earlier.Id, 4);
        for (var i = 0; i < Questionnaire.Settings.BenchmarkMinimum; i++)
        {
            var other = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed, await app.CreateClientAsync(me));
            await SeedAsync(other.Id, 5, seed: i * 3); // the anonymity threshold of responses: a benchmark member
        }

        var scan = await app.CreateScanAsync(s => s.Title = "Herhaling", organisation);
        await SeedAsync(scan.Id, 6, seed: 11);
        var client = await SignedInClient.SignInAsync(app, me);

        var bytes = await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl")).Content.ReadAsByteArrayAsync();
        var text = Squeeze(PdfText(bytes));

        Assert.Contains(Squeeze("Vergelijking met de vorige scan"), text);
        Assert.Contains(Squeeze("Vergeleken met ‘Nulmeting’"), text);
        Assert.Contains(Squeeze("Benchmark (mediaan)"), text);
        Assert.Contains(Squeeze("in de sector Zorg"), text);
        Assert.Contains(Squeeze("Percentiel"), text);
    }

    [Fact]
    public async Task The_PDF_shows_the_consultants_notes_assessments_and_edited_next_steps()
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.Title = "Notities", await app.CreateClientAsync(me, "Ëindhovense Bouw"));
        await app.ExecuteAsync(async db =>
        {
            db.ReportNotes.Add(new ReportNote { ScanId = scan.Id, ConditionKey = ConditionKeys.Organisation, Text = "Het eigenaarschap ligt nu bij één persoon.", UpdatedAt = DateTimeOffset.UtcNow });
            db.ReportNextSteps.Add(new ReportNextStep { ScanId = scan.Id, Position = 1, ConditionKey = ConditionKeys.Usage, Title = "Start een pilot", Text = "Begin met twee teams.", Why = "Omdat ’t werkt.", UpdatedAt = DateTimeOffset.UtcNow });
            db.ExpertAssessments.Add(new ExpertAssessment { ScanId = scan.Id, ConditionKey = ConditionKeys.Purposefulness, Level = 2, Comment = "Doelen bestaan alleen op papier.", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        foreach (var condition in Questionnaire.Conditions)
            await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, 7));
        await respondent.SubmitAsync();

        var client = await SignedInClient.SignInAsync(app, me);
        var response = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Squeeze(PdfText(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze("Het eigenaarschap ligt nu bij één persoon."), text);
        Assert.Contains(Squeeze("1. Start een pilot"), text);
        Assert.Contains(Squeeze("Begin met twee teams."), text);
        Assert.Contains(Squeeze("Waarom: Omdat ’t werkt."), text);
        Assert.Contains(Squeeze("Oordeel van de adviseur"), text);
        Assert.Contains(Squeeze("Doelen bestaan alleen op papier."), text);
    }

    [Fact]
    public async Task A_scan_without_responses_exports_headers_only_and_a_short_report()
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.Title = "Leeg", await app.CreateClientAsync(me));
        var client = await SignedInClient.SignInAsync(app, me);

        var csv = await client.Http.GetAsync($"/scans/{scan.Id}/export/csv?lang=nl");
        var xlsx = await client.Http.GetAsync($"/scans/{scan.Id}/export/xlsx?lang=nl");
        var pdf = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl");

        var (headers, rows) = ReadCsv(await csv.Content.ReadAsByteArrayAsync(), ';');
        Assert.Equal(ExpectedHeaders(Language.Nl), headers);
        Assert.Empty(rows);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = workbook.Query(useHeaderRow: false, sheetName: "Antwoorden").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(ExpectedHeaders(Language.Nl), Assert.Single(sheet).Values);
        Assert.Contains(Squeeze("Er zijn nog geen reacties ingestuurd."), Squeeze(PdfText(await pdf.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task Without_a_language_the_export_speaks_the_users_language_and_an_unknown_one_is_refused()
    {
        var client = await SignedInClient.SignInAsync(app, app.Owner);

        var english = await client.Http.GetAsync(Url("csv") + "?culture=en");
        var dutch = await client.Http.GetAsync(Url("csv"));
        var unknown = await client.Http.GetAsync(Url("csv", "de"));

        Assert.StartsWith("No.,", Encoding.UTF8.GetString((await english.Content.ReadAsByteArrayAsync())[3..]));
        Assert.StartsWith("Nr.;", Encoding.UTF8.GetString((await dutch.Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Another_consultant_gets_404_on_every_export_and_a_visitor_is_sent_to_sign_in()
    {
        var other = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var visitor = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var url in new[] { Url("csv"), Url("csv", "nl"), Url("xlsx"), Url("xlsx", "en"), Url("pdf"), Url("pdf", "nl"), Url("pdf", "de"), $"/scans/{app.Scan.Id}/export" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
            var anonymous = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }

        var owner = await SignedInClient.SignInAsync(app, app.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/scans/{app.Scan.Id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/scans/{app.Scan.Id}/export/docx")).StatusCode);
        // The handler may also come from the query string, as the ownership walk asks for it.
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/scans/{app.Scan.Id}/export?handler=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.GetAsync($"/scans/{Guid.NewGuid()}/export/csv")).StatusCode);
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(Url("pdf", "en"))).StatusCode);
    }

    [Fact]
    public async Task The_scan_page_offers_the_exports_with_a_language_choice()
    {
        var client = await SignedInClient.SignInAsync(app, app.Owner);

        var (_, page) = await client.GetAsync($"/scans/{app.Scan.Id}");

        var form = page.QuerySelector("section[aria-labelledby=export] form[method=get]")!;
        Assert.Equal(["nl", "en"], form.QuerySelectorAll("select[name=lang] option").Select(o => o.GetAttribute("value")));
        var actions = form.QuerySelectorAll("button[formaction]").Select(b => b.GetAttribute("formaction")!).ToList();
        Assert.Equal([Url("csv"), Url("xlsx"), Url("pdf")], actions);
        foreach (var action in actions)
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(action + "?lang=en")).StatusCode);
    }

    [Fact]
    public async Task Export_and_PDF_times_for_10_and_500_respondents()
    {
        foreach (var count in new[] { 10, 500 })
        {
            var me = await app.CreateUserAsync();
            var scan = await app.CreateScanAsync(s => s.Title = $"Groot {count}", await app.CreateClientAsync(me));
            await SeedAsync(scan.Id, count);
            var client = await SignedInClient.SignInAsync(app, me);
            // Warm up once: the first request of a kind pays for JIT and font loading.
            await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl");

            foreach (var format in new[] { "pdf", "csv", "xlsx" })
            {
                var watch = Stopwatch.StartNew();
                var response = await client.Http.GetAsync($"/scans/{scan.Id}/export/{format}?lang=nl");
                var bytes = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                output.WriteLine($"{format} for {count} respondents: {watch.ElapsedMilliseconds} ms, {bytes.Length / 1024} KB");
                if (format == "csv")
                    Assert.Equal(count, ReadCsv(bytes, ';').Rows.Count);
                if (format == "pdf")
                    Assert.Contains(Squeeze($"{count} ingestuurde vragenlijsten"), Squeeze(PdfText(bytes)));
            }
        }
    }

    /// <summary>Submitted responses written straight to the database, scored as a submission would be.</summary>
    private Task SeedAsync(Guid scanId, int count, int seed = 0) => app.ExecuteAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        string?[] roleGroups = ["employee", "management", "community-manager", "support", "other", null];
        for (var i = 0; i < count; i++)
        {
            var posted = Questionnaire.Conditions.SelectMany(c => JourneyTests.AnswersFor(c, seed + i)).ToDictionary(a => a.Key, a => a.Value);
            var answers = Questionnaire.Questions.Select(q => ToDomain(q, posted[q.Key])).ToList();
            var result = RespondentScoring.Score(Questionnaire, answers);
            var roleGroup = roleGroups[i % roleGroups.Length];
            var respondent = new Respondent
            {
                ScanId = scanId,
                ResumeTokenHash = Tokens.Hash(Tokens.New()),
                RoleGroup = roleGroup,
                Department = $"Afdeling {i % 7}",
                StartedAt = now.AddMinutes(-30),
                LastActivityAt = now,
                SubmittedAt = now.AddSeconds(i),
            };
            respondent.Answers.AddRange(answers.Select(a => a.ToRow(respondent.Id, now)));
            respondent.Score = ScoreSheetJson.ToRow(result, respondent.Id, scanId, roleGroup, now);
            db.Respondents.Add(respondent);
        }

        await db.SaveChangesAsync();
    });
}
