using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// Dates and times in the reader's language, through AppTime only: day, written-out month, year and a 24-hour
/// clock in the app's time zone, never the neutral "en" culture's US M/d/yyyy.
/// </summary>
public sealed class ReportDateTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Regex UsDate = new(@"\b\d{1,2}/\d{1,2}/\d{2,4}\b");

    private static AppTime Amsterdam() => new(new ConfigurationBuilder().Build());

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Theory]
    [InlineData(Language.Nl, "2026-12-04T13:05:00Z", "4 december 2026, 14:05", "4 december 2026")]
    [InlineData(Language.En, "2026-12-04T13:05:00Z", "4 December 2026, 14:05", "4 December 2026")]
    // Near midnight UTC: already the next day in Amsterdam (winter +1, summer +2).
    [InlineData(Language.Nl, "2026-03-14T23:30:00Z", "15 maart 2026, 00:30", "15 maart 2026")]
    [InlineData(Language.En, "2026-03-14T23:30:00Z", "15 March 2026, 00:30", "15 March 2026")]
    [InlineData(Language.En, "2026-07-31T22:15:00Z", "1 August 2026, 00:15", "1 August 2026")]
    [InlineData(Language.Nl, "2026-12-31T23:59:00Z", "1 januari 2027, 00:59", "1 januari 2027")]
    public void A_time_is_written_with_the_day_first_the_month_in_words_and_a_24_hour_clock_in_Amsterdam(Language language, string utc, string time, string date)
    {
        var instant = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var culture = Localization.CultureFor(language);

        Assert.Equal(time, Amsterdam().Format(instant, culture));
        Assert.Equal(date, Amsterdam().FormatDate(instant, culture));
        Assert.Equal("–", Amsterdam().Format(null, culture));
    }

    [Fact]
    public void The_configured_time_zone_is_the_one_shown()
    {
        var london = new AppTime(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Quickscan:TimeZone"] = "Europe/London" }).Build());

        Assert.Equal("14 March 2026, 23:30", london.Format(new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero), Localization.CultureFor(Language.En)));
    }

    [Theory]
    [InlineData("nl", "Laatste reactie: 15 maart 2026, 00:30.")]
    [InlineData("en", "Last response: 15 March 2026, 00:30.")]
    public async Task Page_sponsor_view_and_PDF_show_the_last_response_in_the_readers_language(string code, string expected)
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New(), await app.CreateClientAsync(me));
        var last = new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 5, at: last.AddHours(-2));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee"], seed: 6, at: last);
        var client = await SignedInClient.SignInAsync(app, me);
        var sponsor = new RespondentClient(app, scan.ShareToken);

        var (pageResponse, page) = await client.GetAsync($"/scans/{scan.Id}/report?culture={code}");
        var (sponsorResponse, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}?culture={code}");
        var pdf = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang={code}");
        var sponsorPdf = await sponsor.Http.GetAsync($"/r/{scan.ReportToken}?handler=Pdf&culture={code}");

        Assert.All([pageResponse, sponsorResponse, pdf, sponsorPdf], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var html in new[] { page, sponsorPage })
        {
            var body = Regex.Replace(html.QuerySelector("#report-body")!.TextContent, @"\s+", " ");
            Assert.Contains(expected, body);
            Assert.DoesNotMatch(UsDate, body);
        }

        // The clients list shows the same moment, in the same zone and words, as the report (it showed UTC once).
        var (_, clients) = await client.GetAsync($"/clients?culture={code}");
        var row = Regex.Replace(clients.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(scan.Title, StringComparison.Ordinal)).TextContent, @"\s+", " ");
        Assert.Contains(expected.Split(": ")[1].TrimEnd('.'), row);

        foreach (var document in new[] { pdf, sponsorPdf })
        {
            using var read = UglyToad.PdfPig.PdfDocument.Open(await document.Content.ReadAsByteArrayAsync());
            var text = string.Concat(read.GetPages().Select(p => p.Text));
            Assert.Contains(Squeeze(expected), Squeeze(text));
            Assert.DoesNotMatch(UsDate, text);
        }
    }
}
