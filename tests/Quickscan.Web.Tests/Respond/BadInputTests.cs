using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>Whatever a tampered or broken form sends: a 4xx page in the user's language, and nothing stored.</summary>
public sealed class BadInputTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private async Task<(RespondentClient Respondent, Guid ScanId)> StartedAsync(string? culture = null)
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken, culture);
        await respondent.StartAsync();
        return (respondent, scan.Id);
    }

    private static async Task AssertBadRequestPageAsync(RespondentClient respondent, HttpResponseMessage response, string expectedTitle)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (_, page) = await respondent.FollowAsync(response);
        Assert.Contains(expectedTitle, page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Exception", page.Body!.TextContent);
    }

    public static TheoryData<string, string, string> TamperedAnswers => new()
    {
        // question key, value, why it is bad
        { "nope.nope", "3", "an unknown question" },
        { "purposefulness.goals.1", "3", "a question of another page" },
        { "usage.effort.1", "7", "an agreement value out of range" },
        { "usage.effort.1", "0", "an agreement value out of range" },
        { "usage.effort.1", "three", "not a number" },
        { "usage.effort.1", "-1", "a negative value" },
        { "usage.performance.open", new string('x', 4001), "an open answer over 4,000 characters" },
    };

    [Theory]
    [MemberData(nameof(TamperedAnswers))]
    public async Task A_tampered_answer_gets_a_400_page_and_nothing_is_stored(string key, string value, string because)
    {
        var (respondent, scanId) = await StartedAsync();

        var response = await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.colleagues.1"] = "4", [key] = value });

        await AssertBadRequestPageAsync(respondent, response, "Dat verzoek klopt niet");
        Assert.True((await app.AnswersAsync(scanId)).Count == 0, because);
    }

    [Fact]
    public async Task An_unknown_option_of_a_single_choice_question_is_rejected()
    {
        var (respondent, scanId) = await StartedAsync();

        var response = await respondent.AnswerAsync("organisation", new Dictionary<string, string> { ["organisation.model.1"] = "anarchy" });

        await AssertBadRequestPageAsync(respondent, response, "Dat verzoek klopt niet");
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Fact]
    public async Task A_changed_hidden_condition_field_is_rejected()
    {
        var (respondent, scanId) = await StartedAsync();
        var (_, page) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));

        var response = await respondent.PostAsync(respondent.StepUrl("usage.effort.1"), page,
            [new("Input.Step", "organisation.roles"), new("Input.Answers[usage.effort.1]", "4"), new("Input.Move", "next")]);

        await AssertBadRequestPageAsync(respondent, response, "Dat verzoek klopt niet");
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Fact]
    public async Task An_unknown_navigation_value_is_rejected()
    {
        var (respondent, scanId) = await StartedAsync();

        var (_, page) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        var response = await respondent.PostAsync(respondent.StepUrl("usage.effort.1"), page,
            [new("Input.Step", "usage.effort"), new("Input.Answers[usage.effort.1]", "4"), new("Input.Move", "goto:elsewhere")]);

        await AssertBadRequestPageAsync(respondent, response, "Dat verzoek klopt niet");
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Fact]
    public async Task The_400_page_speaks_the_users_language()
    {
        var (respondent, scanId) = await StartedAsync(culture: "en");

        var response = await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "9" });

        await AssertBadRequestPageAsync(respondent, response, "That request is not valid");
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_rejected()
    {
        var (respondent, scanId) = await StartedAsync();

        var response = await respondent.Http.PostAsync(respondent.StepUrl("usage.effort.1"),
            new FormUrlEncodedContent([new("Input.Step", "usage.effort"), new("Input.Answers[usage.effort.1]", "4")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var (respondent, scanId) = await StartedAsync();
        var (_, page) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));

        var response = await respondent.PostAsync(respondent.StepUrl("usage.effort.1"), page,
            [new("Input.Step", "usage.effort"), new("Input.Answers[usage.effort.1]", "4"), new("Padding", new string('x', 300 * 1024))]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var (_, error) = await respondent.FollowAsync(response);
        Assert.Contains("Te veel tekst", error.QuerySelector("h1")!.TextContent);
        Assert.Empty(await app.AnswersAsync(scanId));
    }

    [Theory]
    [InlineData("ceo", "")]
    [InlineData("employee", "jan.jansen@example.org")]
    public async Task A_bad_profile_is_rejected_and_not_stored(string roleGroup, string department)
    {
        var (respondent, scanId) = await StartedAsync();

        var response = await respondent.SaveProfileAsync(roleGroup, department);

        await AssertBadRequestPageAsync(respondent, response, "Dat verzoek klopt niet");
        var stored = await app.QueryAsync(db => db.Respondents.SingleAsync(r => r.ScanId == scanId));
        Assert.Null(stored.RoleGroup);
        Assert.Null(stored.Department);
    }

    [Fact]
    public async Task A_department_over_100_characters_is_rejected()
    {
        var (respondent, scanId) = await StartedAsync();

        var response = await respondent.SaveProfileAsync("employee", new string('a', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await app.QueryAsync(db => db.Respondents.SingleAsync(r => r.ScanId == scanId))).RoleGroup);
    }

    [Fact]
    public async Task An_unknown_condition_page_is_not_found()
    {
        var (respondent, _) = await StartedAsync();

        var (response, page) = await respondent.GetAsync(respondent.Url("/c/culture"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina niet gevonden", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_forged_resume_link_is_not_found_and_gives_no_access()
    {
        var scan = await app.CreateScanAsync();
        var stranger = new RespondentClient(app, scan.ShareToken);

        var (response, _) = await stranger.GetAsync(stranger.Url("/r/" + new string('A', 32)));
        var (page, _) = await stranger.GetAsync(stranger.StepUrl("usage.effort.1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal($"/s/{scan.ShareToken}", page.Headers.Location!.OriginalString);
    }
}
