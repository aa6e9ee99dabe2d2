using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;
using static Quickscan.Web.Tests.SelfScan.SelfScanForms;

namespace Quickscan.Web.Tests.SelfScan;

/// <summary>The public self-scan on PostgreSQL: the form, scoring and storage, the result, and bad input.</summary>
public sealed class SelfScanTests(SelfScanApp app) : IClassFixture<SelfScanApp>
{
    private Task<int> CountAsync() => app.QueryAsync(db => db.SelfScanResponses.CountAsync());

    [Fact]
    public async Task The_home_page_links_to_the_self_scan_which_asks_every_question_in_one_form_under_both_addresses()
    {
        var client = app.Browser();
        var (_, home) = await Html.GetAsync(client, "/");
        Assert.NotNull(home.QuerySelector("a[href='/zelfscan']"));

        foreach (var url in new[] { "/zelfscan", "/self-scan" })
        {
            var (response, form) = await Html.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var questions = form.QuerySelectorAll("fieldset.question");
            Assert.Equal(Survey.ScoredQuestionCount, questions.Length);
            Assert.InRange(questions.Length, 12, 15);
            Assert.All(Survey.Conditions, c => Assert.NotNull(form.QuerySelector($"#c-{c.Key}")));
            Assert.Empty(form.QuerySelectorAll("script"));
        }

        var (_, english) = await Html.GetAsync(client, "/self-scan?culture=en");
        Assert.Contains("Self-scan", english.QuerySelector("h1")!.TextContent);
        Assert.Contains(Survey.Questions.First().Text.En, english.Body!.TextContent);
    }

