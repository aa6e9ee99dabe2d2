using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// Presenter mode in a real browser: the join page (QR code, link, live count) and the results wall update
/// within two seconds of a submission in another browser; both pass axe-core. The sponsor downloads the PDF.
/// </summary>
[Collection("Browser")]
public sealed class PresenterBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static async Task SignInAsync(IPage page, User user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(user.Email!);
        await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
    }

    /// <summary>A phone answers through <paramref name="link"/> (the short link the wall shows) or the share link.</summary>
    private static async Task SubmitAResponseAsync(IPage page, Scan scan, string? link = null)
    {
        await page.GotoAsync(link ?? $"/s/{scan.ShareToken}");
        await Expect(page).ToHaveURLAsync(new Regex($"/s/{Regex.Escape(scan.ShareToken)}$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
        await BrowserJourney.AnswerEveryStepAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/result$"));
    }

    [Fact]
    public async Task The_join_page_and_the_wall_show_a_submission_from_another_browser_within_two_seconds()
    {
        var user = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(user));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee"], seed: 5);

        await using var presenter = await app.OpenAsync(Device.Desktop);
        var join = presenter.Page;
        await SignInAsync(join, user);
        await join.GotoAsync($"/scans/{scan.Id}/present");
        await Expect(join.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(scan.Title);
        await Expect(join.Locator(".presenter-qr svg")).ToBeVisibleAsync();
        // The short link, readable from the back of the room; the phone below types what it shows.
        await Expect(join.Locator(".presenter-url")).ToHaveTextAsync(new Regex($"/j/{scan.JoinCode![..4]}-{scan.JoinCode[4..]}$"));
        var shownLink = (await join.Locator(".presenter-url").TextContentAsync())!.Trim();
        await Expect(join.Locator(".presenter-number")).ToHaveTextAsync("1");
        await Accessibility.AssertNoViolationsAsync(join, output);

        var wall = await presenter.Context.NewPageAsync();
        await wall.GotoAsync($"/scans/{scan.Id}/present/wall");
        await Expect(wall.Locator(".presenter-number")).ToHaveTextAsync("1");
        await Expect(wall.Locator(".presenter-wall svg.radar-svg")).ToBeVisibleAsync();
        await Expect(wall.Locator(".presenter-wall .radar-scale text")).ToHaveCountAsync(5);
        await Accessibility.AssertNoViolationsAsync(wall, output);

        await using var respondent = await app.OpenAsync(Device.Phone);
        await SubmitAResponseAsync(respondent.Page, scan, shownLink);

        await Expect(wall.Locator(".presenter-number")).ToHaveTextAsync("2", new() { Timeout = 2_000 });
        await Expect(join.Locator(".presenter-number")).ToHaveTextAsync("2", new() { Timeout = 2_000 });
        await Expect(wall.Locator(".presenter-wall")).ToContainTextAsync("Gebaseerd op 2 ingestuurde reacties.");
        await Accessibility.AssertNoViolationsAsync(wall, output);
    }

    [Fact]
    public async Task Without_JavaScript_the_wall_renders_and_refreshes_itself()
    {
        var user = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(user));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 6);
        await using var presenter = await app.OpenAsync(Device.Desktop, javaScript: false);
        var page = presenter.Page;
        await SignInAsync(page, user);
        await page.GotoAsync($"/scans/{scan.Id}/present/wall");
        await Expect(page.Locator(".presenter-number")).ToHaveTextAsync("2");
        Assert.Equal(1, await page.Locator("noscript").CountAsync());
        Assert.Contains("http-equiv=\"refresh\"", await page.ContentAsync());
    }

    [Fact]
    public async Task The_sponsor_downloads_the_report_as_PDF()
    {
        var user = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(user, "Sponsor Zorg BV");
        var scan = await app.CreateScanAsync(s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(), organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee"], seed: 9);

        await using var sponsor = await app.OpenAsync(Device.Phone);
        await sponsor.Page.GotoAsync($"/r/{scan.ReportToken}");
        await Accessibility.AssertNoViolationsAsync(sponsor.Page, output);
        var download = await sponsor.Page.RunAndWaitForDownloadAsync(() => sponsor.Page.GetByRole(AriaRole.Link, new() { Name = "PDF downloaden" }).ClickAsync());
        var path = await download.PathAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("SponsorZorgBV", string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        Assert.Contains("Vervolgstappen", text);
        Assert.True(pdf.NumberOfPages >= 4, $"{pdf.NumberOfPages} pages");
    }
}
