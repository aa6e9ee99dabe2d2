using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// The prospect's whole journey on a 390 x 844 phone, with and without JavaScript: the home page, its self-scan link,
/// every item answered by tapping, the result, the contact request and its confirmation. Every page: no sideways
/// scrolling and no axe-core WCAG 2.1 A/AA violation.
/// </summary>
[Collection("Browser")]
public sealed class SelfScanBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    /// <summary>The form's minimum fill time (SelfScan:MinimumFillSeconds, 4 by default) and a margin: the test waits like a person would take.</summary>
    private static readonly TimeSpan FillTime = TimeSpan.FromSeconds(5);

    /// <summary>Where the walk has got to, named in the failure when a step never finishes.</summary>
    private readonly List<string> _steps = [];

    /// <summary>Pages seen without JavaScript, checked again afterwards with it: axe-core runs as a script in the page.</summary>
    private readonly List<string> _unchecked = [];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_prospect_on_a_phone_goes_from_the_home_page_through_the_self_scan_to_a_contact_request(bool javaScript)
    {
        try
        {
            await WalkAsync(javaScript).WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The walk stopped after: {string.Join(" → ", _steps)}");
        }

        // The pages the walk without JavaScript saw, again with it (the server sends the same HTML and no script
        // changes these pages' layout): no sideways scrolling and no axe violation.
        if (_unchecked.Count > 0)
        {
            await using var session = await app.OpenAsync(Device.Phone);
            foreach (var url in _unchecked)
            {
                await session.Page.GotoAsync(url);
                await CheckAsync(session.Page, javaScript: true);
            }
        }
    }

    private async Task WalkAsync(bool javaScript)
    {
        var organisation = $"Stichting Telefoon {(javaScript ? "met" : "zonder")} JS {Guid.NewGuid():N}"[..40];
        await using var session = await app.OpenAsync(Device.Phone, javaScript);
        var page = session.Page;

        // The home page and its way in.
        await page.GotoAsync("/");
        await CheckAsync(page, javaScript);
        await page.GetByRole(AriaRole.Link, new() { Name = "Start de zelfscan" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/zelfscan$"));
        await CheckAsync(page, javaScript);

        // Every item, tapped: a different option for each, "don't know" for none.
        var questions = page.Locator("fieldset.question");
        var count = await questions.CountAsync();
        Assert.Equal(SelfScan.SelfScanForms.Survey.ScoredQuestionCount, count);
        for (var i = 0; i < count; i++)
        {
            var options = questions.Nth(i).Locator("label.option:not(.option-dontknow)");
            await options.Nth(i % await options.CountAsync()).TapAsync();
        }

        Assert.Equal(count, await page.Locator("fieldset.question input[type=radio]:checked").CountAsync());
        await page.Locator("#sector").SelectOptionAsync("education");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn resultaat" }).TapAsync();

        // The result: a level per condition, the bottleneck, the next steps and the note that this is an indication.
        await Expect(page).ToHaveURLAsync(new Regex("/zelfscan/result/[A-Za-z0-9_-]{32}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uw resultaat", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#levels tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#bottleneck-text")).ToBeVisibleAsync();
        await Expect(page.Locator("#indication")).ToBeVisibleAsync();
        await Expect(page.Locator(".next-steps li").First).ToBeVisibleAsync();
        await CheckAsync(page, javaScript);

        await page.GetByRole(AriaRole.Link, new() { Name = "Neem contact met mij op" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/zelfscan/result/[A-Za-z0-9_-]{32}/contact$"));
        var shown = DateTime.UtcNow;
        await CheckAsync(page, javaScript);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Pieter Prospect");
        await page.GetByLabel("Organisatie", new() { Exact = true }).FillAsync(organisation);
        await page.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync("pieter@prospect.example");
        await page.Locator("input[name='Input.Consent']").CheckAsync();
        // The sector chosen in the self-scan comes along.
        await Expect(page.Locator("#sector")).ToHaveValueAsync("education");
        var wait = FillTime - (DateTime.UtcNow - shown);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verstuur aanvraag" }).TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/zelfscan/bedankt$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bedankt voor uw aanvraag" })).ToBeVisibleAsync();
        await CheckAsync(page, javaScript);

        var lead = await app.QueryAsync(db => db.Leads.SingleAsync(l => l.OrganisationName == organisation));
        Assert.Equal("Pieter Prospect", lead.Name);
        Assert.Equal("education", lead.Sector);
        Assert.NotNull(lead.SelfScanResponseId);
    }

    /// <summary>No sideways scrolling (WCAG 1.4.10) and no axe violation on the page as it is now; without JavaScript, noted for later.</summary>
    private async Task CheckAsync(IPage page, bool javaScript)
    {
        _steps.Add(new Uri(page.Url).AbsolutePath);
        if (!javaScript)
        {
            // axe-core and the width check are scripts run in the page, which scripts off rules out: checked afterwards, with them on.
            _unchecked.Add(page.Url);
            return;
        }

        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} scrolls sideways: {widths[0]} px wide on a {widths[1]} px screen.");
        await Accessibility.AssertNoViolationsAsync(page, output);
        _steps.Add("checked");
    }
}
