using System.Net;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>
/// Viewing a page and saving answers each take a small, fixed number of queries, however many questions
/// a page has: the questionnaire comes from memory, answers are read in one query and saved in one upsert.
/// Its own app, so no other test's queries are counted.
/// </summary>
public sealed class QueryCountTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task A_condition_page_and_a_save_take_a_fixed_number_of_queries()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.GetAsync(respondent.StepUrl("usage.effort.1")); // warms the questionnaire cache

        var counts = new List<(string What, int Queries)>();
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        foreach (var step in new[] { "usage.performance", "process-integration.processes~2" })
        {
            app.Queries.Reset();
            var (response, page) = await respondent.GetAsync(respondent.Url($"/q/{step}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(($"view {step}", app.Queries.Count));

            var keys = page.QuerySelectorAll("fieldset[data-scored]").Select(f => f.Id![2..]).ToList();
            var answers = JourneyTests.AnswersFor(questionnaire.ConditionOfFactor(step.Split('~')[0])).Where(a => keys.Contains(a.Key)).ToList();
            Assert.NotEmpty(answers);
            app.Queries.Reset();
            var save = await respondent.PostAsync(respondent.Url($"/q/{step}?handler=Autosave"), page,
                answers.Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value)).Append(new("Input.Step", step)));
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
            counts.Add(($"save {step} ({answers.Count} answers)", app.Queries.Count));
        }

        // View: scan and respondent with answers in one query. Save: scan with respondent, then one statement
        // (guarded update, upsert and clearing in a single round trip on PostgreSQL).
        Assert.All(counts.Where(c => c.What.StartsWith("view")), c => Assert.Equal(1, c.Queries));
        Assert.All(counts.Where(c => c.What.StartsWith("save")), c => Assert.Equal(2, c.Queries));
    }
}
