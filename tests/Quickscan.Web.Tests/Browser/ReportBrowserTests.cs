using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// The scan report in a real browser: it updates itself while a respondent submits in another browser,
/// it prints without navigation or controls, and it and the sponsor's page pass axe-core's WCAG 2.1 A/AA rules.
/// </summary>
[Collection("Browser")]
public sealed class ReportBrowserTests(BrowserApp app, ITestOutputHelper output)
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

    /// <summary>The whole journey in a browser, answering each scored question with its first option.</summary>
    private static async Task SubmitAResponseAsync(IPage page, Scan scan)
    {
        await page.GotoAsync($"/s/{scan.ShareToken}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
        var steps = Quickscan.Web.Pages.Respond.RespondentSteps.For(Questionnaire, null).Steps;
        foreach (var step in steps)
        {
            await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(step.Key)}$"));
            await page.EvaluateAsync("() => document.querySelectorAll('fieldset[data-scored]').forEach(f => f.querySelector('input[type=radio]').checked = true)");
            var last = step == steps[^1];
            await page.GetByRole(AriaRole.Button, new() { Name = last ? "Naar het overzicht" : "Volgende", Exact = true }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/result$"));
    }

    private async Task<(User User, Organisation Organisation, Scan Scan)> ScanWithResponsesAsync(int responses, Action<Scan>? configure = null)
    {
        var user = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(user);
        var scan = await app.CreateScanAsync(configure, organisation);
        if (responses > 0)
            await ResponseSeeding.AddAsync(app, scan.Id, Enumerable.Range(0, responses).Select(i => (string?)(i % 4 == 3 ? "management" : "employee")).ToList(), seed: responses);
        return (user, organisation, scan);
    }

    [Fact]
    public async Task The_report_counts_a_response_submitted_in_another_browser_without_a_reload()
    {
        var (user, _, scan) = await ScanWithResponsesAsync(1);
        await using var consultant = await app.OpenAsync(Device.Desktop);
        var page = consultant.Page;
        await SignInAsync(page, user);
        await page.GotoAsync($"/scans/{scan.Id}/report");
        await Expect(page.Locator("#summary")).ToContainTextAsync("Gebaseerd op 1 ingestuurde reactie.");
        await Expect(page.Locator("#report-live-status")).ToBeEmptyAsync();
        await page.EvaluateAsync("() => { window.reportMarker = 'still the same page'; }");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        await using var respondent = await app.OpenAsync(Device.Phone);
        await SubmitAResponseAsync(respondent.Page, scan);

        // The script polls every 5 s: within a few polls the count and the figures change in place.
        await Expect(page.Locator("#report-live-status")).ToHaveTextAsync("Bijgewerkt: 2 reacties", new() { Timeout = 20_000 });
        await Expect(page.Locator("#summary")).ToContainTextAsync("Gebaseerd op 2 ingestuurde reacties.");
        Assert.Equal("still the same page", await page.EvaluateAsync<string>("() => window.reportMarker"));
        Assert.Equal(0, navigations);
        await Accessibility.AssertNoViolationsAsync(page, output);
    }

    [Fact]
    public async Task The_report_and_the_sponsor_page_have_no_WCAG_21_AA_violations_and_print_without_controls()
    {
        var (user, organisation, scan) = await ScanWithResponsesAsync(9, s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New());
        // A previous scan, a note, an expert assessment, and enough closed scans for a benchmark.
        var previous = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.CreatedAt = scan.CreatedAt.AddYears(-1); }, organisation);
        await ResponseSeeding.AddAsync(app, previous.Id, ["employee", "employee"], seed: 77);
        for (var i = 0; i < 5; i++)
        {
            var closed = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed);
            await ResponseSeeding.AddAsync(app, closed.Id, ["employee", "employee", "management", "support", "employee"], seed: 80 + i); // a benchmark member: the anonymity threshold of responses
        }

        await app.ExecuteAsync(async db =>
        {
            db.ReportNotes.Add(new ReportNote { ScanId = scan.Id, ConditionKey = ConditionKeys.Usage, Text = "Adoptie groeit.\nVooral bij teams met een trekker.", UpdatedAt = DateTimeOffset.UtcNow });
            db.ExpertAssessments.Add(new ExpertAssessment { ScanId = scan.Id, ConditionKey = ConditionKeys.Organisation, Level = 2, Comment = "Eigenaarschap is nog niet belegd.", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });

        await using var consultant = await app.OpenAsync(Device.Desktop);
        var page = consultant.Page;
        await SignInAsync(page, user);
        await page.GotoAsync($"/scans/{scan.Id}/report");
        await Expect(page.Locator("#previous table")).ToBeVisibleAsync();
        await Expect(page.Locator("#benchmark table")).ToBeVisibleAsync();
        await Expect(page.Locator("#groups table")).ToBeVisibleAsync();
        await Expect(page.Locator("#condition-organisation-figures .report-view-expert")).ToContainTextAsync("Eigenaarschap is nog niet belegd.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeVisibleAsync();
        // With an edit form open, so its fields are checked too.
        await page.Locator("#note-usage summary").ClickAsync();
        await page.Locator("#steps li").First.Locator("summary").ClickAsync();
        await Expect(page.Locator("#note-text-usage")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        // Printed: no navigation, buttons or forms; the chart and the tables are there.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.site-header")).ToBeHiddenAsync();
        await Expect(page.Locator(".report-tools")).ToBeHiddenAsync();
        await Expect(page.Locator("nav.report-toc")).ToBeHiddenAsync();
        await Expect(page.Locator("#note-text-usage")).ToBeHiddenAsync();
        await Expect(page.Locator("#steps form").First).ToBeHiddenAsync();
        await Expect(page.Locator("#profile svg.radar-svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#note-usage p.preserve-lines")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The sponsor: anonymous, read-only, same report.
        await using var sponsor = await app.OpenAsync(Device.Phone);
        await sponsor.Page.GotoAsync($"/r/{scan.ReportToken}");
        await Expect(sponsor.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(scan.Title);
        await Expect(sponsor.Page.Locator("#note-usage")).ToContainTextAsync("Adoptie groeit.");
        Assert.Equal(0, await sponsor.Page.Locator("main form").CountAsync());
        var (scrollWidth, viewportWidth) = (await sponsor.Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await sponsor.Page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= viewportWidth, $"The sponsor page scrolls sideways on a phone: {scrollWidth}px on {viewportWidth}px.");
        await Accessibility.AssertNoViolationsAsync(sponsor.Page, output);
    }
}
