using System.Net;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>The profile page shows the progress over the whole questionnaire, as every step does, and it counts what was answered.</summary>
public sealed class ProfileProgressTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task The_profile_page_shows_how_far_the_respondent_is_and_counts_answers_given_since()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);

        var profile = await respondent.StartAsync();

        var bar = profile.QuerySelector(".progress-block progress")!;
        var total = int.Parse(bar.GetAttribute("max")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 20, $"{total} questions");
        Assert.Equal("0", bar.GetAttribute("value"));
        Assert.Equal($"0 van {total} vragen beantwoord", profile.QuerySelector("#progress-text")!.TextContent.Trim());
        Assert.Equal("progress-text", bar.GetAttribute("aria-labelledby"));

        await respondent.SaveProfileAsync(null);
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4" }, move: "later")).StatusCode);
        var (_, again) = await respondent.GetAsync(respondent.Url("/profile"));

        Assert.Equal("1", again.QuerySelector(".progress-block progress")!.GetAttribute("value"));
        Assert.Equal($"1 van {total} vragen beantwoord", again.QuerySelector("#progress-text")!.TextContent.Trim());
    }
}
