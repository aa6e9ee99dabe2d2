using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>The two ways into a v2 scan, through HTTP on PostgreSQL: the employee link and the owner intake's own link.</summary>
public sealed class IntakeTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire V2 = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(2);

    private async Task<(Scan Scan, SignedInClient Consultant)> ScanWithIntakeLinkAsync(Action<Scan>? configure = null)
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(configure, await app.CreateClientAsync(me), questionnaireVersion: 2);
        var created = await consultant.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=CreateIntakeLink");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var token = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.IntakeToken).SingleAsync());
        Assert.NotNull(token);
        scan.IntakeToken = token;
        return (scan, consultant);
    }

    private static async Task<string> FirstStepAsync(RespondentClient respondent, string roleGroup)
    {
        await respondent.StartAsync();
        var saved = await respondent.SaveProfileAsync(roleGroup);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = saved.Headers.Location!.OriginalString;
        // The profile leads on through /continue to the first step.
        for (var hops = 0; !next.Contains("/q/", StringComparison.Ordinal) && hops < 3; hops++)
            next = (await respondent.Http.GetAsync(next)).Headers.Location!.OriginalString;
        return next;
    }

    [Fact]
    public async Task The_employee_link_asks_only_what_employees_can_judge_and_a_dont_know_everywhere_still_gives_a_personal_result()
    {
        var (scan, _) = await ScanWithIntakeLinkAsync(s => s.PlatformName = "Plein");
        var employee = new RespondentClient(app, scan.ShareToken);

        var first = await FirstStepAsync(employee, "employee");
        var (_, firstPage) = await employee.GetAsync(first);
        Assert.Contains("Plein", firstPage.Body!.TextContent);
        Assert.DoesNotContain(PlatformText.Placeholder, firstPage.Body.TextContent);
        // "Don't know" on everything about goals and organisation that offers it: the facts behind those live in the intake.
        var seen = await employee.AnswerEveryStepAsync(first, (key, values) =>
            values.Contains("dk") && (key.StartsWith("purposefulness.", StringComparison.Ordinal) || key.StartsWith("organisation.", StringComparison.Ordinal)) ? "dk" : values.FirstOrDefault(v => v != "dk"));

        Assert.DoesNotContain(seen, key => V2.AllQuestions.Single(q => q.Key == key).Audience == Audience.Owner || V2.IsContext(key));

        var (resultResponse, result) = await employee.FollowAsync(await employee.SubmitAsync());
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
        var stored = await app.QueryAsync(db => db.Respondents.Include(r => r.Score).Include(r => r.Answers).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal(Track.Survey, stored.Track);
        // Every page showed exactly what routing shows an employee with these answers.
        var expected = V2.Shown(new RespondentProfile(Track.Survey, "employee"), stored.Answers.Select(a => a.ToDomain())).Select(q => q.Key).ToList();
        Assert.Equal(expected, seen);
        Assert.NotNull(stored.Score);
        // What an employee was asked is scored as complete: the facts they were never shown don't count against them.
        Assert.Equal(4, result.QuerySelectorAll("table.data tbody tr").Length);
        Assert.NotNull(stored.Score!.Index);
        // The result says what it covers, reads the employees' level texts and offers what they can do themselves.
        Assert.Contains("Dit resultaat gaat over wat je is gevraagd", result.Body!.TextContent);
        var scored = RespondentScoring.Score(V2, stored.Answers.Select(a => a.ToDomain()).ToList(), new RespondentProfile(Track.Survey, "employee"));
        foreach (var condition in scored.Conditions.Where(c => c.Level is not null))
            Assert.Contains(V2.ForPlatform("Plein").ConditionLevel(condition.Key, condition.Level!.Number).RespondentDescription!.Nl, result.Body.TextContent);
        var rendered = V2.ForPlatform("Plein");
        var priorities = Domain.Advice.AdvicePlanner.Plan(rendered, scored).Where(s => s.IsPriority).ToList();
        Assert.NotEmpty(priorities);
        foreach (var step in priorities)
        {
            var tip = step.FactorKey is { } factor ? rendered.Factor(factor).Tip : null;
            Assert.Contains(tip?.Nl ?? step.Advice.Text.Nl, result.Body.TextContent);
        }
    }

    [Fact]
    public async Task The_intake_link_opens_with_the_context_and_asks_the_owner_teams_facts_and_is_stored_as_an_intake()
    {
        var (scan, _) = await ScanWithIntakeLinkAsync(s => s.Status = ScanStatus.Draft);
        var owner = new RespondentClient(app, scan.IntakeToken!);

        // The intake comes before the employee link opens: a draft scan takes it, the share link stays closed.
        Assert.Equal(HttpStatusCode.NotFound, (await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}")).Response.StatusCode);
        var first = await FirstStepAsync(owner, "community-manager");
        Assert.Contains("/q/context", first);
        var seen = await owner.AnswerEveryStepAsync(first, (_, values) => values.Where(v => v is not "dk" and not "na").LastOrDefault());

        Assert.Contains(seen, key => V2.IsContext(key));
        Assert.All(V2.Questions.Where(q => q.Audience == Audience.Owner && q.ShowIf is null), q => Assert.Contains(q.Key, seen));
        await owner.SubmitAsync();

        var stored = await app.QueryAsync(db => db.Respondents.Include(r => r.Score).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal(Track.Intake, stored.Track);
        Assert.Equal(RespondentSource.Link, stored.Source);
        Assert.Contains("\"track\":\"Intake\"", stored.Score!.ScoresJson);
    }

    [Fact]
    public async Task A_withdrawn_intake_link_is_gone_and_the_scan_page_says_no_intake_was_submitted()
    {
        var (scan, consultant) = await ScanWithIntakeLinkAsync();
        var (_, page) = await consultant.GetAsync($"/scans/{scan.Id}");
        Assert.Contains("Nog geen intake", page.QuerySelector("#intake")!.ParentElement!.TextContent);

        await consultant.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=RevokeIntakeLink");

        Assert.Null(await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.IntakeToken).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await new RespondentClient(app, scan.IntakeToken!).GetAsync($"/s/{scan.IntakeToken}")).Response.StatusCode);
    }

    [Fact]
    public async Task An_intake_interview_is_stored_as_an_intake_and_a_v1_scan_offers_no_intake()
    {
        var (scan, consultant) = await ScanWithIntakeLinkAsync();
        var started = await consultant.SubmitAsync($"/scans/{scan.Id}/interview", [new("Input.Kind", "intake"), new("Input.RoleGroup", "management")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var interview = await app.QueryAsync(db => db.Respondents.SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal((Track.Intake, RespondentSource.Interview), (interview.Track, interview.Source));

        var bad = await consultant.SubmitAsync($"/scans/{scan.Id}/interview", [new("Input.Kind", "owner\u0001"), new("Input.RoleGroup", "management")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id)));

        var v1 = await app.CreateScanAsync(organisation: await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == scan.OrganisationId)));
        var (_, v1Page) = await consultant.GetAsync($"/scans/{v1.Id}");
        Assert.Null(v1Page.QuerySelector("#intake"));
        var (_, v1Interview) = await consultant.GetAsync($"/scans/{v1.Id}/interview");
        Assert.Empty(v1Interview.QuerySelectorAll("input[name='Input.Kind']"));
    }
}
