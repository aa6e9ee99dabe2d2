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
        await respondent.GetAsync(respondent.Url("/c/usage")); // warms the questionnaire cache

        var counts = new List<(string What, int Queries)>();
        foreach (var condition in new[] { "usage", "process-integration" })
        {
            app.Queries.Reset();
            var (response, page) = await respondent.GetAsync(respondent.Url($"/c/{condition}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(($"view {condition}", app.Queries.Count));

            var answers = JourneyTests.AnswersFor(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Condition(condition));
            app.Queries.Reset();
            var save = await respondent.PostAsync(respondent.Url($"/c/{condition}?handler=Autosave"), page,
                answers.Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value)).Append(new("Input.Condition", condition)));
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
            counts.Add(($"save {condition} ({answers.Count} answers)", app.Queries.Count));
        }

        // View: scan by token, respondent with answers. Save: scan, respondent, guarded update, upsert.
        Assert.All(counts.Where(c => c.What.StartsWith("view")), c => Assert.Equal(2, c.Queries));
        Assert.All(counts.Where(c => c.What.StartsWith("save")), c => Assert.Equal(4, c.Queries));
    }
}
