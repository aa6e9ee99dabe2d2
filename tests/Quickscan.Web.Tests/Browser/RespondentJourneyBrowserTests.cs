using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Respond;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// The respondent journey in a real browser: on a phone and a desktop, without JavaScript, the
/// background save, the keyboard, and axe-core's WCAG 2.1 A/AA rules on every respondent page.
/// One scan per test; the server and the browser are shared (collection "Browser").
/// </summary>
[Collection("Browser")]
public sealed class RespondentJourneyBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static readonly RespondentSteps Steps = RespondentSteps.For(Questionnaire, null);

    private static readonly HashSet<string> ScoredKeys = Questionnaire.Questions.Where(q => q.IsScored()).Select(q => q.Key).ToHashSet();

    private const string RoleLabel = "Leidinggevende of management";
    private const string Department = "Marketing";

    // ---- The whole journey -------------------------------------------------------------------

    [Fact]
    public async Task On_a_phone_a_respondent_taps_through_every_page_submits_and_sees_the_result()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Phone);

        var answers = await CompleteJourneyAsync(session.Page, scan, tap: true, checkReflow: true);

        await AssertStoredAsync(scan, answers);
    }

    [Fact]
    public async Task On_a_desktop_a_respondent_clicks_through_every_page_submits_and_sees_the_result()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Desktop);

        var answers = await CompleteJourneyAsync(session.Page, scan, tap: false);

        await AssertStoredAsync(scan, answers);
    }

    [Fact]
    public async Task Without_JavaScript_the_whole_journey_works_with_plain_form_posts()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Desktop, javaScript: false);
        var backgroundSaves = new List<string>();
        session.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("handler=Autosave", StringComparison.OrdinalIgnoreCase))
                backgroundSaves.Add(request.Url);
        };

        var answers = await CompleteJourneyAsync(session.Page, scan, tap: false);

        Assert.Empty(backgroundSaves); // every answer arrived through the navigation buttons
        await AssertStoredAsync(scan, answers);
    }

    // ---- Background save ----------------------------------------------------------------------

    [Fact]
    public async Task Answers_saved_in_the_background_survive_a_reload()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;
        await StartAsync(page, scan, tap: false);
        var condition = Questionnaire.Condition(ConditionKeys.Organisation);
        var step = Steps.FirstOf(condition.Key)!;
        await page.GotoAsync(PathOf(scan, $"/c/{condition.Key}"));
        await Expect(page).ToHaveURLAsync(UrlOf(scan, $"/q/{step.Key}"));
        var all = JourneyTests.AnswersFor(condition, seed: 2);
        var chosen = step.Scored.Select(q => (q.Key, Value: all[q.Key])).ToList();
        var progress = page.Locator("#progress-text");
        await Expect(progress).ToHaveTextAsync(new Regex(@"^\s*0 van \d+ vragen beantwoord\s*$"));
        await Expect(page.Locator("#save-status")).ToHaveTextAsync("Je antwoorden worden automatisch bewaard.");

        // Click, don't navigate. Wait until the background saves have stored every answer.
        var last = chosen[^1].Key;
        var save = await page.RunAndWaitForResponseAsync(
            async () =>
            {
                foreach (var (key, value) in chosen)
                    await ChooseAsync(page, key, value, tap: false);
            },
            response => response.Url.Contains("handler=Autosave", StringComparison.OrdinalIgnoreCase)
                        && (response.Request.PostData?.Contains(Uri.EscapeDataString($"Input.Answers[{last}]"), StringComparison.Ordinal) == true
                            || response.Request.PostData?.Contains($"Input.Answers[{last}]", StringComparison.Ordinal) == true));

        Assert.True(save.Ok, $"The background save answered {save.Status}.");
        await Eventually(async () => (await app.AnswersAsync(scan.Id)).Count == chosen.Count, "every clicked answer stored");
        await Expect(page.Locator("#save-status")).ToContainTextAsync("Opgeslagen");
        await Expect(page.Locator("#save-status")).Not.ToHaveClassAsync(new Regex("is-error"));
        await Expect(progress).ToContainTextAsync($"{chosen.Count} van {Questionnaire.ScoredQuestionCount} vragen beantwoord");
        Assert.EndsWith($"/q/{step.Key}", new Uri(page.Url).AbsolutePath);

        await page.ReloadAsync();

        foreach (var (key, value) in chosen)
        {
            var radio = Radio(page, key, value);
            await Expect(radio).ToBeCheckedAsync();
            // The checked attribute comes from the server, not from the browser restoring the form.
            await Expect(radio).ToHaveAttributeAsync("checked", new Regex(".*"));
        }

        await Expect(page.Locator("#save-status")).ToHaveTextAsync("Je antwoorden worden automatisch bewaard.");
        var stored = (await app.AnswersAsync(scan.Id)).ToDictionary(a => a.QuestionKey, a => AnswerForm.Format(a.ToDomain()));
        Assert.Equal(chosen.ToDictionary(c => c.Key, c => (string?)c.Value), stored);
    }

    // ---- Keyboard -----------------------------------------------------------------------------

    [Fact]
    public async Task With_the_keyboard_alone_a_respondent_reaches_the_first_question_and_answers_it()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;
        await StartAsync(page, scan, tap: false);
        var condition = Questionnaire.Condition(ConditionKeys.Usage);
        var questions = condition.Factors.SelectMany(f => f.Questions).Where(q => q.Kind == QuestionKind.Agreement).Take(2).ToList();
        await page.GotoAsync(PathOf(scan, $"/c/{condition.Key}"));

        // The first Tab shows the skip link.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        var first = Radio(page, questions[0].Key, "1");
        for (var presses = 0; presses < 10 && !await IsFocusedAsync(first); presses++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(first).ToBeFocusedAsync();
        await Expect(first).Not.ToBeCheckedAsync();
        await AssertFocusIsVisibleAsync(first);

        await page.Keyboard.PressAsync("Space");
        await Expect(first).ToBeCheckedAsync();

        // Arrow keys move within the question and choose as they go.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        var third = Radio(page, questions[0].Key, "3");
        await Expect(third).ToBeFocusedAsync();
        await Expect(third).ToBeCheckedAsync();
        await Expect(first).Not.ToBeCheckedAsync();
        await AssertFocusIsVisibleAsync(third);

        // Tab leaves the question for the next one; Space answers it.
        await page.Keyboard.PressAsync("Tab");
        var next = Radio(page, questions[1].Key, "1");
        await Expect(next).ToBeFocusedAsync();
        await AssertFocusIsVisibleAsync(next);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(Radio(page, questions[1].Key, "2")).ToBeCheckedAsync();

        await Expect(page.Locator("#save-status")).ToContainTextAsync("Opgeslagen");
        await Eventually(async () =>
        {
            var stored = (await app.AnswersAsync(scan.Id)).ToDictionary(a => a.QuestionKey, a => a.ScaleValue);
            return stored.Count == 2 && stored[questions[0].Key] == 3 && stored[questions[1].Key] == 2;
        }, "both keyboard answers stored");
    }

    // ---- Accessibility ------------------------------------------------------------------------

    [Fact]
    public async Task Every_respondent_page_in_Dutch_has_no_WCAG_21_AA_violations()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        await page.GotoAsync(PathOf(scan));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Accessibility.AssertNoViolationsAsync(page, output);

        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }), tap: false);
        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/profile"));
        await ChooseRoleAsync(page, tap: false);
        await Accessibility.AssertNoViolationsAsync(page, output);
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }), tap: false);

        foreach (var step in Steps.Steps)
        {
            await Expect(page).ToHaveURLAsync(UrlOf(scan, $"/q/{step.Key}"));
            var answers = JourneyTests.AnswersFor(step.Condition, seed: step.Number);
            await AnswerStepAsync(page, step, answers, tap: false);
            // Each condition's first step with answers chosen and the save status showing, so their styles are checked too.
            if (Steps.FirstOf(step.Condition.Key) == step)
            {
                await Expect(page.Locator("#save-status")).ToContainTextAsync("Opgeslagen");
                await Accessibility.AssertNoViolationsAsync(page, output);
            }

            if (step.Number == 1)
            {
                // The continue-later page: the personal link, its copy button and its QR code, nothing to submit.
                await Press(page.GetByRole(AriaRole.Button, new() { Name = "Later verder" }), tap: false);
                await Expect(page).ToHaveURLAsync(UrlOf(scan, "/later"));
                await Expect(page.Locator("#resume-link")).ToBeVisibleAsync();
                await Expect(page.Locator("img[src^='data:image/svg+xml']")).ToBeVisibleAsync();
                await Expect(page.Locator("button[type=submit]")).ToHaveCountAsync(0);
                await Accessibility.AssertNoViolationsAsync(page, output);
                // The review with open questions and the "too few answers" warning.
                await page.GotoAsync(PathOf(scan, "/review"));
                await Expect(page.Locator(".notice.warning[role=note]:not(#uncounted)")).ToBeVisibleAsync();
                await Accessibility.AssertNoViolationsAsync(page, output);
                await page.GotoAsync(PathOf(scan, $"/q/{Steps.Steps[1].Key}"));
                continue;
            }

            await Press(NextButton(page, last: Steps.Next(step) is null), tap: false);
        }

        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/review"));
        await Accessibility.AssertNoViolationsAsync(page, output);

        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }), tap: false);
        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/result"));
        await Expect(page.Locator("svg[role=img]")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
    }

    [Fact]
    public async Task The_not_found_page_for_an_unknown_link_has_no_WCAG_21_AA_violations()
    {
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        var response = await page.GotoAsync("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Accessibility.AssertNoViolationsAsync(page, output);
    }

    [Fact]
    public async Task The_gone_page_for_a_closed_scan_has_no_WCAG_21_AA_violations()
    {
        var scan = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed);
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        var response = await page.GotoAsync(PathOf(scan));

        Assert.Equal(410, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deze quickscan is gesloten");
        await Accessibility.AssertNoViolationsAsync(page, output);
    }

    [Fact]
    public async Task In_English_the_intro_and_a_question_page_have_no_WCAG_21_AA_violations()
    {
        var scan = await app.CreateScanAsync();
        await using var session = await app.OpenAsync(Device.Phone);
        var page = session.Page;

        await page.GotoAsync($"/language/en?returnUrl={Uri.EscapeDataString(PathOf(scan))}");
        await Expect(page).ToHaveURLAsync(UrlOf(scan));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Accessibility.AssertNoViolationsAsync(page, output);

        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Start the quickscan" }), tap: true);
        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/profile"));
        await page.GotoAsync(PathOf(scan, $"/c/{ConditionKeys.Usage}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Questionnaire.Factor("usage.performance").Name.En);
        var usage = Questionnaire.Condition(ConditionKeys.Usage);
        var answers = JourneyTests.AnswersFor(usage);
        foreach (var question in usage.Factors[0].Questions.Where(q => q.IsScored()))
            await ChooseAsync(page, question.Key, answers[question.Key], tap: true);
        await Expect(page.Locator("#save-status")).ToContainTextAsync("Saved at");
        await Accessibility.AssertNoViolationsAsync(page, output);
    }

    // ---- Journey steps --------------------------------------------------------------------------

    /// <summary>From the share link to the result page; returns every answer given (question key → form value).</summary>
    private async Task<Dictionary<string, string>> CompleteJourneyAsync(IPage page, Scan scan, bool tap, bool checkReflow = false)
    {
        await page.GotoAsync(PathOf(scan));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(scan.Title);
        if (checkReflow)
            await AssertNoHorizontalScrollAsync(page);
        await StartAsync(page, scan, tap, alreadyOnIntro: true);

        await ChooseRoleAsync(page, tap);
        await page.GetByLabel("Afdeling (optioneel)").FillAsync(Department);
        if (checkReflow)
            await AssertNoHorizontalScrollAsync(page);
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }), tap);

        var given = new Dictionary<string, string>();
        foreach (var step in Steps.Steps)
        {
            await Expect(page).ToHaveURLAsync(UrlOf(scan, $"/q/{step.Key}"));
            await Expect(page.Locator(".eyebrow")).ToContainTextAsync($"stap {step.Number} van {Steps.Steps.Count}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(step.Factor.Name.Nl);
            var answers = JourneyTests.AnswersFor(step.Condition, seed: step.Condition.Key.Length);
            await AnswerStepAsync(page, step, answers, tap);
            foreach (var question in step.Questions)
                given[question.Key] = answers[question.Key];
            if (checkReflow)
            {
                await AssertNoHorizontalScrollAsync(page);
                // A step is short: at most about two phone screens.
                var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
                Assert.True(height <= 2 * Device.Phone.Height, $"Step {step.Key} is {height}px tall on a phone.");
            }

            await Press(NextButton(page, last: Steps.Next(step) is null), tap);
        }

        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/review"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }), tap);

        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/result"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bedankt voor het invullen!");
        var chart = page.Locator("svg[role=img]");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAccessibleNameAsync(new Regex(@"\S"));
        await Expect(page.Locator("table.data tbody tr")).ToHaveCountAsync(Questionnaire.Conditions.Count);
        await Expect(page.Locator("ol.next-steps > li")).ToHaveCountAsync(3);
        if (checkReflow)
            await AssertNoHorizontalScrollAsync(page);
        return given;
    }

    /// <summary>Opens the share link (unless already there), starts, and lands on the profile page.</summary>
    private static async Task StartAsync(IPage page, Scan scan, bool tap, bool alreadyOnIntro = false)
    {
        if (!alreadyOnIntro)
            await page.GotoAsync(PathOf(scan));
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }), tap);
        await Expect(page).ToHaveURLAsync(UrlOf(scan, "/profile"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Over jou (optioneel)");
    }

    private static async Task ChooseRoleAsync(IPage page, bool tap)
    {
        var role = page.Locator("label.option", new() { HasText = RoleLabel });
        await Press(role, tap);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = RoleLabel })).ToBeCheckedAsync();
    }

    /// <summary>
    /// Answers every question of the page: open questions are typed first (so every background save
    /// carries them), then each choice by clicking or tapping its label.
    /// </summary>
    private static async Task AnswerStepAsync(IPage page, Step step, IReadOnlyDictionary<string, string> answers, bool tap)
    {
        var questions = step.Questions;
        foreach (var question in questions.Where(q => q.Kind == QuestionKind.OpenText))
            await page.Locator($"textarea[name='Input.Answers[{question.Key}]']").FillAsync(answers[question.Key]);
        foreach (var question in questions.Where(q => q.IsScored()))
            await ChooseAsync(page, question.Key, answers[question.Key], tap);
    }

    /// <summary>Clicks (or taps) the label of one option and checks that its radio is now chosen.</summary>
    private static async Task ChooseAsync(IPage page, string questionKey, string value, bool tap)
    {
        var label = page.Locator("label.option").Filter(new() { Has = Radio(page, questionKey, value) });
        await Press(label, tap);
        await Expect(Radio(page, questionKey, value)).ToBeCheckedAsync();
    }

    private static ILocator Radio(IPage page, string questionKey, string value) =>
        page.Locator($"input[type=radio][name='Input.Answers[{questionKey}]'][value='{value}']");

    private static ILocator NextButton(IPage page, bool last) =>
        page.GetByRole(AriaRole.Button, new() { Name = last ? "Naar het overzicht" : "Volgende", Exact = true });

    private static Task Press(ILocator locator, bool tap) => tap ? locator.TapAsync() : locator.ClickAsync();

    // ---- Checks -------------------------------------------------------------------------------

    private async Task AssertStoredAsync(Scan scan, IReadOnlyDictionary<string, string> given)
    {
        var rows = await app.AnswersAsync(scan.Id);
        var stored = rows.ToDictionary(a => a.QuestionKey, a => AnswerForm.Format(a.ToDomain()));
        var scored = given.Where(a => ScoredKeys.Contains(a.Key)).ToDictionary(a => a.Key, a => (string?)a.Value);

        Assert.Equal(Questionnaire.ScoredQuestionCount, scored.Count);
        Assert.Equal(scored, stored.Where(a => ScoredKeys.Contains(a.Key)).ToDictionary());
        foreach (var (key, text) in given.Where(a => !ScoredKeys.Contains(a.Key)))
            Assert.Equal(text, stored.GetValueOrDefault(key));

        var respondent = await app.QueryAsync(db => db.Respondents.Include(r => r.Score).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal("management", respondent.RoleGroup);
        Assert.Equal(Department, respondent.Department);
        Assert.NotNull(respondent.SubmittedAt);
        Assert.NotNull(respondent.Score);
    }

    /// <summary>WCAG 1.4.10 on a phone: nothing makes the page wider than the screen.</summary>
    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var (scrollWidth, viewportWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= viewportWidth, $"{page.Url} scrolls sideways: {scrollWidth}px wide on a {viewportWidth}px screen.");
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>The focused control matches :focus-visible and draws an outline of at least 2px.</summary>
    private static async Task AssertFocusIsVisibleAsync(ILocator locator)
    {
        var style = await locator.EvaluateAsync<string>(
            "e => { const s = getComputedStyle(e); return [e.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)].join('|'); }");
        var parts = style.Split('|');
        Assert.True(parts[0] == "true", "The focused radio does not match :focus-visible.");
        Assert.NotEqual("none", parts[1]);
        Assert.True(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) >= 2, $"Focus outline too thin: {style}");
    }

    /// <summary>For checks on the database that follow a background request: polls up to 10 s.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }

    private static string PathOf(Scan scan, string path = "") => $"/s/{scan.ShareToken}{path}";

    private static Regex UrlOf(Scan scan, string path = "") => new($"/s/{Regex.Escape(scan.ShareToken)}{Regex.Escape(path)}$");
}
