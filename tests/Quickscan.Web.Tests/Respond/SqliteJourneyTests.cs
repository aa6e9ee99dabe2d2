using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>The same journey, smoke-tested on the embedded SQLite default (its own migrations and value conversions).</summary>
public sealed class SqliteJourneyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_journey_works_on_SQLite()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.SaveProfileAsync("support");
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        foreach (var condition in questionnaire.Conditions)
            Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, seed: 2))).StatusCode);

        // Saving a page again updates in place (the upsert on SQLite).
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "1" });
        var (result, page) = await respondent.FollowAsync(await respondent.SubmitAsync());

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(4, page.QuerySelectorAll("table.data tbody tr").Length);
        var stored = await app.QueryAsync(db => db.Respondents.Include(r => r.Answers).Include(r => r.Score).SingleAsync(r => r.ScanId == scan.Id));
        Assert.Equal(questionnaire.Questions.Count(), stored.Answers.Count);
        Assert.Equal(1, stored.Answers.Single(a => a.QuestionKey == "usage.effort.1").ScaleValue);
        Assert.NotNull(stored.Score);
        Assert.True(stored.SubmittedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.True(await app.QueryAsync(db => db.DataProtectionKeys.AnyAsync()));
    }

    [Fact]
    public async Task A_closed_link_is_gone_on_SQLite_too()
    {
        var scan = await app.CreateScanAsync(s => s.ClosesAt = DateTimeOffset.UtcNow.AddHours(-1));

        var (response, _) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
