using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Operations;

/// <summary>Health checks, logging, unexpected errors and Data Protection keys.</summary>
public sealed class OperationsTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_checks_answer(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unexpected_error_shows_a_generic_page_with_the_correlation_id_that_is_in_the_log()
    {
        var response = await app.CreateClient().GetAsync(FailingEndpoint.Path);
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Er ging iets mis", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("Something broke", html);
        Assert.DoesNotContain(" at ", page.Body!.TextContent);
        var correlationId = page.QuerySelector("code")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(correlationId));
        Assert.Contains(app.Logs.Events, e => e.Exception is InvalidOperationException && e.TraceId?.ToHexString() == correlationId);
    }

    [Fact]
    public async Task The_log_holds_no_tokens_no_answers_and_no_profile()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.SaveProfileAsync("employee", "Afdeling Geheim");
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.performance.open"] = "Mijn zeer persoonlijke mening", ["usage.effort.1"] = "4" }, move: "later");
        var (_, later) = await respondent.GetAsync(respondent.Url("/later"));
        var resumeToken = new Uri(later.QuerySelector("#resume-link")!.GetAttribute("href")!).Segments[^1];
        await respondent.Http.GetAsync(respondent.Url("/r/" + resumeToken));

        var lines = app.Logs.Lines.ToList();

        Assert.Contains(lines, l => l.Contains("/s/***/profile"));
        Assert.DoesNotContain(lines, l => l.Contains(scan.ShareToken));
        Assert.DoesNotContain(lines, l => l.Contains(resumeToken));
        Assert.DoesNotContain(lines, l => l.Contains("persoonlijke mening"));
        Assert.DoesNotContain(lines, l => l.Contains("Afdeling Geheim"));
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        var scan = await app.CreateScanAsync();
        await new RespondentClient(app, scan.ShareToken).StartAsync();

        Assert.True(await app.QueryAsync(db => db.DataProtectionKeys.AnyAsync()));
    }

    [Fact]
    public async Task Responses_carry_strict_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
