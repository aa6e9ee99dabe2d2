using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The report's quotes on PostgreSQL: the hide form names a quote by an opaque reference (never the respondent's id),
/// and nothing of the report (page, live fragment, sponsor view, PDFs) carries a respondent's id.
/// </summary>
public sealed class ReportQuoteTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(1);

    internal const string Open = "usage.performance.open";

    internal static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    private Task<(SignedInClient Client, Scan Scan, List<Guid> Respondents)> SeededAsync(int count) => SeedAsync(app, count);

    /// <summary><paramref name="count"/> respondents, every scored question a 3 (or the first option), respondent i writes "Antwoord i" (i zero-padded).</summary>
    internal static async Task<(SignedInClient Client, Scan Scan, List<Guid> Respondents)> SeedAsync(QuickscanApp app, int count)
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(), organisation);
        var respondents = Enumerable.Range(0, count).Select(i =>
        {
            var answers = Questionnaire.Questions
                .Where(q => q.IsScored())
                .Select<QuestionDefinition, Answer>(q => q.Kind == QuestionKind.Agreement ? new ScaleAnswer(q.Key, 3) : new ChoiceAnswer(q.Key, q.Options![0].Key))
                .Append(new TextAnswer(Open, $"Antwoord {i:D3}"))
                .ToList();
            return new ResponseSeeding.Seeded(answers, RoleGroupKeys.Employee, "Zorg");
        }).ToList();
        var ids = await ResponseSeeding.AddAnsweredAsync(app, scan.Id, respondents);
        return (await SignedInClient.SignInAsync(app, me), scan, ids);
    }

    private static string Reference(IElement quote) => quote.QuerySelector("input[name='quote.Reference']")!.GetAttribute("value")!;

    [Fact]
    public async Task The_report_holds_no_respondent_id_on_the_page_the_sponsor_view_or_the_PDFs()
    {
        var (client, scan, ids) = await SeededAsync(6);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");
        var quotes = page.QuerySelectorAll("#quotes .report-quote");
        Assert.Equal(6, quotes.Length);
        // One hidden, so the undo form is on the page too.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Quote", page, [new("quote.Reference", Reference(quotes[0])), new("quote.Hide", "true")])).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        var texts = new Dictionary<string, string>
        {
            ["page nl"] = await client.Http.GetStringAsync($"{url}?culture=nl"),
            ["page en"] = await client.Http.GetStringAsync($"{url}?culture=en"),
            ["live fragment"] = await client.Http.GetStringAsync($"{url}?handler=Live"),
            ["sponsor view"] = sponsorPage.DocumentElement.OuterHtml,
            ["PDF"] = PdfText(await client.Http.GetByteArrayAsync($"/scans/{scan.Id}/export/pdf?lang=nl")),
            ["sponsor PDF"] = PdfText(await sponsor.Http.GetByteArrayAsync(sponsorPage.QuerySelector("a[href*='handler=Pdf']")!.GetAttribute("href")!)),
        };
        Assert.Contains("Antwoord 001", texts["page nl"]);
        Assert.Contains("Antwoord 001", texts["sponsor PDF"]);
        foreach (var (what, text) in texts)
        {
            foreach (var id in ids)
            {
                foreach (var form in new[] { "D", "N" })
                    Assert.False(text.Contains(id.ToString(form), StringComparison.OrdinalIgnoreCase), $"The {what} holds respondent id {id}.");
            }
        }

        // Every reference is fresh: the same quote read twice gives two references, so none links two pages' quotes.
        var (_, again) = await client.GetAsync($"{url}?culture=nl");
        Assert.NotEqual(Reference(quotes[1]), Reference(again.QuerySelectorAll("#quotes .report-quote")[1]));
    }

    [Theory]
    [InlineData("nl", "Dat verzoek klopt niet")]
    [InlineData("en", "That request is not valid")]
    public async Task Tampered_foreign_and_garbage_references_give_a_400_page_in_the_users_language_and_change_nothing(string culture, string title)
    {
        var (client, scan, ids) = await SeededAsync(5);
        var (_, otherScan, otherIds) = await SeededAsync(5);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture={culture}");
        var real = Reference(page.QuerySelectorAll("#quotes .report-quote")[0]);
        var references = app.Services.GetRequiredService<QuoteReferences>();
        var flipped = real[..20] + (real[20] == 'A' ? 'B' : 'A') + real[21..];

        string[] bad =
        [
            "garbage",
            "not base64url!",
            flipped,
            real[..^4],
            real + "AAAA",
            new string('A', QuoteReferences.MaxLength + 1),
            // Made for another scan's quote: it doesn't open for this scan.
            references.Protect(otherScan.Id, new ReportQuote(Track.Survey, otherIds[0], Open, "", false)),
            // Made for this scan, but of no open answer, or of a respondent of another scan.
            references.Protect(scan.Id, new ReportQuote(Track.Survey, ids[0], "usage.effort.1", "", false)),
            references.Protect(scan.Id, new ReportQuote(Track.Survey, otherIds[0], Open, "", false)),
            references.Protect(scan.Id, new ReportQuote(Track.Survey, Guid.NewGuid(), Open, "", false)),
            "",
        ];
        foreach (var reference in bad)
        {
            var response = await client.PostAsync($"{url}?handler=Quote&culture={culture}", page, [new("quote.Reference", reference), new("quote.Hide", "true")]);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(title, await response.Content.ReadAsStringAsync());
        }

        // A hide that is no boolean; no anti-forgery token; a real reference posted to a scan the consultant may not see.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{url}?handler=Quote", page, [new("quote.Reference", real), new("quote.Hide", "perhaps")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.PostAsync($"{url}?handler=Quote", new FormUrlEncodedContent([new("quote.Reference", real), new("quote.Hide", "true")]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/scans/{otherScan.Id}/report?handler=Quote", page, [new("quote.Reference", real), new("quote.Hide", "true")])).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id || h.ScanId == otherScan.Id)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString() && a.Action == "report.quote-hidden")));

        // The real reference still works.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Quote", page, [new("quote.Reference", real), new("quote.Hide", "true")])).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));
    }

    [Theory]
    [InlineData(205, "nl", "en nog 200 andere antwoorden")]
    [InlineData(6, "nl", "en nog 1 ander antwoord")]
    [InlineData(12, "en", "and 7 more answers")]
    [InlineData(6, "en", "and 1 more answer")]
    public async Task Five_quotes_a_question_are_shown_then_how_many_more_and_the_consultant_opens_the_rest(int count, string culture, string more)
    {
        var (client, scan, _) = await SeededAsync(count);
        var expected = Enumerable.Range(0, count).Select(i => $"Antwoord {i:D3}").ToList();

        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={culture}");
        var quotes = page.QuerySelector("#quotes")!;
        Assert.Equal(expected[..5], quotes.QuerySelectorAll("ul.report-quotes:not(details ul) blockquote").Select(Text));
        // The rest in a <details> under the count, up to fifty on the page, each with its hide button; beyond that a
        // link to the page of all of them.
        var onReport = Math.Min(count, QuotesBlock.OnReport);
        var rest = quotes.QuerySelector("details.report-quotes-more")!;
        Assert.Equal(more, Text(rest.QuerySelector("summary")));
        Assert.Equal(expected[5..onReport], rest.QuerySelectorAll("blockquote").Select(Text));
        Assert.Equal(onReport, quotes.QuerySelectorAll("form input[name='quote.Reference']").Length);
        Assert.Equal(count > QuotesBlock.OnReport, rest.QuerySelector(".report-quotes-all a") is not null);

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture={culture}");
        // The sponsor opens the rest too, read-only.
        Assert.Equal(expected[..5], sponsorPage.QuerySelectorAll("#quotes ul.report-quotes:not(details ul) blockquote").Select(Text));
        Assert.Equal(more, Text(sponsorPage.QuerySelector("#quotes details.report-quotes-more summary")));
        Assert.Equal(expected[5..onReport], sponsorPage.QuerySelectorAll("#quotes details.report-quotes-more blockquote").Select(Text));
        Assert.Empty(sponsorPage.QuerySelectorAll("#quotes form"));

        var pdf = PdfText(await client.Http.GetByteArrayAsync($"/scans/{scan.Id}/export/pdf?lang={culture}"));
        Assert.All(expected[..5], q => Assert.Contains(q, pdf));
        Assert.All(expected[5..], q => Assert.DoesNotContain(q, pdf));
        Assert.Contains(more.Replace(" ", "", StringComparison.Ordinal), pdf.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quote_hidden_in_the_rest_comes_back_with_the_rest_open_and_a_tampered_list_key_changes_nothing()
    {
        var (client, scan, _) = await SeededAsync(8);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");
        var rest = page.QuerySelector("#quotes details.report-quotes-more")!;
        Assert.False(rest.HasAttribute("open"));
        var quote = rest.QuerySelectorAll(".report-quote").Last();
        var key = quote.QuerySelector("input[name='quote.Block']")!.GetAttribute("value")!;
        Assert.Equal(rest.Id, key);
        // The first five carry no list key: they are not in the rest.
        Assert.Null(page.QuerySelector("#quotes ul.report-quotes:not(details ul) input[name='quote.Block']"));

        foreach (var tampered in new[] { "<script>", "quotes survey", new string('a', 201), "Quotes-X" })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{url}?handler=Quote", page,
                [new("quote.Reference", Reference(quote)), new("quote.Hide", "true"), new("quote.Block", tampered)])).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));

        var response = await client.PostAsync($"{url}?handler=Quote", page, [new("quote.Reference", Reference(quote)), new("quote.Hide", "true"), new("quote.Block", key)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.EndsWith($"?quotes={key}#{key}", location, StringComparison.Ordinal);
        var (_, after) = await client.GetAsync(location.Split('#')[0]);
        var reopened = after.QuerySelector($"#{key}")!;
        Assert.True(reopened.HasAttribute("open"));
        Assert.NotNull(reopened.QuerySelector(".report-quote.is-hidden"));
        // Any other value of the parameter opens nothing.
        var (_, other) = await client.GetAsync($"{url}?quotes=%3Cscript%3E");
        Assert.False(other.QuerySelector($"#{key}")!.HasAttribute("open"));
    }

    [Fact]
    public async Task Five_or_fewer_visible_quotes_have_no_more_line_for_the_sponsor_while_the_consultant_still_sees_the_hidden_one()
    {
        var (client, scan, _) = await SeededAsync(6);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");
        var last = page.QuerySelectorAll("#quotes .report-quote").Last();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Quote", page, [new("quote.Reference", Reference(last)), new("quote.Hide", "true")])).StatusCode);

        var (_, consultant) = await client.GetAsync($"{url}?culture=nl");
        Assert.Equal("en nog 1 ander antwoord", Text(consultant.QuerySelector("#quotes details.report-quotes-more summary")));
        Assert.NotNull(consultant.QuerySelector("#quotes details.report-quotes-more .report-quote.is-hidden"));

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (_, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture=nl");
        Assert.Equal(5, sponsorPage.QuerySelectorAll("#quotes blockquote").Length);
        Assert.Null(sponsorPage.QuerySelector("#quotes .report-quotes-more"));
        var pdf = PdfText(await client.Http.GetByteArrayAsync($"/scans/{scan.Id}/export/pdf?lang=nl"));
        Assert.DoesNotContain("ander antwoord", pdf);
    }

    /// <summary>Every page of a question's list of quotes, from the report's link on: the quotes in order and the pages' count line.</summary>
    private static async Task<(List<string> Quotes, List<AngleSharp.Html.Dom.IHtmlDocument> Pages)> AllPagesAsync(Func<string, Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)>> get, AngleSharp.Html.Dom.IHtmlDocument report)
    {
        var link = report.QuerySelector("#quotes .report-quotes-all a")!.GetAttribute("href")!;
        var quotes = new List<string>();
        var pages = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        for (string? next = link; next is not null;)
        {
            var (response, page) = await get(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(page);
            quotes.AddRange(page.QuerySelectorAll("main ul.report-quotes blockquote").Select(Text));
            next = page.QuerySelector("nav.pager a[rel='next']")?.GetAttribute("href");
        }

        return (quotes, pages);
    }

    [Fact]
    public async Task The_export_holds_every_visible_quote_not_only_the_first_ones_the_report_draws()
    {
        var (client, scan, respondents) = await SeededAsync(123);
        await app.ExecuteAsync(async db =>
        {
            db.HiddenQuotes.Add(new HiddenQuote { RespondentId = respondents[7], QuestionKey = Open, ScanId = scan.Id, HiddenAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });

        var workbook = await client.Http.GetByteArrayAsync($"/scans/{scan.Id}/export/xlsx?lang=nl");
        using var stream = new MemoryStream(workbook);
        var quotes = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Open antwoorden").Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Last()?.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 123).Where(i => i != 7).Select(i => $"Antwoord {i:D3}"), quotes);
    }

    [Fact]
    public async Task A_question_with_more_answers_than_the_report_holds_has_a_page_of_all_of_them_with_hide_and_show()
    {
        var (client, scan, _) = await SeededAsync(123);
        var expected = Enumerable.Range(0, 123).Select(i => $"Antwoord {i:D3}").ToList();
        var (_, report) = await client.GetAsync($"/scans/{scan.Id}/report?culture=nl");
        Assert.Equal("Alle 123 antwoorden op deze vraag, per pagina", Text(report.QuerySelector("#quotes .report-quotes-all a")));

        var (quotes, pages) = await AllPagesAsync(url => client.GetAsync(url), report);
        Assert.Equal(expected, quotes);
        Assert.Equal(3, pages.Count);
        Assert.Equal("123 antwoorden · pagina 2 van 3", Text(pages[1].QuerySelector("#quotes-count")));
        Assert.Equal(50, pages[0].QuerySelectorAll("main form input[name='quote.Reference']").Length);
        Assert.Null(pages[0].QuerySelector("nav.pager a[rel='prev']"));
        Assert.NotNull(pages[2].QuerySelector("nav.pager a[rel='prev']"));

        // Hidden on page 3: back to page 3, marked there and in the database; the sponsor's pages go without it.
        var third = pages[2];
        var quote = third.QuerySelectorAll("main .report-quote").First(q => Text(q.QuerySelector("blockquote")) == "Antwoord 110");
        var form = quote.QuerySelector("form")!;
        var action = form.GetAttribute("action")!;
        var response = await client.PostAsync(action, third, [new("quote.Reference", Reference(quote)), new("quote.Hide", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = response.Headers.Location!.OriginalString;
        Assert.Contains("number=3", back, StringComparison.Ordinal);
        var (_, again) = await client.GetAsync(back);
        Assert.Equal("Antwoord 110", Text(again.QuerySelector("main .report-quote.is-hidden blockquote")));
        Assert.Equal(1, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));

        // A sponsor who chose English (the language switch's cookie) reads the pages in English.
        var sponsor = new RespondentClient(app, scan.ShareToken);
        await sponsor.Http.GetAsync("/language/en?returnUrl=/");
        var (_, sponsorReport) = await sponsor.GetAsync($"/r/{scan.ReportToken}");
        var (sponsorQuotes, sponsorPages) = await AllPagesAsync(url => sponsor.GetAsync(url), sponsorReport);
        Assert.Equal(expected.Where(q => q != "Antwoord 110"), sponsorQuotes);
        Assert.Equal("122 answers · page 1 of 3", Text(sponsorPages[0].QuerySelector("#quotes-count")));
        Assert.Empty(sponsorPages.SelectMany(p => p.QuerySelectorAll("main form")));

        // Shown again from the same page.
        (_, again) = await client.GetAsync(back);
        quote = again.QuerySelector("main .report-quote.is-hidden")!;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(action, again, [new("quote.Reference", Reference(quote)), new("quote.Hide", "false")])).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));

        // No such question, page or token; another consultant's scan; a tampered reference: a 4xx page, nothing changes.
        var list = report.QuerySelector("#quotes .report-quotes-all a")!.GetAttribute("href")!;
        foreach (var url in new[] { $"/scans/{scan.Id}/report/quotes/quotes-survey-nothing", $"{list}?number=0", $"{list}?number=4", $"/scans/{Guid.NewGuid()}/report/quotes/quotes-survey-x", $"/scans/{scan.Id}/report/quotes/%3Cscript%3E" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync($"{list}?number=x")).StatusCode);
        var sponsorList = sponsorReport.QuerySelector("#quotes .report-quotes-all a")!.GetAttribute("href")!;
        // The sponsor's pages, and their 404 for a wrong link, are for neither search engines nor shared caches.
        foreach (var url in new[] { $"/r/{scan.ReportToken}", sponsorList, $"/r/{Quickscan.Web.Infrastructure.Tokens.New()}/quotes/x" })
        {
            using var answer = await sponsor.Http.GetAsync(url);
            Assert.Equal("noindex, nofollow", string.Join(",", answer.Headers.GetValues("X-Robots-Tag")));
            Assert.True(answer.Headers.CacheControl!.NoStore, url);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.Http.GetAsync(sponsorList.Replace(scan.ReportToken!, Quickscan.Web.Infrastructure.Tokens.New(), StringComparison.Ordinal))).StatusCode);
        var stranger = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(list)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(action, third, [new("quote.Reference", "garbage-reference"), new("quote.Hide", "true")])).StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.HiddenQuotes.CountAsync(h => h.ScanId == scan.Id)));
    }
}

