using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>Starting is a first write like any other: one form starts one response, however often it is sent.</summary>
public sealed class StartTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static string? ResumeCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("qs_resume=", StringComparison.Ordinal))
            : null;

    [Fact]
    public async Task A_double_click_on_start_starts_one_response_and_every_answer_gets_its_cookie()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        var (_, intro) = await respondent.GetAsync(respondent.Url());
        var key = intro.QuerySelector("form[method=post] input[name=start]")!.GetAttribute("value")!;
        Assert.DoesNotContain(key, await app.QueryAsync(db => db.Respondents.Select(r => r.ResumeTokenHash).ToListAsync()));

        // The one form sent six times at once (a double-click, an impatient tap): some before any answer set the cookie.
        var posts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => respondent.PostAsync(respondent.Url(), intro, [new("start", key)])));

        Assert.All(posts, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var started = await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id).ToListAsync());
        var one = Assert.Single(started);
        var cookies = posts.Select(ResumeCookie).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(cookies);
        Assert.Equal(one.ResumeTokenHash, Quickscan.Web.Infrastructure.Tokens.Hash(Assert.Single(cookies)["qs_resume=".Length..]));
    }

    [Fact]
    public async Task Start_again_from_an_older_intro_page_goes_on_with_the_started_response()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        var (_, intro) = await respondent.GetAsync(respondent.Url());
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.PostAsync(respondent.Url(), intro, [new("start", intro.QuerySelector("input[name=start]")!.GetAttribute("value")!)])).StatusCode);
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4" }, move: "later");

        // The intro page as it was before starting (the back button), with a fresh key, sent again.
        var freshKey = app.Services.GetRequiredService<Quickscan.Web.Pages.Respond.StartKeys>().New();
        var again = await respondent.PostAsync(respondent.Url(), intro, [new("start", freshKey)]);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.EndsWith("/continue", again.Headers.Location!.OriginalString.Split('?')[0], StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id)));
        Assert.Single(await app.AnswersAsync(scan.Id));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_start_key_is_refused_and_nothing_is_started(string key)
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        var (_, intro) = await respondent.GetAsync(respondent.Url());

        var response = await respondent.PostAsync(respondent.Url(), intro, [new("start", key)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Respondents.AnyAsync(r => r.ScanId == scan.Id)));
    }
}
