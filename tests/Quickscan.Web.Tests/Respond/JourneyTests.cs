using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>The respondent journey through HTTP on PostgreSQL: start, profile, four pages, review, submit, result.</summary>
public sealed class JourneyTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    /// <summary>A full set of answers that varies per question: scale values cycle 1–5, every fifth is "don't know".</summary>
    public static Dictionary<string, string> AnswersFor(ConditionDefinition condition, int seed = 0)
    {
        var answers = new Dictionary<string, string>();
        var i = seed;
        foreach (var question in condition.Factors.SelectMany(f => f.Questions))
        {
            i++;
            answers[question.Key] = question.Kind switch
            {
                QuestionKind.Agreement when i % 5 == 0 => "dk",
                QuestionKind.Agreement => ((i % 5) + 1).ToString(CultureInfo.InvariantCulture),
                QuestionKind.SingleChoice => question.Options![i % question.Options.Count].Key,
                _ => $"Open antwoord {i}",
            };
        }

        return answers;
    }

    [Fact]
    public async Task A_respondent_answers_every_page_submits_and_sees_the_result_the_domain_library_computes()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);

        var profile = await respondent.StartAsync();
        Assert.Contains("Over jou", profile.Title);
        var (afterProfile, firstPage) = await respondent.FollowAsync(await respondent.SaveProfileAsync("management", "Marketing"));
        Assert.Equal(HttpStatusCode.OK, afterProfile.StatusCode);
        Assert.Contains("stap 1 van 22", firstPage.QuerySelector(".eyebrow")!.TextContent);  // 20 factors; goals (a single choice, two statements) and processes (a single choice, four statements) take two steps each

        var all = new Dictionary<string, string>();
        foreach (var condition in Questionnaire.Conditions)
        {
            var answers = AnswersFor(condition);
            foreach (var (key, value) in answers)
                all[key] = value;
            var response = await respondent.AnswerAsync(condition.Key, answers);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var (_, review) = await respondent.GetAsync(respondent.Url("/review"));
        Assert.Contains("Overzicht", review.Title);
        var (resultResponse, result) = await respondent.FollowAsync(await respondent.SubmitAsync());
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);

        // Everything is stored: every answer, the profile, the submission and the scores.
        var stored = await app.QueryAsync(db => db.Respondents.Include(r => r.Answers).Include(r => r.Score).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal(all.Count, stored.Answers.Count);
        Assert.Equal("management", stored.RoleGroup);
        Assert.Equal("Marketing", stored.Department);
        Assert.NotNull(stored.SubmittedAt);
        Assert.NotNull(stored.Score);

        // The page shows what the domain library computes from the same answers.
        var expected = RespondentScoring.Score(Questionnaire, stored.Answers.Select(a => a.ToDomain()).ToList());
        Assert.Equal(expected.Index, stored.Score!.Index);
        var rows = result.QuerySelectorAll("table.data tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        foreach (var (condition, row) in expected.Conditions.Zip(rows))
        {
            Assert.Contains(condition.Score!.Value.ToString("0", CultureInfo.GetCultureInfo("nl-NL")), row);
            Assert.Contains(condition.Level!.Name.Nl, row);
        }

        var text = result.Body!.TextContent;
        Assert.Contains($"Index {expected.Index!.Value.ToString("0", CultureInfo.GetCultureInfo("nl-NL"))} van 100", text);
        // The bottleneck is named only with the margin; otherwise the jointly weakest are.
        Assert.All(expected.Weakest.JointlyWeakest, key => Assert.Contains(Questionnaire.Condition(key).Name.Nl, result.QuerySelector(".summary .notice")!.TextContent));
        Assert.NotEmpty(expected.Weakest.JointlyWeakest);
        Assert.NotNull(result.QuerySelector("svg[role=img] title"));
        Assert.Equal(3, result.QuerySelectorAll("ol.next-steps > li").Length);
    }

    [Fact]
    public async Task The_journey_is_in_English_when_chosen()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);

        var switched = await respondent.Http.GetAsync($"/language/en?returnUrl=/s/{scan.ShareToken}");
        var (_, intro) = await respondent.FollowAsync(switched);

        Assert.Equal("en", intro.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Start the quickscan", intro.Body!.TextContent);
        await respondent.StartAsync();
        var (_, page) = await respondent.FollowAsync(await respondent.Http.GetAsync(respondent.StepUrl("usage.effort.1")));
        Assert.Contains(Questionnaire.Condition(ConditionKeys.Usage).Name.En, page.QuerySelector(".eyebrow")!.TextContent);
        Assert.Contains(Questionnaire.Factor("usage.effort").Name.En, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Strongly agree", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_scan_offered_in_English_only_is_in_English_without_a_language_switch()
    {
        var scan = await app.CreateScanAsync(s => s.Languages = "en");
        var respondent = new RespondentClient(app, scan.ShareToken);

        var (_, intro) = await respondent.GetAsync(respondent.Url());

        Assert.Equal("en", intro.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Start the quickscan", intro.Body!.TextContent);
        Assert.Null(intro.QuerySelector(".language-switch"));
    }

    [Fact]
    public async Task A_respondent_can_resume_on_another_device_with_the_resume_link()
    {
        var scan = await app.CreateScanAsync();
        var phone = new RespondentClient(app, scan.ShareToken);
        await phone.StartAsync();
        var usage = AnswersFor(Questionnaire.Condition(ConditionKeys.Usage));
        await phone.AnswerAsync(ConditionKeys.Usage, usage, move: "later");
        var (_, later) = await phone.GetAsync(phone.Url("/later"));
        var resumeLink = new Uri(later.QuerySelector("#resume-link")!.GetAttribute("href")!).PathAndQuery;

        var laptop = new RespondentClient(app, scan.ShareToken);
        var (landed, page) = await laptop.FollowAsync(await laptop.Http.GetAsync(resumeLink));

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.EndsWith("/q/purposefulness.goals", landed.RequestMessage!.RequestUri!.AbsolutePath);
        foreach (var (key, value) in usage.Where(a => !a.Key.EndsWith(".open")))
        {
            var (_, usagePage) = await laptop.GetAsync(laptop.StepUrl(key));
            Assert.NotNull(usagePage.QuerySelector($"input[name='Input.Answers[{key}]'][value='{value}'][checked]"));
        }
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id)));
    }

    [Fact]
    public async Task A_returning_respondent_on_the_same_device_continues_instead_of_starting_again()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();

        var (_, intro) = await respondent.GetAsync(respondent.Url());

        Assert.NotNull(intro.QuerySelector($"a[href='/s/{scan.ShareToken}/continue']"));
        Assert.Null(intro.QuerySelector("form[method=post]"));
    }

    [Fact]
    public async Task After_submitting_the_answers_are_locked()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.AnswerAsync(ConditionKeys.Usage, AnswersFor(Questionnaire.Condition(ConditionKeys.Usage)));
        var (_, openPage) = await respondent.GetAsync(respondent.StepUrl("purposefulness.goals.1"));
        await respondent.SubmitAsync(confirmUncounted: true);
        var before = (await app.AnswersAsync(scan.Id)).Select(a => a.QuestionKey + a.ScaleValue + a.OptionKey).ToList();

        // A page still open in another tab tries to save, normally and in the background.
        var late = await respondent.PostAsync(respondent.StepUrl("purposefulness.goals.1"), openPage,
            [new("Input.Step", "purposefulness.goals"), new("Input.Answers[purposefulness.goals.1]", "5"), new("Input.Move", "next")]);
        var lateAutosave = await respondent.PostAsync(respondent.StepUrl("purposefulness.goals.1") + "?handler=Autosave", openPage,
            [new("Input.Step", "purposefulness.goals"), new("Input.Answers[purposefulness.goals.1]", "5")]);
        var resubmit = await respondent.PostAsync(respondent.Url("/review"), openPage, []);

        Assert.EndsWith("/result", late.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, lateAutosave.StatusCode);
        Assert.EndsWith("/result", resubmit.Headers.Location!.OriginalString);
        var after = (await app.AnswersAsync(scan.Id)).Select(a => a.QuestionKey + a.ScaleValue + a.OptionKey).ToList();
        Assert.Equal(before.Order(), after.Order());
        Assert.Equal(1, await app.QueryAsync(db => db.RespondentScores.CountAsync(s => s.ScanId == scan.Id)));
        var (_, page) = await respondent.FollowAsync(await respondent.Http.GetAsync(respondent.StepUrl("usage.effort.1")));
        Assert.Contains("Bedankt", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_background_save_stores_answers_without_navigating()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, page) = await respondent.GetAsync(respondent.StepUrl("organisation.roles.1"));

        var response = await respondent.PostAsync(respondent.StepUrl("organisation.roles.1") + "?handler=Autosave", page,
            [new("Input.Step", "organisation.roles"), new("Input.Answers[organisation.roles.1]", "4")]);
        var (_, other) = await respondent.GetAsync(respondent.StepUrl("organisation.model.1"));
        var second = await respondent.PostAsync(respondent.StepUrl("organisation.model.1") + "?handler=Autosave", other,
            [new("Input.Step", "organisation.model"), new("Input.Answers[organisation.model.1]", "dk")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var stored = (await app.AnswersAsync(scan.Id)).OrderBy(a => a.QuestionKey).ToList();
        Assert.Equal(["organisation.model.1", "organisation.roles.1"], stored.Select(a => a.QuestionKey));
        Assert.True(stored[0].DontKnow);
        Assert.Equal(4, stored[1].ScaleValue);
    }

    [Fact]
    public async Task Changing_an_answer_overwrites_it_and_emptying_an_open_answer_removes_it()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "2", ["usage.performance.open"] = "Meer koppelingen" });

        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "5", ["usage.performance.open"] = "  " });

        var stored = await app.AnswersAsync(scan.Id);
        Assert.Equal(5, Assert.Single(stored).ScaleValue);
    }
}
