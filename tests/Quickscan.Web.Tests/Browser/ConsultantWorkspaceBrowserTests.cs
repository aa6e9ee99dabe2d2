using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// A consultant's day in a real browser: sign in, create a client and a scan, open it, two respondents answer
/// through the share link in another browser context, the report shows them, and the exports download.
/// axe-core checks every consultant page on the way.
/// </summary>
[Collection("Browser")]
public sealed class ConsultantWorkspaceBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    // A scan made through the form gets the newest version, as people read it (the generic platform name).
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Latest).ForPlatform(null);

    private static async Task AnswerEverythingAsync(IPage page, string shareLink)
    {
        await page.GotoAsync(shareLink);
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Medewerker" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
        await BrowserJourney.AnswerEveryStepAsync(page, "() => document.querySelectorAll('fieldset[data-scored]').forEach((f, i) => { const r = f.querySelectorAll('input[type=radio]'); r[i % (r.length - 1)].checked = true; })");

        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/result$"));
    }

    [Fact]
    public async Task A_consultant_sets_up_a_scan_two_respondents_answer_and_the_report_and_exports_show_them()
    {
        var consultant = await app.CreateUserAsync();
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        await page.GotoAsync("/account/login");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("E-mailadres").FillAsync(consultant.Email!);
        await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
        await Accessibility.AssertNoViolationsAsync(page, output);

        // A new client.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe klant" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("Naam van de organisatie").FillAsync("Gemeente Browserdorp");
        await page.GetByLabel("Sector").SelectOptionAsync("government");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gemeente Browserdorp" })).ToBeVisibleAsync();

        // A new scan for it, then opened.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe scan" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("Titel").FillAsync("Nulmeting in de browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nulmeting in de browser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan openen" }).ClickAsync();
        await Expect(page.Locator(".page-head .status")).ToHaveTextAsync("Open");
        await Accessibility.AssertNoViolationsAsync(page, output);
        var shareLink = await page.Locator("#share-link").InputValueAsync();
        var scanUrl = page.Url;

        // Two respondents, each in a browser context of their own.
        foreach (var device in new[] { Device.Phone, Device.Desktop })
        {
            await using var respondent = await app.OpenAsync(device);
            await AnswerEverythingAsync(respondent.Page, new Uri(shareLink).PathAndQuery);
        }

        // The report shows both.
        await page.GotoAsync(scanUrl + "/report");
        await Expect(page.Locator("body")).ToContainTextAsync("2");
        await Accessibility.AssertNoViolationsAsync(page, output);
        var scanId = Guid.Parse(new Uri(scanUrl).Segments[^1]);
        Assert.Equal(2, await app.QueryAsync(db => db.RespondentScores.CountAsync(s => s.ScanId == scanId)));

        // The exports download from the scan page: the PDF's text (read with PdfPig) and the CSV name both respondents' results.
        await page.GotoAsync(scanUrl);
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Rapport als pdf" }).ClickAsync());
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await pdf.PathAsync())!)))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains("Gemeente Browserdorp", text);
            Assert.Contains("Nulmeting in de browser", text);
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden als CSV" }).ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await csv.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(Questionnaire.Questions.First().Text.Nl, lines[0]);

        // The other consultant pages of this scan.
        foreach (var path in new[] { "/edit", "/interview", "/assessment", "/delete" })
        {
            await page.GotoAsync(scanUrl + path);
            await Accessibility.AssertNoViolationsAsync(page, output);
        }
    }
}
