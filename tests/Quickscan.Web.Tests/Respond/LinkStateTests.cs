using System.Net;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>Unknown, not yet open, closed and expired links get a friendly page with the right status.</summary>
public sealed class LinkStateTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    [InlineData("has%20spaces%20and%20more%20than%2032%20characters")]
    public async Task An_unknown_link_is_not_found(string token)
    {
        var respondent = new RespondentClient(app, token);

        var (response, page) = await respondent.GetAsync($"/s/{token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina niet gevonden", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_closed_scan_is_gone_for_new_and_started_respondents()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, openPage) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        await app.ExecuteAsync(async db =>
        {
            db.Attach(scan);
            scan.Status = ScanStatus.Closed;
            await db.SaveChangesAsync();
        });

        var (intro, page) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}");
        var (conditionPage, _) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        var save = await respondent.PostAsync(respondent.StepUrl("usage.effort.1"), openPage, [new("Input.Step", "usage.effort"), new("Input.Answers[usage.effort.1]", "4")]);

        Assert.Equal(HttpStatusCode.Gone, intro.StatusCode);
        Assert.Contains("Deze quickscan is gesloten", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Gone, conditionPage.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, save.StatusCode);
        Assert.Empty(await app.AnswersAsync(scan.Id));
    }

    [Fact]
    public async Task A_scan_past_its_closing_date_is_gone()
    {
        var scan = await app.CreateScanAsync(s => s.ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1));

        var (response, _) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task A_draft_or_not_yet_open_scan_is_not_found()
    {
        var draft = await app.CreateScanAsync(s => s.Status = ScanStatus.Draft);
        var later = await app.CreateScanAsync(s => s.OpensAt = DateTimeOffset.UtcNow.AddDays(1));

        var (draftResponse, _) = await new RespondentClient(app, draft.ShareToken).GetAsync($"/s/{draft.ShareToken}");
        var (laterResponse, _) = await new RespondentClient(app, later.ShareToken).GetAsync($"/s/{later.ShareToken}");

        Assert.Equal(HttpStatusCode.NotFound, draftResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, laterResponse.StatusCode);
    }

    [Fact]
    public async Task Starting_on_a_closed_scan_creates_no_respondent()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        var (_, intro) = await respondent.GetAsync($"/s/{scan.ShareToken}");
        await app.ExecuteAsync(async db =>
        {
            db.Attach(scan);
            scan.Status = ScanStatus.Closed;
            await db.SaveChangesAsync();
        });

        var response = await respondent.PostAsync($"/s/{scan.ShareToken}", intro, []);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Respondents, r => r.ScanId == scan.Id)));
    }
}
