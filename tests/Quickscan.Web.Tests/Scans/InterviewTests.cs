using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Scans;

/// <summary>
/// Interview mode: the consultant starts an interview on the scan's interview page and answers in the same
/// respondent pages as the link, in their own browser; the response counts like any other.
/// </summary>
public sealed class InterviewTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private async Task<(SignedInClient Client, Scan Scan)> OwnScanAsync(Action<Scan>? configure = null)
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(configure, organisation);
        return (await SignedInClient.SignInAsync(app, me), scan);
    }

    private static Task<HttpResponseMessage> StartInterviewAsync(SignedInClient client, Scan scan, string role = "support", string department = "") =>
        client.SubmitAsync($"/scans/{scan.Id}/interview", [new("Input.RoleGroup", role), new("Input.Department", department)]);

    /// <summary>The consultant's browser on the respondent pages: the same cookies, the signed-in one included.</summary>
    private RespondentClient AsRespondent(SignedInClient client, Scan scan) => new(app, scan.ShareToken, http: client.Http);

    /// <summary>The resume token the response set in the consultant's browser.</summary>
    private static string ResumeToken(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qs_resume=", StringComparison.Ordinal)).Split(';')[0]["qs_resume=".Length..];

    private Task<List<Respondent>> RespondentsAsync(Guid scanId) =>
        app.QueryAsync(db => db.Respondents.Include(r => r.Score).Where(r => r.ScanId == scanId).OrderBy(r => r.StartedAt).ToListAsync());

    private Task<List<string>> AuditAsync(Guid scanId) =>
        app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scanId.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private static async Task AnswerEverythingAsync(RespondentClient respondent)
    {
        foreach (var condition in Questionnaire.Conditions)
        {
            var response = await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_consultant_enters_a_full_interview_through_the_respondent_pages_and_submits()
    {
        var (client, scan) = await OwnScanAsync();
        var (form, formPage) = await client.GetAsync($"/scans/{scan.Id}/interview");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Er zijn nog geen interviews ingevoerd.", formPage.Body!.TextContent);

        var started = await client.PostAsync($"/scans/{scan.Id}/interview", formPage, [new("Input.RoleGroup", "support"), new("Input.Department", " Communicatie ")]);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/s/{scan.ShareToken}/continue", started.Headers.Location!.OriginalString);
        var respondent = AsRespondent(client, scan);
        var (first, firstPage) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Interview namens een geïnterviewde (Ondersteunende dienst", firstPage.QuerySelector(".interview-banner")!.TextContent);
        Assert.Equal($"/scans/{scan.Id}/interview", firstPage.QuerySelector(".interview-banner a")!.GetAttribute("href"));

        await AnswerEverythingAsync(respondent);
        var (review, reviewPage) = await respondent.GetAsync(respondent.Url("/review"));
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.NotNull(reviewPage.QuerySelector(".interview-banner"));
        var (result, resultPage) = await respondent.FollowAsync(await respondent.SubmitAsync());
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal($"/s/{scan.ShareToken}/result", result.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(resultPage.QuerySelector(".interview-banner"));

        // Stored as an interview with the chosen role group, answered, submitted and scored like any response.
        var stored = Assert.Single(await RespondentsAsync(scan.Id));
        Assert.Equal(RespondentSource.Interview, stored.Source);
        Assert.Equal("support", stored.RoleGroup);
        Assert.Equal("Communicatie", stored.Department);
        Assert.NotNull(stored.SubmittedAt);
        Assert.NotNull(stored.Score);
        Assert.Equal("support", stored.Score!.RoleGroup);
        var answers = (await app.AnswersAsync(scan.Id)).Select(a => a.ToDomain()).ToList();
        Assert.Equal(RespondentScoring.Score(Questionnaire, answers).Index, stored.Score.Index);
        Assert.NotNull(stored.Score.Index);
        Assert.Equal(["scan.interview-started"], await AuditAsync(scan.Id));

        // The interview page lists it: role group, started, submitted; nothing else about it.
        var (_, list) = await client.GetAsync($"/scans/{scan.Id}/interview");
        var row = Assert.Single(list.QuerySelectorAll("table.interview-list tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("Ondersteunende dienst", cells[0]);
        Assert.NotEqual("–", cells[1]);
        Assert.NotEqual("Nog niet verstuurd", cells[2]);
        Assert.DoesNotContain("Communicatie", list.Body!.TextContent);
        Assert.Null(row.QuerySelector("form")); // a submitted interview can't be continued
    }

    [Fact]
    public async Task Interviews_are_counted_like_other_responses()
    {
        var (client, scan) = await OwnScanAsync();
        var linkRespondent = new RespondentClient(app, scan.ShareToken);
        await linkRespondent.StartAsync();
        await AnswerEverythingAsync(linkRespondent);
        await linkRespondent.SubmitAsync();
        await StartInterviewAsync(client, scan, "management");
        var interview = AsRespondent(client, scan);
        await AnswerEverythingAsync(interview);
        await interview.SubmitAsync();
        await StartInterviewAsync(client, scan, "employee"); // started, not submitted

        var respondents = await RespondentsAsync(scan.Id);
        Assert.Equal([RespondentSource.Link, RespondentSource.Interview, RespondentSource.Interview], respondents.Select(r => r.Source));
        var scores = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scan.Id).ToListAsync());
        Assert.Equal(2, scores.Count);
        Assert.Contains(scores, s => s.RoleGroup == "management");
        var (_, details) = await client.GetAsync($"/scans/{scan.Id}");
        Assert.Contains("2 geteld van 3 gestart", details.Body!.TextContent);
        var (_, list) = await client.GetAsync($"/scans/{scan.Id}/interview");
        Assert.Equal(2, list.QuerySelectorAll("table.interview-list tbody tr").Length);
    }

    [Fact]
    public async Task On_a_draft_scan_an_interview_can_be_answered_while_the_link_stays_closed()
    {
        var (client, scan) = await OwnScanAsync(s => s.Status = ScanStatus.Draft);
        var (_, form) = await client.GetAsync($"/scans/{scan.Id}/interview");
        Assert.NotNull(form.QuerySelector("form button[type=submit]"));
        Assert.Contains("De deellink is (nog) niet open", form.Body!.TextContent);

        var started = await StartInterviewAsync(client, scan, "employee");
        var interview = AsRespondent(client, scan);
        await AnswerEverythingAsync(interview);
        var (result, _) = await interview.FollowAsync(await interview.SubmitAsync());

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.NotNull(Assert.Single(await RespondentsAsync(scan.Id)).Score);

        // The link itself is not open: not for a new respondent, not for the respondent pages without the interview's cookie.
        var stranger = new RespondentClient(app, scan.ShareToken);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(stranger.Url())).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(stranger.StepUrl("usage.effort.1"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(stranger.Url("/profile"))).Response.StatusCode);
        // Nor for the consultant's own browser: starting through the link stays closed.
        Assert.Equal(HttpStatusCode.NotFound, (await interview.GetAsync(interview.Url())).Response.StatusCode);
    }

    [Fact]
    public async Task An_interview_can_start_before_the_opening_date_but_not_after_the_closing_date()
    {
        var (early, notYetOpen) = await OwnScanAsync(s => s.OpensAt = DateTimeOffset.UtcNow.AddDays(3));
        var (late, pastClosing) = await OwnScanAsync(s => s.ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Equal(HttpStatusCode.Redirect, (await StartInterviewAsync(early, notYetOpen)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StartInterviewAsync(late, pastClosing)).StatusCode);
        Assert.Empty(await RespondentsAsync(pastClosing.Id));
    }

    [Fact]
    public async Task A_closed_scan_takes_no_interviews_and_an_unfinished_one_stops()
    {
        var (client, scan) = await OwnScanAsync();
        await StartInterviewAsync(client, scan, "employee");
        var interview = AsRespondent(client, scan);
        var (_, openPage) = await interview.GetAsync(interview.StepUrl("usage.effort.1"));
        var unfinished = Assert.Single(await RespondentsAsync(scan.Id));
        var (_, interviewPage) = await client.GetAsync($"/scans/{scan.Id}/interview");
        await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Close");

        var (get, page) = await client.GetAsync($"/scans/{scan.Id}/interview");
        var start = await client.PostAsync($"/scans/{scan.Id}/interview", interviewPage, [new("Input.RoleGroup", "employee"), new("Input.Department", "")]);
        var resume = await client.PostAsync($"/scans/{scan.Id}/interview?handler=Continue", interviewPage, [new("respondentId", unfinished.Id.ToString())]);
        var (question, _) = await interview.GetAsync(interview.StepUrl("usage.effort.1"));
        var save = await interview.PostAsync(interview.StepUrl("usage.effort.1"), openPage, [new("Input.Step", "usage.effort"), new("Input.Answers[usage.effort.1]", "4")]);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("Deze scan is afgesloten", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(page.QuerySelector("input[name='Input.RoleGroup']"));
        Assert.Single(page.QuerySelectorAll("table.interview-list tbody tr")); // the list stays, without "continue"
        Assert.Null(page.QuerySelector("table.interview-list form"));
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, question.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, save.StatusCode);
        Assert.Single(await RespondentsAsync(scan.Id));
        Assert.Empty(await app.AnswersAsync(scan.Id));
    }

    [Fact]
    public async Task An_interview_needs_its_consultant_signed_in_and_link_respondents_never_see_the_banner()
    {
        var (client, scan) = await OwnScanAsync();
        var started = await StartInterviewAsync(client, scan);
        var resumeToken = ResumeToken(started);
        await AsRespondent(client, scan).AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4" });

        // The interview's cookie in a browser nobody signed in to (a shared computer): sign in first.
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{scan.ShareToken}/q/usage.effort");
        request.Headers.Add("Cookie", $"qs_resume={resumeToken}");
        var withCookie = await anonymous.SendAsync(request);
        var withLink = await anonymous.GetAsync($"/s/{scan.ShareToken}/r/{resumeToken}");

        Assert.Equal(HttpStatusCode.Redirect, withCookie.StatusCode);
        Assert.StartsWith("/account/login", withCookie.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, withLink.StatusCode);
        Assert.StartsWith("/account/login", withLink.Headers.Location!.PathAndQuery);
        Assert.False(withLink.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("qs_resume=", StringComparison.Ordinal)));

        // A respondent through the link (on the same scan, at the same time) gets no banner.
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, page) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        Assert.Null(page.QuerySelector(".interview-banner"));
        Assert.DoesNotContain("Interview", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_interview_profile_page_keeps_the_role_group_required()
    {
        var (client, scan) = await OwnScanAsync();
        await StartInterviewAsync(client, scan, "management");
        var interview = AsRespondent(client, scan);

        var (_, profile) = await interview.GetAsync(interview.Url("/profile"));
        var cleared = await interview.SaveProfileAsync(null);
        var changed = await interview.SaveProfileAsync("employee", "Zorg");

        Assert.Equal("management", profile.QuerySelector("input[name='Input.RoleGroup']:checked")!.GetAttribute("value"));
        Assert.Null(profile.QuerySelector("input[name='Input.RoleGroup'][value='']"));
        Assert.Equal(HttpStatusCode.BadRequest, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var stored = Assert.Single(await RespondentsAsync(scan.Id));
        Assert.Equal(("employee", "Zorg"), (stored.RoleGroup, stored.Department));
    }

    [Fact]
    public async Task An_unsubmitted_interview_can_be_continued_after_starting_another()
    {
        var (client, scan) = await OwnScanAsync();
        await StartInterviewAsync(client, scan, "management");
        var interview = AsRespondent(client, scan);
        await interview.AnswerAsync("usage", JourneyTests.AnswersFor(Questionnaire.Condition("usage")));
        var first = Assert.Single(await RespondentsAsync(scan.Id));
        await StartInterviewAsync(client, scan, "employee");
        var (_, second) = await interview.GetAsync(interview.StepUrl("usage.effort.1"));
        Assert.Contains("Medewerker", second.QuerySelector(".interview-banner")!.TextContent);

        var (_, list) = await client.GetAsync($"/scans/{scan.Id}/interview");
        var button = list.QuerySelectorAll("table.interview-list tbody tr form input[name=respondentId]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal([first.Id.ToString(), (await RespondentsAsync(scan.Id))[1].Id.ToString()], button);
        var continued = await client.PostAsync($"/scans/{scan.Id}/interview?handler=Continue", list, [new("respondentId", first.Id.ToString())]);
        var (landed, page) = await interview.FollowAsync(continued);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal($"/s/{scan.ShareToken}/q/purposefulness.goals", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Leidinggevende of management", page.QuerySelector(".interview-banner")!.TextContent);
        var resumed = await app.QueryAsync(db => db.Respondents.SingleAsync(r => r.Id == first.Id));
        Assert.NotEqual(first.ResumeTokenHash, resumed.ResumeTokenHash); // the old token no longer works
    }

    [Fact]
    public async Task Only_an_unsubmitted_interview_of_this_scan_can_be_continued()
    {
        var (client, scan) = await OwnScanAsync();
        var linkRespondent = new RespondentClient(app, scan.ShareToken);
        await linkRespondent.StartAsync();
        await StartInterviewAsync(client, scan);
        var interview = AsRespondent(client, scan);
        await AnswerEverythingAsync(interview);
        await interview.SubmitAsync();
        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/interview");
        var respondents = await RespondentsAsync(scan.Id);

        foreach (var id in respondents.Select(r => r.Id).Append(Guid.NewGuid()))
        {
            var response = await client.PostAsync($"/scans/{scan.Id}/interview?handler=Continue", page, [new("respondentId", id.ToString())]);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(respondents.Select(r => r.ResumeTokenHash), (await RespondentsAsync(scan.Id)).Select(r => r.ResumeTokenHash));
    }

    public static TheoryData<string, string, string> BadStarts => new()
    {
        // role group, department, the field that is wrong
        { "", "", "RoleGroup" },
        { "ceo", "", "RoleGroup" },
        { "management", "jan@example.org", "Department" },
        { "management", new string('x', 101), "Department" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task Bad_interview_input_is_rejected_and_nothing_is_stored(string role, string department, string field)
    {
        var (client, scan) = await OwnScanAsync();

        var response = await StartInterviewAsync(client, scan, role, department);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.NotNull(page.QuerySelector(field == "RoleGroup" ? "#role-error" : "#department-error"));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("qs_resume=", StringComparison.Ordinal)));
        Assert.Empty(await RespondentsAsync(scan.Id));
        Assert.Empty(await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task A_second_consultant_gets_404_on_every_interview_url()
    {
        var (owner, scan) = await OwnScanAsync();
        var started = await StartInterviewAsync(owner, scan);
        var resumeToken = ResumeToken(started);
        var interview = Assert.Single(await RespondentsAsync(scan.Id));
        var interviewId = interview.Id;
        var other = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var (_, anyPage) = await other.GetAsync("/clients"); // an anti-forgery token of their own

        var get = await other.Http.GetAsync($"/scans/{scan.Id}/interview");
        var start = await other.PostAsync($"/scans/{scan.Id}/interview", anyPage, [new("Input.RoleGroup", "employee"), new("Input.Department", "")]);
        var resume = await other.PostAsync($"/scans/{scan.Id}/interview?handler=Continue", anyPage, [new("respondentId", interviewId.ToString())]);
        var resumeLink = await other.Http.GetAsync($"/s/{scan.ShareToken}/r/{resumeToken}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{scan.ShareToken}/q/usage.effort");
        request.Headers.Add("Cookie", $"qs_resume={resumeToken}");
        var withCookie = await other.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resume.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resumeLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withCookie.StatusCode);
        Assert.Equal(interview.ResumeTokenHash, Assert.Single(await RespondentsAsync(scan.Id)).ResumeTokenHash);
        Assert.Equal(["scan.interview-started"], await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task An_admin_may_conduct_interviews_on_any_scan()
    {
        var (_, scan) = await OwnScanAsync();
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        var started = await StartInterviewAsync(admin, scan, "other");
        var (page, _) = await AsRespondent(admin, scan).GetAsync($"/s/{scan.ShareToken}/q/usage.effort");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
