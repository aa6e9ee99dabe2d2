using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// Every page of every role, on a 390 px phone and a 1366 px laptop: none may scroll sideways (wide tables scroll in
/// their own box) and axe-core may find no WCAG 2.1 A/AA violation. The pages are reached with real data behind
/// them: a client with an open scan that has responses, a draft scan, an interview, a questionnaire draft.
/// Every Razor page that renders on a GET for some role is visited (anonymous, respondent on questionnaire v1 and
/// v2, the owner intake, the sponsor, consultant, admin). Deliberately not visited, because they render no page of
/// their own: /account/logout (POST only; its GET redirects home), /s/{token}/continue, /s/{token}/c/{condition},
/// /s/{token}/r/{resume token} and /j/{code} (redirects to a step, the result or the intro, all visited), and the
/// downloads /scans/{id}/export/* and /admin/questionnaires/export (CSV, Excel, PDF, JSON: no HTML to check).
/// </summary>
[Collection("Browser")]
public sealed class PageWalkBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    public static TheoryData<string> Devices => new() { Device.Phone.Name, Device.Laptop.Name };

    private static Device DeviceNamed(string name) => name == Device.Phone.Name ? Device.Phone : Device.Laptop;

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Every_page_of_every_role_fits_the_screen_and_has_no_WCAG_21_AA_violations(string deviceName)
    {
        var device = DeviceNamed(deviceName);
        var admin = await app.CreateUserAsync(Roles.Admin);
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant, "Gemeente Paginadorp met een lange naam");
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New(), client);
        await SeedInstrumentAsync(scan.Id);
        var draft = await app.CreateScanAsync(s => s.Status = ScanStatus.Draft, client);
        var closed = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed);
        var closedOwn = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed, client);
        // Questionnaire v2, the default for new scans, with its owner intake link: other steps, routing and a context step.
        var v2 = await app.CreateScanAsync(s => s.IntakeToken = Tokens.New(), client, questionnaireVersion: 2);
        var lead = await SeedLeadAsync();
        var (invitee, resetCode) = await PasswordLinkAsync();
        var twoFactor = await TwoFactorUserAsync();
        var failures = new List<string>();

        // A respondent, from the intro to the result, plus the pages for links that don't work.
        await using (var respondent = await app.OpenAsync(device))
        {
            var page = respondent.Page;
            await VisitAsync(page, $"/s/{scan.ShareToken}", failures);
            await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
            await CheckAsync(page, failures);
            await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/q/"));
            await CheckAsync(page, failures);
            await VisitAsync(page, $"/s/{scan.ShareToken}/later", failures);
            await VisitAsync(page, $"/s/{scan.ShareToken}/review", failures);
            // Nothing answered: the submission will not count, and the respondent confirms that first.
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ik begrijp dat mijn antwoorden niet meetellen en wil ze toch versturen" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/result$"));
            await CheckAsync(page, failures);
            await VisitAsync(page, $"/s/{draft.ShareToken}", failures);
            await VisitAsync(page, $"/s/{closed.ShareToken}", failures);
            await VisitAsync(page, $"/r/{scan.ReportToken}", failures);
            await VisitAsync(page, $"/r/{scan.ReportToken}/quotes/quotes-survey-usage-performance-open", failures);
            await Expect(page.Locator("#quotes-count")).ToHaveTextAsync("7 antwoorden · pagina 1 van 1");
            await VisitAsync(page, "/", failures);
            await VisitAsync(page, "/account/login", failures);
            foreach (var path in new[] { "/account/forgot-password", "/account/denied", "/status/404", "/error" })
                await VisitAsync(page, path, failures);
            // The link from an invitation or reset email, with its form; and a used or made-up one.
            await VisitAsync(page, $"/account/set-password?user={invitee.Id}&code={Uri.EscapeDataString(resetCode)}", failures);
            await Expect(page.Locator("input[type=password]").First).ToBeVisibleAsync();
            await VisitAsync(page, $"/account/set-password?user={invitee.Id}&code=made-up", failures);
            // The public self-scan and its result, contact and thank-you pages.
            foreach (var path in new[] { "/zelfscan", $"/zelfscan/result/{lead.ResultToken}", $"/zelfscan/result/{lead.ResultToken}/contact", "/zelfscan/bedankt" })
                await VisitAsync(page, path, failures);
        }

        // A respondent on questionnaire v2 (employee), every step from the first to the review.
        await using (var respondent = await app.OpenAsync(device))
        {
            var page = respondent.Page;
            await VisitAsync(page, $"/s/{v2.ShareToken}", failures);
            await page.GetByRole(AriaRole.Button, new() { Name = "Begin de quickscan" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
            await page.GetByRole(AriaRole.Radio, new() { Name = "Medewerker" }).CheckAsync();
            await CheckAsync(page, failures);
            await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
            await WalkStepsAsync(page, failures);
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ik begrijp dat mijn antwoorden niet meetellen en wil ze toch versturen" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Antwoorden versturen" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/result$"));
            await CheckAsync(page, failures);
        }

        // The owner intake through its own link: the intro and its first step (the context questions).
        await using (var owner = await app.OpenAsync(device))
        {
            var page = owner.Page;
            await VisitAsync(page, $"/s/{v2.IntakeToken}", failures);
            await page.Locator("form button[type=submit].primary").First.ClickAsync();
            if (new Uri(page.Url).AbsolutePath.EndsWith("/profile", StringComparison.Ordinal))
            {
                await CheckAsync(page, failures);
                await page.GetByRole(AriaRole.Button, new() { Name = "Naar de vragen" }).ClickAsync();
            }

            await Expect(page).ToHaveURLAsync(new Regex("/q/"));
            await CheckAsync(page, failures);
        }

        // The second sign-in step, for a user with two-factor sign-in.
        await using (var session = await app.OpenAsync(device))
        {
            var page = session.Page;
            await page.GotoAsync("/account/login");
            await page.GetByLabel("E-mailadres").FillAsync(twoFactor.Email!);
            await page.GetByLabel("Wachtwoord").FillAsync(QuickscanApp.TestPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
            await CheckAsync(page, failures);
        }

        // The consultant's pages.
        await using (var session = await app.OpenAsync(device))
        {
            var page = session.Page;
            await SignInAsync(page, consultant);
            string[] paths =
            [
                "/clients", "/clients/new", $"/clients/{client.Id}/edit", $"/clients/{client.Id}/delete",
                $"/scans/new/{client.Id}", $"/scans/{scan.Id}", $"/scans/{scan.Id}/edit", $"/scans/{scan.Id}/report",
                $"/scans/{scan.Id}/report/quotes/quotes-survey-usage-performance-open", $"/scans/{scan.Id}/interview", $"/scans/{scan.Id}/assessment", $"/scans/{scan.Id}/delete",
                $"/scans/{draft.Id}", $"/scans/{v2.Id}", $"/scans/{v2.Id}/edit", $"/scans/{v2.Id}/report",
                $"/scans/{closedOwn.Id}", $"/scans/{closedOwn.Id}/report",
                $"/scans/{scan.Id}/present", $"/scans/{scan.Id}/present/wall", "/leads", $"/leads/{lead.Id}",
                "/account/manage", "/account/manage/two-factor", "/account/password",
            ];
            foreach (var path in paths)
                await VisitAsync(page, path, failures);
            await page.GotoAsync($"/scans/{scan.Id}/report/quotes/quotes-survey-usage-performance-open");
            await Expect(page.Locator("main .report-quote form")).ToHaveCountAsync(7);

            // The report with every collapsed part open (distributions, the rest of the quotes, the headcount form), then
            // a refused headcount post (a count without its department): the form with its field message.
            await page.GotoAsync($"/scans/{scan.Id}/report");
            await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");
            // The walk is only worth something if the instrument's sections are really there.
            await Expect(page.Locator("#quotes .report-quote")).ToHaveCountAsync(7);
            await Expect(page.Locator("#quotes details.report-quotes-more > summary")).ToHaveTextAsync("en nog 2 andere antwoorden");
            await Expect(page.Locator("#dontknow .report-finding")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator("#distributions table.report-distribution").First).ToBeVisibleAsync();
            await Expect(page.Locator("caption#rates-departments")).ToBeVisibleAsync();
            await Expect(page.Locator("caption#rates-roles")).ToBeVisibleAsync();
            await Expect(page.Locator("#quality")).ToBeVisibleAsync();
            await CheckAsync(page, failures);
            await page.Locator("#headcounts input[id^='hc-dep-count-']").Last.FillAsync("5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Aantallen opslaan" }).ClickAsync();
            await Expect(page.Locator("#headcounts .field-error")).ToBeVisibleAsync();
            await CheckAsync(page, failures);
            // The menu, opened on a phone: it must fit too.
            if (device == Device.Phone)
            {
                await page.GotoAsync("/clients");
                await page.Locator(".menu-toggle").ClickAsync();
                await Expect(page.Locator(".main-nav")).ToBeVisibleAsync();
                await CheckAsync(page, failures);
            }

            // An interview's first step, addressed to the consultant.
            await page.GotoAsync($"/scans/{scan.Id}/interview");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Medewerker" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Interview starten" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/q/"));
            await CheckAsync(page, failures);
        }

        // The admin's pages, with a questionnaire draft to edit.
        await using (var session = await app.OpenAsync(device))
        {
            var page = session.Page;
            await SignInAsync(page, admin);
            foreach (var path in new[] { "/admin", "/admin/users", "/admin/users/new", $"/admin/users/{consultant.Id}", "/admin/audit", "/admin/state", "/admin/retention", "/admin/questionnaires", "/admin/questionnaires/compare" })
                await VisitAsync(page, path, failures);
            await page.GotoAsync("/admin/questionnaires");
            await page.GetByRole(AriaRole.Button, new() { Name = "Nieuw concept" }).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin/questionnaires/drafts/"));
            var draftUrl = new Uri(page.Url).AbsolutePath;
            await CheckAsync(page, failures);
            foreach (var editor in new[] { "/general", "/conditions/usage", "/factors/usage.effort", "/questions/usage.effort.1", "/preview/usage" })
                await VisitAsync(page, draftUrl + editor, failures);
        }

        Assert.True(failures.Count == 0, $"On the {device.Name} ({device.Width} px):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// The same pages in English on a phone: English words are often longer, so what fits in Dutch may not. The
    /// language is chosen with the language switch (its cookie) and every page is checked to really be English.
    /// </summary>
    [Fact]
    public async Task Every_page_in_English_fits_a_phone_and_has_no_WCAG_21_AA_violations()
    {
        var device = Device.Phone;
        var admin = await app.CreateUserAsync(Roles.Admin);
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant, "Municipality of Pagetown with a long name");
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New(), client);
        await SeedInstrumentAsync(scan.Id);
        var draft = await app.CreateScanAsync(s => s.Status = ScanStatus.Draft, client);
        var closedOwn = await app.CreateScanAsync(s => s.Status = ScanStatus.Closed, client);
        var v2 = await app.CreateScanAsync(s => s.IntakeToken = Tokens.New(), client, questionnaireVersion: 2);
        var failures = new List<string>();

        async Task EnglishAsync(IPage page, string path)
        {
            await VisitAsync(page, path, failures);
            if (await page.GetAttributeAsync("html", "lang") is not "en")
                failures.Add($"{path}: not in English");
        }

        await using (var anonymous = await app.OpenAsync(device, locale: "en-GB"))
        {
            var page = anonymous.Page;
            await page.GotoAsync("/language/en?returnUrl=/");
            foreach (var path in new[]
                     {
                         "/", $"/s/{scan.ShareToken}", $"/s/{v2.ShareToken}", $"/s/{draft.ShareToken}", $"/s/{v2.IntakeToken}", $"/r/{scan.ReportToken}",
                         $"/r/{scan.ReportToken}/quotes/quotes-survey-usage-performance-open", "/zelfscan", "/account/login", "/account/forgot-password", "/status/404",
                     })
                await EnglishAsync(page, path);
            // Into the questions: the first step of each questionnaire.
            foreach (var intro in new[] { $"/s/{scan.ShareToken}", $"/s/{v2.ShareToken}" })
            {
                await page.GotoAsync(intro);
                await page.Locator("main form button[type=submit]").First.ClickAsync();
                await CheckAsync(page, failures);
            }
        }

        foreach (var (user, paths) in new[]
                 {
                     (consultant, new[]
                     {
                         "/clients", "/clients/new", $"/clients/{client.Id}/edit", $"/scans/new/{client.Id}", $"/scans/{scan.Id}", $"/scans/{scan.Id}/edit",
                         $"/scans/{scan.Id}/report", $"/scans/{scan.Id}/report/quotes/quotes-survey-usage-performance-open", $"/scans/{scan.Id}/assessment",
                         $"/scans/{scan.Id}/interview", $"/scans/{scan.Id}/present", $"/scans/{scan.Id}/present/wall", $"/scans/{v2.Id}/report",
                         $"/scans/{closedOwn.Id}/report", "/leads", "/account/manage", "/account/password",
                     }),
                     (admin, new[] { "/admin", "/admin/users", "/admin/users/new", "/admin/audit", "/admin/state", "/admin/retention", "/admin/questionnaires" }),
                 })
        {
            await using var session = await app.OpenAsync(device, locale: "en-GB");
            var page = session.Page;
            await page.GotoAsync("/account/login");
            await page.Locator("input[name='Input.Email']").FillAsync(user.Email!);
            await page.Locator("input[name='Input.Password']").FillAsync(QuickscanApp.TestPassword);
            await page.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
            await page.GotoAsync("/language/en?returnUrl=/clients");
            foreach (var path in paths)
                await EnglishAsync(page, path);
            // The report with every collapsed part open.
            if (user == consultant)
            {
                await page.GotoAsync($"/scans/{scan.Id}/report");
                await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");
                await Expect(page.Locator("#quotes details.report-quotes-more > summary")).ToHaveTextAsync("and 2 more answers");
                await CheckAsync(page, failures);
            }
        }

        foreach (var failure in failures)
            output.WriteLine(failure);
        Assert.True(failures.Count == 0, $"In English on the {device.Name} ({device.Width} px):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// Respondents whose answers make every instrument section of the report visible: quotes (seven open answers, so
    /// five and "en nog 2 andere antwoorden", one long unbroken one), distributions, a don't-know finding (4 of 7),
    /// departments with headcounts (response rates), a straight-lining and a too-fast response (the quality section).
    /// </summary>
    private async Task SeedInstrumentAsync(Guid scanId)
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(1);
        var dontKnow = questionnaire.Factor("usage.effort").Questions.First(q => q.Kind == QuestionKind.Agreement).Key;
        string[] roles = ["management", "employee", "employee", "support", "employee", "employee", "employee"];
        var random = new Random(3);
        var respondents = roles.Select((role, i) =>
        {
            var answers = ResponseSeeding.Answers(questionnaire, random, 1 + (i % 5)).Where(a => a.QuestionKey != dontKnow).ToList();
            answers.Add(i < 4 ? new DontKnowAnswer(dontKnow) : new ScaleAnswer(dontKnow, 3));
            answers.Add(new TextAnswer("usage.performance.open", i == 0
                ? "Zie https://intranet.gemeente-paginadorp.nl/afdelingen/informatievoorziening/applicatiebeheer/zaaksysteem/handleidingen/versie-2024-definitief-def2.pdf"
                : $"Open antwoord {i}: het systeem is traag op maandagochtend en de koppeling met het archief valt geregeld uit."));
            return new ResponseSeeding.Seeded(answers, role, i < 5 ? "Publiekszaken en dienstverlening" : "ICT");
        }).ToList();
        var ids = await ResponseSeeding.AddAnsweredAsync(app, scanId, respondents);
        await app.ExecuteAsync(async db =>
        {
            await db.Respondents.Where(r => r.Id == ids[1]).ExecuteUpdateAsync(r => r.SetProperty(x => x.StraightLining, true));
            await db.Respondents.Where(r => r.Id == ids[2]).ExecuteUpdateAsync(r => r.SetProperty(x => x.TooFast, true));
            var headcounts = new Pages.Reports.ReportHeadcounts(
                new Dictionary<string, int> { ["Publiekszaken en dienstverlening"] = 12, ["ICT"] = 6 },
                new Dictionary<string, int> { ["employee"] = 9, ["management"] = 3 });
            await db.Scans.Where(s => s.Id == scanId).ExecuteUpdateAsync(s => s.SetProperty(x => x.HeadcountsJson, headcounts.ToJson()));
        });
    }

    /// <summary>From a step through every next step to the review, each checked (routing decides how many there are).</summary>
    private async Task WalkStepsAsync(IPage page, List<string> failures)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/q/"));
        for (var steps = 0; new Uri(page.Url).AbsolutePath.Contains("/q/", StringComparison.Ordinal); steps++)
        {
            Assert.True(steps < 40, "The steps never reached the review.");
            await CheckAsync(page, failures);
            var at = page.Url;
            await page.Locator("button[name='Input.Move'][value='next']").ClickAsync();
            await page.WaitForURLAsync(url => url != at);
        }

        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await CheckAsync(page, failures);
    }

    /// <summary>A self-scan sent as a prospect does, and a lead from it: the self-scan result and the lead pages need one.</summary>
    private async Task<(Guid Id, string ResultToken)> SeedLeadAsync()
    {
        // A plain client on the real port: one from the factory follows the redirect the result token is read from.
        using var prospect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var token = SelfScan.SelfScanForms.ResultToken(await SelfScan.SelfScanForms.SendAsync(prospect, SelfScan.SelfScanForms.Answers(agree: 2), sector: "care"));
        var id = await app.QueryAsync(async db =>
        {
            var lead = new Lead
            {
                Name = "Paula Paginaloper", OrganisationName = "Zorggroep Paginadorp", Email = "paula@example.test", Phone = "+31 6 1234 5678",
                Sector = "care", ConsentText = "Toestemming zoals getoond.", Message = "Graag een quickscan.",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                SelfScanResponseId = await db.SelfScanResponses.OrderByDescending(r => r.SubmittedAt).Select(r => r.Id).FirstAsync(),
            };
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
        return (id, token);
    }

    /// <summary>A user and a valid set-password code for them, as the invitation or reset email carries.</summary>
    private async Task<(User User, string Code)> PasswordLinkAsync()
    {
        var user = await app.CreateUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return (user, await scope.ServiceProvider.GetRequiredService<UserManager<User>>().GeneratePasswordResetTokenAsync(user));
    }

    /// <summary>A consultant with two-factor sign-in on: signing in stops at the code page.</summary>
    private async Task<User> TwoFactorUserAsync()
    {
        var user = await app.CreateUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var stored = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException();
        await users.ResetAuthenticatorKeyAsync(stored);
        await users.SetTwoFactorEnabledAsync(stored, true);
        return user;
    }

    private async Task VisitAsync(IPage page, string path, List<string> failures)
    {
        var response = await page.GotoAsync(path);
        if (response is null || response.Status >= 500)
            failures.Add($"{path}: status {response?.Status}");
        await CheckAsync(page, failures);
    }

    /// <summary>No sideways scrolling of the page (WCAG 1.4.10) and no axe violation; every failure is collected, not just the first.</summary>
    private async Task CheckAsync(IPage page, List<string> failures)
    {
        var path = new Uri(page.Url).PathAndQuery;
        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            var culprits = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll')).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
            failures.Add($"{path}: {widths[0]} px wide on a {widths[1]} px screen ({culprits})");
        }

        try
        {
            await Accessibility.AssertNoViolationsAsync(page, output);
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException)
        {
            failures.Add($"{path}: {e.Message}");
        }
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
