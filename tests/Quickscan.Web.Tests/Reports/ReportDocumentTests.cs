using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// One report document, three renderings: the consultant's page, the sponsor's page and the PDF show the
/// same sections, figures and texts in the reader's language; steps stay bilingual after an edit; first
/// writes are race-safe. On PostgreSQL.
/// </summary>
public sealed class ReportDocumentTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    private static string Stamp(IHtmlDocument page) => page.QuerySelector("input[name='step.Stamp']")!.GetAttribute("value")!;

    /// <summary>A scan with responses, a previous scan, a benchmark population, a note and an expert assessment: every section has figures.</summary>
    private async Task<(SignedInClient Client, Scan Scan)> FullReportAsync()
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me, "Vergelijk BV");
        var earlier = await app.CreateScanAsync(s => { s.Title = "Nulmeting"; s.Status = ScanStatus.Closed; s.CreatedAt = DateTimeOffset.UtcNow.AddDays(-200); }, organisation);
        await ResponseSeeding.AddAsync(app, earlier.Id, ["employee", "employee", "management"], seed: 3);
        for (var i = 0; i < 5; i++)
        {
            var other = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed, await app.CreateClientAsync(me));
            await ResponseSeeding.AddAsync(app, other.Id, ["employee", "employee", "employee"], seed: 20 + i);
        }

        var scan = await app.CreateScanAsync(s => { s.Title = "Herhaling"; s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(); }, organisation);
        // With their answers: the instrument's sections (don't know, distributions) have figures too.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee", "employee", "employee", "management"], seed: 11, withAnswers: true);
        await app.ExecuteAsync(async db =>
        {
            db.ReportNotes.Add(new ReportNote { ScanId = scan.Id, ConditionKey = ConditionKeys.Organisation, Text = "Eigenaarschap ligt bij één persoon.", UpdatedAt = DateTimeOffset.UtcNow });
            db.ExpertAssessments.Add(new ExpertAssessment { ScanId = scan.Id, ConditionKey = ConditionKeys.Usage, Level = 2, Comment = "Vooral lezers.", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        return (await SignedInClient.SignInAsync(app, me), scan);
    }

    [Fact]
    public async Task Every_table_of_the_report_scrolls_in_its_own_labelled_box_on_the_page_and_the_sponsors_view()
    {
        var (client, scan) = await FullReportAsync();
        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report");
        var (_, sponsor) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/r/{scan.ReportToken}");
        foreach (var view in new[] { page, sponsor })
        {
            var tables = view.QuerySelectorAll("main table").ToList();
            Assert.True(tables.Count >= 10, $"{tables.Count} tables");
            // How wide a table gets depends on its words (a level name, the language, a previous scan, a benchmark):
            // none may widen the page on a phone, so each scrolls in a box named by the table's caption.
            Assert.All(tables, table =>
            {
                var box = table.ParentElement!;
                Assert.Contains("table-scroll", box.ClassList);
                Assert.Equal("region", box.GetAttribute("role"));
                var label = box.GetAttribute("aria-labelledby");
                Assert.False(string.IsNullOrEmpty(label));
                Assert.NotNull(view.GetElementById(label!));
            });
            var ids = view.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Page_and_PDF_show_the_same_sections_and_figures_in_the_readers_language(string code)
    {
        var (client, scan) = await FullReportAsync();

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={code}");
        var response = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang={code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = Squeeze(PdfText(await response.Content.ReadAsByteArrayAsync()));

        // Every section, in the same order (after the cover and the contents page, which lists them too).
        var headings = page.QuerySelectorAll("#report-body > section > h2").Select(h => Squeeze(h.TextContent)).ToList();
        Assert.Equal(12, headings.Count);
        var position = pdf.IndexOf(Squeeze(code == "en" ? "Contents" : "Inhoud"), StringComparison.Ordinal);
        Assert.True(position >= 0, "contents page");
        foreach (var heading in headings)
            Assert.True(pdf.IndexOf(heading, position + 1, StringComparison.Ordinal) > position, $"contents lists {heading}");
        position = pdf.IndexOf(headings[^1], position + 1, StringComparison.Ordinal);
        foreach (var heading in headings)
        {
            var next = pdf.IndexOf(heading, position + 1, StringComparison.Ordinal);
            Assert.True(next > position, $"section {heading} in order");
            position = next;
        }

        // Every figure and label the page shows in its tables, facts, pills and steps is in the PDF.
        var figures = page.QuerySelectorAll("#report-body table.data caption, #report-body table.data th, #report-body table.data td, #report-body .facts-list dt, #report-body .facts-list dd, #report-body .level-badge, #report-body .index, #report-body .step-title-text, #report-body .report-note > p.preserve-lines")
            .Select(e => Squeeze(e.TextContent)).Where(t => t.Length > 0).Distinct().ToList();
        Assert.True(figures.Count > 100, $"only {figures.Count} figures");
        var missing = figures.Where(f => !pdf.Contains(f, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in the PDF: " + string.Join(" | ", missing));

        // In the reader's language, from the same document.
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        Languages.TryParse(code, out var language);
        var other = language == Language.En ? Language.Nl : Language.En;
        foreach (var condition in questionnaire.Conditions)
        {
            Assert.Contains(Squeeze(condition.Name[language]), pdf);
            Assert.DoesNotContain(Squeeze(condition.Name[other]), pdf);
        }
    }

    [Fact]
    public async Task The_sponsor_sees_the_same_document_and_downloads_it_as_PDF_in_the_chosen_language()
    {
        var (client, scan) = await FullReportAsync();
        var sponsor = new RespondentClient(app, scan.ShareToken);

        var (_, consultantPage) = await client.GetAsync($"/scans/{scan.Id}/report?culture=en");
        var (response, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        static List<string> Figures(IHtmlDocument page) => page.QuerySelectorAll("#report-body > section > h2, #report-body table.data td, #report-body .level-badge").Select(e => Squeeze(e.TextContent)).ToList();
        Assert.Equal(Figures(consultantPage), Figures(sponsorPage));
        Assert.Empty(sponsorPage.QuerySelectorAll("main form"));

        var link = sponsorPage.QuerySelector("a[href*='handler=Pdf']")!.GetAttribute("href")!;
        var download = await sponsor.Http.GetAsync(link + "&culture=en");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString());
        var pdf = Squeeze(PdfText(await download.Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze("Next steps"), pdf);
        Assert.Contains(Squeeze("Vergelijk BV"), pdf);

        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.Http.GetAsync($"/r/{Quickscan.Web.Infrastructure.Tokens.New()}?handler=Pdf")).StatusCode);
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReportToken, (string?)null)));
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Edited_steps_stay_bilingual_and_only_the_consultants_own_text_is_marked_as_single_language()
    {
        var (client, scan) = await FullReportAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, english) = await client.GetAsync($"{url}?culture=en");
        var englishTitles = english.QuerySelectorAll("#steps .step-title-text").Select(Text).ToList();
        var (_, dutch) = await client.GetAsync($"{url}?culture=nl");
        var dutchTitles = dutch.QuerySelectorAll("#steps .step-title-text").Select(Text).ToList();
        Assert.True(englishTitles.Count >= 3);

        // The consultant rewrites step 2 in Dutch and gives step 1 an owner and a horizon.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=SaveStep", dutch,
        [
            new("step.Position", "2"), new("step.Stamp", Stamp(dutch)), new("step.Title", "Eigen stap"), new("step.Text", "Zelf geschreven."),
        ])).StatusCode);
        var (_, afterFirst) = await client.GetAsync($"{url}?culture=nl");
        var firstStep = afterFirst.QuerySelectorAll("#steps ol.report-steps > li")[0];
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=SaveStep", afterFirst,
        [
            new("step.Position", "1"), new("step.Stamp", Stamp(afterFirst)),
            new("step.Title", firstStep.QuerySelector("input[name='step.Title']")!.GetAttribute("value")!),
            new("step.Text", firstStep.QuerySelector("textarea[name='step.Text']")!.TextContent),
            new("step.Why", firstStep.QuerySelector("textarea[name='step.Why']")!.TextContent),
            new("step.Owner", "Directeur HR"), new("step.HorizonDays", "90"),
        ])).StatusCode);

        var (_, englishAfter) = await client.GetAsync($"{url}?culture=en");
        var titles = englishAfter.QuerySelectorAll("#steps .step-title-text").Select(Text).ToList();
        Assert.Equal([englishTitles[0], "Eigen stap", .. englishTitles.Skip(2)], titles);
        var steps = englishAfter.QuerySelectorAll("#steps ol.report-steps > li");
        Assert.Equal("This step was written in Dutch.", Text(steps[1].QuerySelector(".step-language")));
        Assert.Null(steps[0].QuerySelector(".step-language"));
        Assert.Equal("Directeur HR", Text(steps[0].QuerySelector(".step-owner")));
        Assert.Equal("within 90 days", Text(steps[0].QuerySelector(".step-horizon")));

        var (_, dutchAfter) = await client.GetAsync($"{url}?culture=nl");
        Assert.Equal([dutchTitles[0], "Eigen stap", .. dutchTitles.Skip(2)], dutchAfter.QuerySelectorAll("#steps .step-title-text").Select(Text));
        Assert.Empty(dutchAfter.QuerySelectorAll("#steps .step-language"));
        Assert.Equal("binnen 90 dagen", Text(dutchAfter.QuerySelector("#steps .step-horizon")));

        var pdf = Squeeze(PdfText(await (await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=en")).Content.ReadAsByteArrayAsync()));
        Assert.Contains(Squeeze(englishTitles[0]), pdf);
        Assert.Contains(Squeeze("Owner: Directeur HR"), pdf);
        Assert.Contains(Squeeze("This step was written in Dutch."), pdf);
    }

    [Fact]
    public async Task Six_simultaneous_first_step_edits_leave_one_list_and_the_others_get_409()
    {
        var (client, scan) = await FullReportAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync(url);
        var generated = page.QuerySelectorAll("#steps ol.report-steps > li").Length;
        var stamp = Stamp(page);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsync($"{url}?handler=SaveStep", page,
            [new("step.Position", "0"), new("step.Stamp", stamp), new("step.Title", $"Tab {i}"), new("step.Text", "x")])));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var positions = await app.QueryAsync(db => db.ReportNextSteps.Where(s => s.ScanId == scan.Id).OrderBy(s => s.Position).Select(s => s.Position).ToListAsync());
        Assert.Equal(Enumerable.Range(1, generated + 1), positions);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == scan.Id.ToString() && a.Action == "report.steps-changed")));
    }

    [Fact]
    public async Task Simultaneous_first_notes_on_a_condition_end_as_one_note_without_an_error()
    {
        var (client, scan) = await FullReportAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync(url);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostAsync($"{url}?handler=Note", page,
            [new("note.ConditionKey", ConditionKeys.Purposefulness), new("note.Text", $"Notitie {i}")])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var notes = await app.QueryAsync(db => db.ReportNotes.Where(n => n.ScanId == scan.Id && n.ConditionKey == ConditionKeys.Purposefulness).Select(n => n.Text).ToListAsync());
        Assert.Single(notes);
        Assert.StartsWith("Notitie ", notes[0]);
    }
}
