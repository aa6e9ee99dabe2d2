using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Respond;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// The respondent's language, the continue-later page, the back button, a new share link while respondents are
/// part-way, and the draft scan's page, in a real browser.
/// </summary>
[Collection("Browser")]
public sealed class UsabilityBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static readonly RespondentSteps Steps = RespondentSteps.For(Questionnaire, null);

    [Fact]
    public async Task An_English_browser_gets_English_and_keeps_it_on_another_device_and_on_the_result()
    {
        var scan = await app.CreateScanAsync();
        var dutchOnly = await app.CreateScanAsync(s => s.Languages = "nl");
        await using var phone = await app.OpenAsync(Device.Phone, locale: "en-GB");
        var page = phone.Page;

        // The first visit follows Accept-Language among the scan's languages.
        await page.GotoAsync($"/s/{scan.ShareToken}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quickscan" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "On to the questions" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Steps.Steps[0].Factor.Name.En);
        await AnswerStepAsync(page, Steps.Steps[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(Steps.Steps[1].Key)}$"));

        // Continue later: its own page with the personal link, a copy button and a QR code, nothing to submit.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue later" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/later$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Continue later");
        var link = await page.Locator("#resume-link").GetAttributeAsync("href");
        Assert.Matches($"/s/{Regex.Escape(scan.ShareToken)}/r/[A-Za-z0-9_-]{{32}}$", link);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code with your personal link" })).ToBeVisibleAsync();
        await Expect(page.Locator("button[type=submit]")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page, output);

        // Another device whose browser is Dutch: the response stays in English, on the steps and the result.
        await using var laptop = await app.OpenAsync(Device.Desktop, locale: "nl-NL");
        var other = laptop.Page;
        await other.GotoAsync(new Uri(link!).PathAndQuery);
        await Expect(other).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(Steps.Steps[1].Key)}$"));
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await other.GotoAsync($"/s/{scan.ShareToken}/review");
        // One step answered is under a quarter of the questions: submitting asks to confirm that it will not count.
        await other.GetByRole(AriaRole.Checkbox, new() { Name = "I understand that my answers will not count and want to submit them anyway" }).CheckAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex("/result$"));
        await Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("en", await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id).Select(r => r.Language).SingleAsync()));

        // A scan offered in Dutch only is Dutch, whatever the browser prefers.
        await page.GotoAsync($"/s/{dutchOnly.ShareToken}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
    }

    [Fact]
    public async Task Switching_the_language_on_a_step_becomes_the_responses_language()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Phone);
        var page = session.Page;
        await page.GotoAsync($"/s/{scan.ShareToken}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).TapAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).TapAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).TapAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("en", await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id).Select(r => r.Language).SingleAsync()));
    }

    [Fact]
    public async Task The_back_button_returns_to_the_previous_step_with_its_answers()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Phone);
        var page = session.Page;
        await page.GotoAsync($"/s/{scan.ShareToken}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).TapAsync();
        var answers = await AnswerStepAsync(page, Steps.Steps[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende", Exact = true }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(Steps.Steps[1].Key)}$"));

        await page.GoBackAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(Steps.Steps[0].Key)}$"));
        await page.ReloadAsync();
        foreach (var (key, value) in answers)
            await Expect(page.Locator($"input[name='Input.Answers[{key}]'][value='{value}']")).ToBeCheckedAsync();
        await Expect(page.Locator(".eyebrow")).ToContainTextAsync($"stap 1 van {Steps.Steps.Count}");
    }

    [Fact]
    public async Task A_new_share_link_keeps_part_way_respondents_going_and_turns_newcomers_away()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(organisation: client);
        await using var respondent = await app.OpenAsync(Device.Phone);
        var page = respondent.Page;
        await page.GotoAsync($"/s/{scan.ShareToken}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).TapAsync();
        await AnswerStepAsync(page, Steps.Steps[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Later verder" }).TapAsync();
        var resumeLink = new Uri((await page.Locator("#resume-link").GetAttributeAsync("href"))!).PathAndQuery;

        // The consultant makes a new link, and is told first how many are part-way.
        await using var office = await app.OpenAsync(Device.Desktop);
        var desk = office.Page;
        await SignInAsync(desk, consultant);
        await desk.GotoAsync($"/scans/{scan.Id}");
        await desk.Locator("summary", new() { HasText = "Nieuwe link maken" }).ClickAsync();
        await Expect(desk.Locator("form.confirm-body[action$=\"handler=Rotate\"]")).ToContainTextAsync("1 deelnemer die al begonnen is");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Ja, nieuwe link maken" }).ClickAsync();
        var newToken = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.ShareToken).SingleAsync());
        Assert.NotEqual(scan.ShareToken, newToken);

        // The same phone, still on an old page: it continues under the new link where it was.
        await page.GotoAsync($"/s/{scan.ShareToken}/q/{Steps.Steps[0].Key}");
        await Expect(page).ToHaveURLAsync(new Regex($"/s/{Regex.Escape(newToken)}/q/{Regex.Escape(Steps.Steps[1].Key)}$"));
        // Another device with the old personal link too.
        await using var laptop = await app.OpenAsync(Device.Desktop);
        await laptop.Page.GotoAsync(resumeLink);
        await Expect(laptop.Page).ToHaveURLAsync(new Regex($"/s/{Regex.Escape(newToken)}/q/{Regex.Escape(Steps.Steps[1].Key)}$"));
        // Somebody new with the old link is turned away.
        await using var newcomer = await app.OpenAsync(Device.Phone);
        var response = await newcomer.Page.GotoAsync($"/s/{scan.ShareToken}");
        Assert.Equal(404, response!.Status);
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id)));
    }

    [Fact]
    public async Task A_draft_scan_says_to_open_it_first_and_closing_asks_for_confirmation()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => s.Status = ScanStatus.Draft, client);
        await using var session = await app.OpenAsync(Device.Phone);
        var page = session.Page;
        await SignInAsync(page, consultant);

        await page.GotoAsync($"/scans/{scan.Id}");
        await Expect(page.Locator("#share ~ .notice")).ToContainTextAsync("Open de scan eerst");
        await Expect(page.Locator("#share-link")).ToHaveCountAsync(0);
        await Expect(page.Locator(".qr")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Instellingen" })).ToHaveAttributeAsync("href", $"/scans/{scan.Id}/edit");
        await Accessibility.AssertNoViolationsAsync(page, output);

        await page.GetByRole(AriaRole.Button, new() { Name = "Scan openen" }).TapAsync();
        await Expect(page.Locator("#share-link")).ToHaveValueAsync(new Regex($"/s/{Regex.Escape(scan.ShareToken)}$"));
        await Expect(page.Locator(".qr")).ToBeVisibleAsync();

        await page.Locator("summary", new() { HasText = "Scan sluiten" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, scan sluiten" })).ToBeVisibleAsync();
        Assert.Equal(ScanStatus.Open, await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.Status).SingleAsync()));
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, scan sluiten" }).TapAsync();
        await Expect(page.Locator(".page-head .status")).ToHaveTextAsync(new Regex("Gesloten"));
    }

    /// <summary>
    /// The phone's view of the journey, as screenshots for the README (docs/screenshots, copied from the test output's
    /// screenshots folder); each step shown must fit within two phone screens.
    /// </summary>
    [Fact]
    public async Task On_a_phone_the_steps_are_short_and_are_photographed_for_the_README()
    {
        var scan = await app.CreateScanAsync(s => s.Title = "Quickscan Gemeente Voorbeeld");
        await using var session = await app.OpenAsync(Device.Phone);
        var page = session.Page;
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        async Task ShotAsync(string name, bool fullPage = true)
        {
            var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
            Assert.True(height <= 2 * Device.Phone.Height, $"{name} is {height}px tall on a phone");
            var file = Path.Combine(folder, $"phone-{name}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is empty");
        }

        await page.GotoAsync($"/s/{scan.ShareToken}");
        await ShotAsync("1-intro");
        await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await ShotAsync("2-profile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(Steps.Steps[0].Key)}$"));
        await AnswerStepAsync(page, Steps.Steps[0]);
        await Expect(page.Locator("#save-status")).ToContainTextAsync("Opgeslagen");
        await ShotAsync("3-step", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Later verder" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/later$"));
        await ShotAsync("4-later");
    }

    /// <summary>Chooses each scored question's answer (the journey tests' set) by tapping its label; returns what was chosen.</summary>
    private static async Task<Dictionary<string, string>> AnswerStepAsync(IPage page, Step step)
    {
        var all = JourneyTests.AnswersFor(step.Condition);
        var chosen = new Dictionary<string, string>();
        foreach (var question in step.Scored)
        {
            var value = all[question.Key];
            await page.Locator("label.option").Filter(new() { Has = page.Locator($"input[name='Input.Answers[{question.Key}]'][value='{value}']") }).TapAsync();
            chosen[question.Key] = value;
        }

        return chosen;
    }

    private static async Task SignInAsync(IPage page, User user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(user.Email!);
        await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
    }
}
