using System.Net;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>Nothing is lost: every save that got a success response is in the database, even when a submit races it.</summary>
public sealed class ConcurrencyTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Saves_racing_a_submit_are_either_stored_or_refused_never_lost()
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, page) = await respondent.GetAsync(respondent.StepUrl("process-integration.daily-work.1"));
        var (_, review) = await respondent.GetAsync(respondent.Url("/review"));
        var questions = questionnaire.Condition("process-integration").Factors.SelectMany(f => f.Questions)
            .Where(q => q.Kind == Domain.Questionnaires.QuestionKind.Agreement).ToList();

        var saves = questions.Select(async (question, i) =>
        {
            await Task.Yield();
            var response = await respondent.PostAsync(respondent.StepUrl(question.Key) + "?handler=Autosave", page,
                [new("Input.Step", RespondentClient.StepKey(question.Key)), new($"Input.Answers[{question.Key}]", ((i % 5) + 1).ToString())]);
            return (question.Key, Value: (i % 5) + 1, response.StatusCode);
        }).ToList();
        // A few answers only: the submission is confirmed as one that will not count.
        var submit = Task.Run(async () => (await respondent.PostAsync(respondent.Url("/review"), review, [new("ConfirmUncounted", "true")])).StatusCode);
        var outcomes = await Task.WhenAll(saves);
        Assert.Equal(HttpStatusCode.Redirect, await submit);

        var stored = (await app.AnswersAsync(scan.Id)).ToDictionary(a => a.QuestionKey, a => a.ScaleValue);
        Assert.All(outcomes, o => Assert.Contains(o.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        foreach (var saved in outcomes.Where(o => o.StatusCode == HttpStatusCode.OK))
            Assert.Equal(saved.Value, stored[saved.Key]);
        // What was refused came after the submit, so it is not stored either.
        foreach (var refused in outcomes.Where(o => o.StatusCode == HttpStatusCode.Conflict))
            Assert.False(stored.ContainsKey(refused.Key));

        // The stored score is the score of exactly the stored answers: the submit saw every acknowledged save.
        var rows = await app.AnswersAsync(scan.Id);
        var expected = Domain.Scoring.RespondentScoring.Score(questionnaire, rows.Select(Data.AnswerMapping.ToDomain).ToList());
        var score = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.RespondentScores, s => s.ScanId == scan.Id));
        Assert.Equal(Data.ScoreSheetJson.Write(expected.ToSheet(null)), score.ScoresJson);
    }
}