/// <summary>
/// With the in-memory cache off a report reads its quotes from the kept result's references to each question's first
/// answers (ids only, no text) and the hidden ones, not from every open answer: it draws exactly what the report
/// drawn from every answer draws, with the counts of all of them, also when hidden answers lie beyond the kept ones
/// and when more are hidden than those cover (then every answer is read).
/// </summary>
public sealed class ReportQuotePreviewTests(UncachedApp app) : IClassFixture<UncachedApp>
{
    private static string Text(IElement? element) => ReportQuoteTests.Text(element);

    private Task HideAsync(Guid scanId, IEnumerable<Guid> respondents) => app.ExecuteAsync(async db =>
    {
        db.HiddenQuotes.AddRange(respondents.Select(r => new HiddenQuote { RespondentId = r, QuestionKey = ReportQuoteTests.Open, ScanId = scanId, HiddenAt = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Quotes_read_from_the_kept_references_are_the_quotes_of_every_answer_with_the_counts_of_all()
    {
        var (client, scan, respondents) = await ReportQuoteTests.SeedAsync(app, 150);
        var url = $"/scans/{scan.Id}/report?culture=nl";
        var sponsor = new RespondentClient(app, scan.ShareToken);
        var sponsorUrl = $"/r/{scan.ReportToken}?culture=nl";

        // The first view computes the figures from every answer and keeps them; the next ones read what was kept.
        var (_, computed) = await client.GetAsync(url);
        var kept = await app.QueryAsync(db => db.ScanSummaries.Where(s => s.ScanId == scan.Id).Select(s => s.QuotesJson).SingleAsync());
        Assert.Contains("\"count\":150", kept);
        Assert.DoesNotContain("Antwoord", kept);
        var (_, fromKept) = await client.GetAsync(url);
        // The same section but for the hide forms' references and anti-forgery tokens (made afresh on every view).
        static string Drawn(AngleSharp.Html.Dom.IHtmlDocument page) => System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("#quotes")!.InnerHtml, "type=\"hidden\" value=\"[^\"]*\"|value=\"[A-Za-z0-9_-]{40,}\"", "");
        Assert.Equal(Drawn(computed), Drawn(fromKept));
        Assert.Equal(50, fromKept.QuerySelectorAll("#quotes blockquote").Length);
        Assert.Equal("en nog 145 andere antwoorden", Text(fromKept.QuerySelector("#quotes details.report-quotes-more summary")));
        Assert.Equal(45, fromKept.QuerySelectorAll("#quotes details.report-quotes-more blockquote").Length);
        Assert.Equal("Alle 150 antwoorden op deze vraag, per pagina", Text(fromKept.QuerySelector("#quotes .report-quotes-all a")));

        // Only the kept ones' texts are read: a text changed behind the app's back (a submitted answer never changes)
        // after them does not show, where reading every answer would put it first.
        Task SetTextAsync(string text) => app.ExecuteAsync(db => db.RespondentAnswers.Where(a => a.RespondentId == respondents[149] && a.QuestionKey == ReportQuoteTests.Open)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Text, text)));
        await SetTextAsync("Aaa");
        (_, fromKept) = await client.GetAsync(url);
        Assert.Equal("Antwoord 000", Text(fromKept.QuerySelector("#quotes blockquote")));
        await SetTextAsync("Antwoord 149");

        // Three hidden beyond the first hundred (the kept ones): counted out for readers, shown marked to the consultant only on the page of all.
        await HideAsync(scan.Id, [respondents[120], respondents[130], respondents[140]]);
        var (_, consultant) = await client.GetAsync(url);
        Assert.Equal("en nog 145 andere antwoorden", Text(consultant.QuerySelector("#quotes details.report-quotes-more summary")));
        var (_, reader) = await sponsor.GetAsync(sponsorUrl);
        Assert.Equal("en nog 142 andere antwoorden", Text(reader.QuerySelector("#quotes details.report-quotes-more summary")));
        Assert.Equal("Alle 147 antwoorden op deze vraag, per pagina", Text(reader.QuerySelector("#quotes .report-quotes-all a")));
        var pdf = await client.Http.GetByteArrayAsync($"/scans/{scan.Id}/export/pdf?lang=nl");
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
            Assert.Contains("ennog142andereantwoorden", string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal));

        // Sixty of the first hundred hidden (more than the kept ones cover beyond the fifty drawn): every answer is read.
        await HideAsync(scan.Id, respondents.Take(60));
        (_, reader) = await sponsor.GetAsync(sponsorUrl);
        var expected = Enumerable.Range(0, 150).Where(i => i >= 60 && i is not (120 or 130 or 140)).Select(i => $"Antwoord {i:D3}").ToList();
        Assert.Equal(expected[..5], reader.QuerySelectorAll("#quotes ul.report-quotes:not(details ul) blockquote").Select(Text));
        Assert.Equal(expected[5..50], reader.QuerySelectorAll("#quotes details.report-quotes-more blockquote").Select(Text));
        Assert.Equal("en nog 82 andere antwoorden", Text(reader.QuerySelector("#quotes details.report-quotes-more summary")));
        (_, consultant) = await client.GetAsync(url);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Antwoord {i:D3}"), consultant.QuerySelectorAll("#quotes ul.report-quotes:not(details ul) .report-quote.is-hidden blockquote").Select(Text));
    }
}