    [Fact]
    public async Task A_complete_self_scan_is_scored_stored_anonymously_and_shows_levels_bottleneck_and_three_steps()
    {
        var client = app.Browser();
        var answers = Answers(agree: 4);
        // Process integration clearly lowest: the bottleneck by more than the margin.
        foreach (var question in Survey.Condition(ConditionKeys.ProcessIntegration).Factors.SelectMany(f => f.Questions))
            answers[question.Key] = question.Kind == QuestionKind.Agreement ? "1" : question.Options![0].Key;

        var token = ResultToken(await SendAsync(client, answers, sector: "care", size: "250-999"));

        var expected = RespondentScoring.Score(Survey, new Quickscan.Web.Pages.SelfScan.SelfScanInput { Answers = answers.ToDictionary(a => a.Key, a => (string?)a.Value) }.ToAnswers(Survey));
        var stored = await app.QueryAsync(db => db.SelfScanResponses.SingleAsync(r => r.ResultTokenHash == Tokens.Hash(token)));
        Assert.Equal(expected.Index, stored.Index);
        Assert.Equal("care", stored.Sector);
        Assert.Equal("250-999", stored.SizeClass);
        Assert.Equal("nl", stored.Language);
        Assert.DoesNotContain(token, stored.ResultTokenHash);

        var (response, result) = await Html.GetAsync(client, $"/zelfscan/result/{token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("indicatie", result.QuerySelector("#indication")!.TextContent);
        foreach (var condition in expected.Conditions)
        {
            var row = result.QuerySelector($"#levels tr[data-condition='{condition.Key}']")!;
            Assert.Contains(condition.Level!.Name.Nl, row.TextContent);
            Assert.Contains(Math.Round(condition.Score!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), row.TextContent);
        }

        Assert.Contains($"De bottleneck is {Survey.Condition(ConditionKeys.ProcessIntegration).Name.Nl}", result.QuerySelector("#bottleneck-text")!.TextContent);
        Assert.Equal(3, result.QuerySelectorAll(".next-steps li").Length);
        Assert.NotNull(result.QuerySelector($"a[href='/zelfscan/result/{token}/contact']"));
    }

    [Fact]
    public async Task Conditions_closer_than_the_margin_are_named_jointly_weakest_instead_of_one_bottleneck()
    {
        var client = app.Browser();
        // Agreement 3 (50) throughout, choices in the middle; usage and purposefulness lifted to 62.5:
        // organisation and process integration both score 50, so neither alone is the bottleneck.
        var answers = Answers(agree: 3);
        answers["usage.performance.1"] = "5";
        answers["purposefulness.reporting.1"] = "quarterly";
        var token = ResultToken(await SendAsync(client, answers));
        var scores = ScoreSheetJson.Read((await app.QueryAsync(db => db.SelfScanResponses.SingleAsync(r => r.ResultTokenHash == Tokens.Hash(token)))).ScoresJson, null).Conditions;
        Assert.Equal([62.5, 62.5, 50, 50], Survey.Conditions.Select(c => scores[c.Key]!.Value.ToDouble()));

        var (_, result) = await Html.GetAsync(client, $"/zelfscan/result/{token}");
        var text = result.QuerySelector("#bottleneck-text")!.TextContent;
        Assert.Contains("samen het zwakst", text);
        Assert.Contains($"{Survey.Condition(ConditionKeys.Organisation).Name.Nl} en {Survey.Condition(ConditionKeys.ProcessIntegration).Name.Nl}", text);
        Assert.DoesNotContain("De bottleneck is", text);
    }

    [Fact]
    public async Task A_condition_exactly_the_margin_below_the_next_is_the_bottleneck()
    {
        var client = app.Browser();
        // Purposefulness 45, the other three 50: five points, exactly the margin.
        var token = ResultToken(await SendAsync(client, Answers(agree: 3)));
        var scores = ScoreSheetJson.Read((await app.QueryAsync(db => db.SelfScanResponses.SingleAsync(r => r.ResultTokenHash == Tokens.Hash(token)))).ScoresJson, null).Conditions;
        Assert.Equal([50, 45, 50, 50], Survey.Conditions.Select(c => scores[c.Key]));

        var (_, result) = await Html.GetAsync(client, $"/zelfscan/result/{token}");

        Assert.Contains($"De bottleneck is {Survey.Condition(ConditionKeys.Purposefulness).Name.Nl}", result.QuerySelector("#bottleneck-text")!.TextContent);
    }

    [Fact]
    public async Task An_incomplete_self_scan_names_the_open_questions_keeps_the_answers_and_stores_nothing()
    {
        var client = app.Browser();
        var answers = Answers(agree: 4);
        var open = Survey.Questions.Where(q => q.IsScored()).Skip(2).Take(2).Select(q => q.Key).ToList();
        foreach (var key in open)
            answers.Remove(key);
        var before = await CountAsync();

        var response = await SendAsync(client, answers);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.Contains("Nog 2 vragen open", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.All(open, key => Assert.NotNull(page.QuerySelector($"a[href='#q-{key}']")));
        Assert.All(open, key => Assert.Contains("has-error", page.QuerySelector($"[id='q-{key}']")!.ClassName));
        var kept = answers.First();
        Assert.NotNull(page.QuerySelector($"input[name='Input.Answers[{kept.Key}]'][value='{kept.Value}'][checked]"));
        Assert.Equal(before, await CountAsync());
    }

    public static TheoryData<string, string> TamperedFields => new()
    {
        { "Input.Answers[no.such.question]", "3" },
        { "Input.Answers[usage.performance.1]", "6" },
        { "Input.Answers[usage.performance.1]", "-1" },
        { "Input.Answers[purposefulness.goals.1]", "no-such-option" },
        { "Input.Sector", "pirates" },
        { "Input.SizeClass", "12" },
        { "Input.VersionId", "999999" },
        { "Input.Answers[usage.performance.1]", "4\u0000" },
    };

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public async Task A_tampered_form_gets_a_400_page_in_the_users_language_and_stores_nothing(string field, string value)
    {
        var client = app.Browser();
        var (_, form) = await Html.GetAsync(client, "/zelfscan?culture=en");
        var fields = Fields(form, Answers(agree: 4)).Where(f => f.Key != field).Append(new(field, value))
            .Append(new("__RequestVerificationToken", RespondentClient.Token(form)));
        var before = await CountAsync();

        var response = await client.PostAsync("/zelfscan?culture=en", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_quickscan_version_is_not_accepted_as_a_self_scan()
    {
        var client = app.Browser();
        var (_, form) = await Html.GetAsync(client, "/zelfscan");
        var quickscan = await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Kind == QuestionnaireKind.Quickscan).Select(v => v.Id).FirstAsync());
        var fields = Fields(form, Answers(agree: 4)).Where(f => f.Key != "Input.VersionId").Append(new("Input.VersionId", quickscan.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("__RequestVerificationToken", RespondentClient.Token(form)));
        var before = await CountAsync();

        var response = await client.PostAsync("/zelfscan", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Without_the_anti_forgery_token_nothing_is_stored_and_an_unknown_result_link_is_404()
    {
        var client = app.Browser();
        var (_, form) = await Html.GetAsync(client, "/zelfscan");
        var before = await CountAsync();

        var response = await client.PostAsync("/zelfscan", new FormUrlEncodedContent(Fields(form, Answers(agree: 4))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/zelfscan/result/{Tokens.New()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/zelfscan/result/short")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/zelfscan/result/{Tokens.New()}/contact")).StatusCode);
    }
}
