using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The instrument's own figures in the report, on PostgreSQL: don't-know findings and shares, answer
/// distributions, open answers as quotes (the anonymity threshold, hiding and its undo), headcounts and
/// response rates; the consultant's page, the sponsor's view and the PDF. Every expected figure is counted by hand
/// from the seeded answers below.
/// </summary>
public sealed class ReportInstrumentTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(1);

    private const string Goals = "purposefulness.goals.1";
    private const string Open = "usage.performance.open";

    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    /// <summary>The first agreement question of usage.effort: its answers are set by hand.</summary>
    private static string Effort => Questionnaire.Factor("usage.effort").Questions.First(q => q.Kind == QuestionKind.Agreement).Key;

    private static string QuestionText(string key, Language language)
    {
        Questionnaire.TryGetQuestion(key, out var question);
        return Questionnaire.Render(question.Text, language, null)!;
    }

    /// <summary>
    /// Respondent i (0–7): "don't know" on the goals question for i &lt; 5 (5 of 8); on the effort question
    /// 1, 1, 2, 3, 3, 4, 5, don't know; an open answer "Citaat i" for i &lt; 6. Everything else: a 3 or the
    /// first option. Departments: Zorg ×6, ICT ×2; role groups: employee ×7, management ×1.
    /// </summary>
    private static List<ResponseSeeding.Seeded> Respondents(int count = 8)
    {
        Answer[] effort = [new ScaleAnswer(Effort, 1), new ScaleAnswer(Effort, 1), new ScaleAnswer(Effort, 2), new ScaleAnswer(Effort, 3), new ScaleAnswer(Effort, 3), new ScaleAnswer(Effort, 4), new ScaleAnswer(Effort, 5), new DontKnowAnswer(Effort)];
        return Enumerable.Range(0, count).Select(i =>
        {
            var answers = Questionnaire.Questions
                .Where(q => q.IsScored() && q.Key != Goals && q.Key != Effort)
                .Select<QuestionDefinition, Answer>(q => q.Kind == QuestionKind.Agreement ? new ScaleAnswer(q.Key, 3) : new ChoiceAnswer(q.Key, q.Options![0].Key))
                .ToList();
            answers.Add(i < 5 ? new DontKnowAnswer(Goals) : new ChoiceAnswer(Goals, Questionnaire.Factor("purposefulness.goals").Questions.First(q => q.Key == Goals).Options![1].Key));
            answers.Add(effort[i % effort.Length]);
            if (i < 6)
                answers.Add(new TextAnswer(Open, $"Citaat {i}"));
            return new ResponseSeeding.Seeded(answers, i == 7 ? RoleGroupKeys.Management : RoleGroupKeys.Employee, i < 6 ? "Zorg" : "ICT");
        }).ToList();
    }

    private async Task<(SignedInClient Client, Scan Scan, List<Guid> Respondents)> SeededAsync(int count = 8)
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(), organisation);
        var ids = await ResponseSeeding.AddAnsweredAsync(app, scan.Id, Respondents(count));
        return (await SignedInClient.SignInAsync(app, me), scan, ids);
    }

    [Theory]
    [InlineData("nl", "63% van de medewerkers (5 van 8) antwoordde 'weet ik niet' op: ", "21% (5 van 24)")]
    [InlineData("en", "63% of employees (5 of 8) answered 'don't know' to: ", "21% (5 of 24)")]
    public async Task Dont_know_shares_are_stated_as_findings_with_the_questions_text_and_per_factor(string code, string sentence, string factorShare)
    {
        var (client, scan, _) = await SeededAsync();
        Languages.TryParse(code, out var language);

        var (response, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // 5 of 8 is 62.5%: rounded half away from zero, 63%. Only that question reaches a quarter.
        var findings = page.QuerySelectorAll("#dontknow .report-finding").Select(Text).ToList();
        Assert.Equal([sentence + QuestionText(Goals, language)], findings);
        // The goals factor: its three questions shown to 8 each, 5 don't-knows of 24 answers (20.8%).
        var row = page.QuerySelectorAll("#dontknow-caption ~ tbody tr, #dontknow table.data tbody tr")
            .First(r => Text(r.QuerySelector("th")) == Questionnaire.Factor("purposefulness.goals").Name[language]);
        Assert.Equal(factorShare, Text(row.QuerySelector("td")));
    }

    [Fact]
    public async Task Distributions_equal_the_hand_counts_and_are_in_the_sponsor_view_and_the_PDF()
    {
        var (client, scan, _) = await SeededAsync();

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture=nl");
        static List<string> Row(IHtmlDocument page, string question) =>
            page.QuerySelectorAll("#distributions table.report-distribution tbody tr")
                .First(r => Text(r.QuerySelector(".dist-question")) == question)
                .QuerySelectorAll("td").Select(Text).ToList();

        // 1, 1, 2, 3, 3, 4, 5, don't know: 1→2, 2→1, 3→2, 4→1, 5→1, don't know 1, n.v.t. 0, shown to 8.
        var effort = QuestionText(Effort, Language.Nl);
        Assert.Equal(["2", "1", "2", "1", "1", "1", "0", "8"], Row(page, effort));
        // The goals question (single choice): option 2 ×3, don't know ×5.
        var goals = Row(page, QuestionText(Goals, Language.Nl));
        Assert.Equal("3", goals[1]);
        Assert.Equal(["5", "0", "8"], goals[^3..]);
        // A bar segment per category with answers, widths as shares of those shown (2 of 8 = 25).
        var bar = page.QuerySelectorAll("#distributions table.report-distribution tbody tr").First(r => Text(r.QuerySelector(".dist-question")) == effort).QuerySelector("svg.dist-bar")!;
        Assert.Equal("true", bar.GetAttribute("aria-hidden"));
        Assert.Equal(["25", "12.5", "25", "12.5", "12.5", "12.5"], bar.QuerySelectorAll("rect.seg").Select(r => r.GetAttribute("width")!));

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        Assert.Equal(["2", "1", "2", "1", "1", "1", "0", "8"], Row(sponsorPage, effort));

        var pdf = Squeeze(PdfText(await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl")).Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze(effort + "21211108"), pdf);
    }

    [Fact]
    public async Task Quotes_appear_only_where_the_group_reaches_the_threshold_and_never_with_a_department()
    {
        var (client, scan, _) = await SeededAsync();
        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture=nl");
        var quotes = page.QuerySelectorAll("#quotes .report-quote");
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"Citaat {i}"), quotes.Select(q => Text(q.QuerySelector("blockquote"))));
        Assert.All(quotes, q => Assert.DoesNotContain("Zorg", q.TextContent));
        Assert.DoesNotContain("Medewerker", Text(page.QuerySelector("#quotes ul.report-quotes")));

        // Four respondents answered the open question's scan: under the threshold of 5, no quotes at all.
        var (smallClient, small, _) = await SeededAsync(count: 4);
        var (_, smallPage) = await smallClient.GetAsync($"/scans/{small.Id}/report?culture=nl");
        Assert.Empty(smallPage.QuerySelectorAll("#quotes .report-quote"));
        Assert.NotNull(smallPage.QuerySelector("#quotes .report-no-quotes"));
        Assert.DoesNotContain("Citaat", smallPage.QuerySelector("#report-body")!.TextContent);
    }

    [Fact]
    public async Task A_hidden_quote_vanishes_from_the_sponsor_view_and_the_PDF_but_stays_marked_for_the_consultant()
    {
        var (client, scan, _) = await SeededAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");
        var first = page.QuerySelectorAll("#quotes .report-quote").First(q => Text(q.QuerySelector("blockquote")) == "Citaat 2");
        List<KeyValuePair<string, string>> Fields(IElement quote, string hide) =>
        [
            new("quote.Reference", quote.QuerySelector("input[name='quote.Reference']")!.GetAttribute("value")!),
            new("quote.Hide", hide),
        ];

        // Hidden twice at once: one row, one audit entry at most per saved change, both redirect.
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsync($"{url}?handler=Quote", page, Fields(first, "true"))));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(1, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString() && a.Action == "report.quote-hidden")));
        // The audit trail names the question, never the respondent.
        var respondents = await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id).Select(r => r.Id.ToString()).ToListAsync());
        var entries = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scan.Id.ToString()).ToListAsync());
        Assert.All(entries, e => Assert.DoesNotContain(respondents, id => $"{e.Summary}{e.Before}{e.After}".Contains(id, StringComparison.OrdinalIgnoreCase)));

        var (_, consultant) = await client.GetAsync($"{url}?culture=nl");
        var hidden = consultant.QuerySelectorAll("#quotes .report-quote.is-hidden").ToList();
        Assert.Single(hidden);
        Assert.Equal("Citaat 2", Text(hidden[0].QuerySelector("blockquote")));
        Assert.Equal("Verborgen voor de opdrachtgever", Text(hidden[0].QuerySelector(".report-quote-hidden")));
        Assert.Equal("Weer tonen", Text(hidden[0].QuerySelector("button")));

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        var sponsorQuotes = sponsorPage.QuerySelectorAll("#quotes blockquote").Select(Text).ToList();
        Assert.Equal(5, sponsorQuotes.Count);
        Assert.DoesNotContain("Citaat 2", sponsorQuotes);
        Assert.Empty(sponsorPage.QuerySelectorAll("#quotes form"));

        var pdf = Squeeze(PdfText(await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl")).Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze("“Citaat 1”"), pdf);
        Assert.DoesNotContain(Squeeze("Citaat 2"), pdf);
        var link = sponsorPage.QuerySelector("a[href*='handler=Pdf']")!.GetAttribute("href")!;
        var sponsorPdf = Squeeze(PdfText(await (await sponsor.Http.GetAsync(link)).Content.ReadAsByteArrayAsync()));
        Assert.DoesNotContain(Squeeze("Citaat 2"), sponsorPdf);
        Assert.Contains(Squeeze("Citaat 3"), sponsorPdf);

        // The undo: shown again everywhere.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Quote", consultant, Fields(hidden[0], "false"))).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));
        var (_, again) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        Assert.Contains("Citaat 2", again.QuerySelectorAll("#quotes blockquote").Select(Text));
    }

    [Fact]
    public async Task Response_rates_are_responses_over_the_headcounts_entered_and_small_groups_are_one_muted_line()
    {
        var (client, scan, _) = await SeededAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");
        Assert.NotNull(page.QuerySelector("#response .report-no-headcounts"));
        // The form offers the departments the respondents gave.
        Assert.Equal(["ICT", "Zorg"], page.QuerySelectorAll("#headcounts input[name$='.Name'][name^='headcounts.Departments']").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)));

        // Bad input gives field messages (ReportHeadcountTests).
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Headcounts", page,
        [
            new("headcounts.Departments[0].Name", "Zorg"), new("headcounts.Departments[0].Count", "20"),
            new("headcounts.Departments[1].Name", "ICT"), new("headcounts.Departments[1].Count", "10"),
            new("headcounts.Departments[2].Name", "Financiën"), new("headcounts.Departments[2].Count", ""),
            new("headcounts.RoleGroups[0].Name", RoleGroupKeys.Employee), new("headcounts.RoleGroups[0].Count", "14"),
            new("headcounts.RoleGroups[1].Name", RoleGroupKeys.Management), new("headcounts.RoleGroups[1].Count", "3"),
        ])).StatusCode);

        var (_, after) = await client.GetAsync($"{url}?culture=nl");
        static List<List<string>> Rows(IHtmlDocument page, string id) =>
            page.QuerySelector($"caption#{id}")!.ParentElement!.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(Text).ToList()).ToList();
        // Zorg: 6 of 20 = 30%; ICT (2 responses) is under the threshold of 5: one muted line.
        Assert.Equal([["Zorg", "6", "20", "30%"]], Rows(after, "rates-departments"));
        // Employees: 7 of 14 = 50%; management (1 response) is under the threshold.
        Assert.Equal([["Medewerker", "7", "14", "50%"]], Rows(after, "rates-roles"));
        Assert.Equal(
            ["1 groep met minder dan 5 reacties wordt niet apart getoond.", "1 groep met minder dan 5 reacties wordt niet apart getoond."],
            after.QuerySelectorAll("#response .report-hidden-rates").Select(Text));
        Assert.Equal("20", after.QuerySelectorAll("#headcounts input[name^='headcounts.Departments'][name$='.Count']").First(i => i.GetAttribute("id") == "hc-dep-count-1").GetAttribute("value"));

        // In the sponsor's view and the PDF too, without the form.
        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        Assert.Equal([["Zorg", "6", "20", "30%"]], Rows(sponsorPage, "rates-departments"));
        Assert.Null(sponsorPage.QuerySelector("#headcounts"));
        var pdf = Squeeze(PdfText(await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl")).Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze("Zorg 6 20 30%"), pdf);
        Assert.Contains(Squeeze("Medewerker 7 14 50%"), pdf);
    }

    [Fact]
    public async Task The_item_figures_CSV_has_the_hand_counts_and_the_workbook_only_visible_quotes()
    {
        var (client, scan, ids) = await SeededAsync();
        var response = await client.Http.GetAsync($"/scans/{scan.Id}/export/items?lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.StartsWith("\uFEFFWay in,Question key,Question,Shown,Answered,Don't know,Not applicable,1,2,3,4,5,Distribution", lines[0]);
        // Effort: shown 8, answered 7, don't know 1, not applicable 0, then 2, 1, 2, 1, 1.
        var effort = lines.Single(l => l.Contains($",{Effort},", StringComparison.Ordinal));
        Assert.EndsWith(",8,7,1,0,2,1,2,1,1,1=2; 2=1; 3=2; 4=1; 5=1", effort.TrimEnd('\r'));
        // The goals question: 5 don't know of 8.
        Assert.Contains(",8,3,5,0,", lines.Single(l => l.Contains($",{Goals},", StringComparison.Ordinal)));

        await app.ExecuteAsync(async db =>
        {
            db.HiddenQuotes.Add(new HiddenQuote { RespondentId = ids[2], QuestionKey = Open, ScanId = scan.Id, HiddenAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        var xlsx = await client.Http.GetAsync($"/scans/{scan.Id}/export/xlsx?lang=nl");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("Vragen", MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        Assert.Contains("Respons", MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        var quotes = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Open antwoorden").Cast<IDictionary<string, object?>>().Select(r => r["Antwoord"]?.ToString()).ToList();
        Assert.Equal(["Citaat 0", "Citaat 1", "Citaat 3", "Citaat 4", "Citaat 5"], quotes);
    }
}
