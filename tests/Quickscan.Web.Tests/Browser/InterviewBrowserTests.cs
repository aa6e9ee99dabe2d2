using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>Interview mode and the expert assessment in a real browser, signed in through the login form, checked with axe-core.</summary>
[Collection("Browser")]
public sealed class InterviewBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    [Fact]
    public async Task A_consultant_starts_an_interview_answers_a_page_and_assesses_with_no_WCAG_21_AA_violations()
    {
        var consultant = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => s.Status = ScanStatus.Draft, organisation);
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        // Sign in through the form.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(consultant.Email!);
        await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));

        // The interview page, empty and then with the role group missing.
        await page.GotoAsync($"/scans/{scan.Id}/interview");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Interview afnemen");
        await Accessibility.AssertNoViolationsAsync(page, output);

        // Start: choose the role group with the keyboard, then the button.
        var role = page.GetByRole(AriaRole.Radio, new() { Name = "Medewerker" });
        await role.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(role).ToBeCheckedAsync();
        await page.GetByLabel("Afdeling (optioneel)").FillAsync("Zorg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Interview starten" }).ClickAsync();

        // The respondent pages, with the interview banner; answer the first page and go on.
        var usage = Questionnaire.Condition(ConditionKeys.Usage);
        await Expect(page).ToHaveURLAsync(new Regex($"/s/{Regex.Escape(scan.ShareToken)}/q/usage.performance$"));
        await Expect(page.Locator(".interview-banner")).ToContainTextAsync("Interview namens een geïnterviewde (Medewerker)");
        var answers = JourneyTests.AnswersFor(usage);
        foreach (var question in usage.Factors[0].Questions)
        {
            if (question.Kind == QuestionKind.OpenText)
                await page.Locator($"textarea[name='Input.Answers[{question.Key}]']").FillAsync(answers[question.Key]);
            else
                await page.Locator($"label.option:has(input[name='Input.Answers[{question.Key}]'][value='{answers[question.Key]}'])").ClickAsync();
        }

        await Expect(page.Locator("#save-status")).ToContainTextAsync("Opgeslagen");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/q/{Regex.Escape(usage.Factors[1].Key)}$"));

        var stored = await app.QueryAsync(db => db.Respondents.Include(r => r.Answers).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal(RespondentSource.Interview, stored.Source);
        Assert.Equal("employee", stored.RoleGroup);
        Assert.Equal(usage.Factors[0].Questions.Count, stored.Answers.Count);

        // Back to the interview page through the banner: the interview is listed, not yet submitted.
        await page.Locator(".interview-banner a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/scans/{scan.Id}/interview$"));
        await Expect(page.Locator("table.interview-list tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.interview-list tbody tr")).ToContainTextAsync("Nog niet verstuurd");
        await Accessibility.AssertNoViolationsAsync(page, output);

        // The expert assessment: a level and a comment, saved.
        await page.GotoAsync($"/scans/{scan.Id}/assessment");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Expertoordeel");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Group, new() { Name = "Jouw oordeel over Gebruik" }).GetByRole(AriaRole.Radio, new() { Name = "3 – Ingericht" }).CheckAsync();
        await page.GetByLabel("Toelichting bij Gebruik (optioneel)").FillAsync("Een kleine kern is actief.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator(".notice.success")).ToContainTextAsync("opgeslagen");
        await Accessibility.AssertNoViolationsAsync(page, output);

        // A comment without a level: the error, in the page, checked too.
        await page.GetByLabel("Toelichting bij Organisatie (optioneel)").FillAsync("Nog onduidelijk.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator("#e-organisation")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        var assessment = await app.QueryAsync(db => db.ExpertAssessments.SingleAsync(a => a.ScanId == scan.Id));
        Assert.Equal(("usage", 3, "Een kleine kern is actief."), (assessment.ConditionKey, assessment.Level, assessment.Comment));
    }
}
