using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>An admin rewords a question and publishes it, in a real browser; earlier scans keep their wording and scores.</summary>
[Collection("Browser")]
public sealed class QuestionnaireAdminBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    private const string Question = "usage.effort.1";
    private const string NewWording = "Met het platform werk ik sneller dan zonder.";

    [Fact]
    public async Task An_admin_rewords_a_question_and_publishes_earlier_scans_keep_their_wording_and_scores_new_scans_get_the_new_wording()
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        var oldWording = questionnaire.Questions.Single(q => q.Key == Question).Text.Nl;
        var consultant = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(consultant);
        var baseVersionId = await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Key == questionnaire.Key && v.Version == 1 && v.Revision == 0).Select(v => v.Id).SingleAsync());
        var before = await app.CreateScanAsync(s => s.QuestionnaireVersionId = baseVersionId, organisation);
        var respondent = new RespondentClient(app, before.ShareToken, http: app.CreateHttpClient());
        await respondent.StartAsync();
        foreach (var condition in questionnaire.Conditions)
            await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition));
        var submitted = await respondent.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var scoresBefore = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == before.Id).Select(s => s.ScoresJson).SingleAsync());
        var admin = await app.CreateUserAsync(Roles.Admin);

        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(admin.Email!);
        await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));

        await page.GotoAsync("/admin/questionnaires");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.Locator("tr", new() { HasText = $"{questionnaire.Key} v1" }).Filter(new() { HasNotText = "v1." })
            .GetByRole(AriaRole.Button, new() { Name = "Nieuw concept" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/questionnaires/drafts/"));
        await Accessibility.AssertNoViolationsAsync(page, output);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Bewerken {Question}", Exact = true }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.Locator("#Input-Text-nl").FillAsync(NewWording);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.Locator(".notice.success")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het concept" }).ClickAsync();
        var draftUrl = page.Url;
        foreach (var editor in new[] { "/general", "/conditions/usage", "/factors/usage.effort" })
        {
            await page.GotoAsync(draftUrl + editor);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" })).ToBeVisibleAsync();
            await Accessibility.AssertNoViolationsAsync(page, output);
        }

        await page.GotoAsync(draftUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        await Expect(page.Locator("legend", new() { HasText = NewWording })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het concept" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Vergelijken met de basisversie" }).ClickAsync();
        await Expect(page.Locator("table.compare")).ToContainTextAsync(NewWording);
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/questionnaires$"));

        foreach (var path in new[] { "/admin/audit", "/admin/state", "/admin/questionnaires/compare" })
        {
            await page.GotoAsync(path);
            await Accessibility.AssertNoViolationsAsync(page, output);
        }

        // The scan answered before keeps its wording and its scores.
        var (_, oldPage) = await new RespondentClient(app, before.ShareToken, http: app.CreateHttpClient()).GetAsync($"/s/{before.ShareToken}/q/usage.performance");

        Assert.Equal(scoresBefore, await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == before.Id).Select(s => s.ScoresJson).SingleAsync()));
        var restarted = new RespondentClient(app, before.ShareToken, http: app.CreateHttpClient());
        await restarted.StartAsync();
        var (_, earlier) = await restarted.GetAsync(restarted.StepUrl(Question));
        Assert.Contains(oldWording, earlier.Body!.TextContent);
        Assert.DoesNotContain(NewWording, earlier.Body.TextContent);
        _ = oldPage;

        // A new scan on the revision (new scans default to the newest version, v2; the form offers the revision too) shows the new wording.
        var owner = await SignedInClient.SignInAsync(app, consultant);
        var (_, form) = await owner.GetAsync($"/scans/new/{organisation.Id}");
        var defaultVersion = form.QuerySelectorAll("#version option").Single(o => o.TextContent.Contains(" v1.1 ", StringComparison.Ordinal)).GetAttribute("value")!;
        await owner.PostAsync($"/scans/new/{organisation.Id}", form,
            [new("Input.Title", "Na de revisie"), new("Input.QuestionnaireVersionId", defaultVersion), new("Input.Languages", "nl"), new("Input.AnonymityThreshold", "5")]);
        var after = await app.QueryAsync(db => db.Scans.SingleAsync(s => s.Title == "Na de revisie"));
        await app.ExecuteAsync(async db =>
        {
            (await db.Scans.SingleAsync(s => s.Id == after.Id)).Status = ScanStatus.Open;
            await db.SaveChangesAsync();
        });
        var newcomer = new RespondentClient(app, after.ShareToken, http: app.CreateHttpClient());
        await newcomer.StartAsync();
        var (_, newPage) = await newcomer.GetAsync(newcomer.StepUrl(Question));
        Assert.Contains(NewWording, newPage.Body!.TextContent);
    }
}
