using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>No share, resume or sponsor token reaches the log, whatever follows it and however it is written.</summary>
public sealed class LogMaskingTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly string Token = Tokens.New();

    public static TheoryData<string> Disguised => new()
    {
        $"/s/{Token}",
        $"/s/{Token}.",
        $"/s/{Token}%20",
        $"/s/{Token}x",
        $"/s/{Token}?culture=en",
        $"/r/{Token}.",
        $"/s/{Token[..31]}/r/{Token}",
        $"/language/en?returnUrl=%2Fs%2F{Token}",
        $"/language/en?returnUrl=%252Fs%252F{Token}",
        $"/s/%{(int)Token[0]:X2}{Token[1..]}",
        $"token={Token}",
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public void A_token_is_masked_whatever_surrounds_it(string text) =>
        Assert.DoesNotContain(Token[1..], Logging.MaskTokens(text), StringComparison.Ordinal);

    [Fact]
    public void Ids_and_ordinary_paths_stay_readable()
    {
        var id = Guid.NewGuid().ToString();

        Assert.Equal($"/scans/{id}/report", Logging.MaskTokens($"/scans/{id}/report"));
        Assert.Equal("/s/***/c/usage", Logging.MaskTokens($"/s/{Token}/c/usage"));
        Assert.Equal("/admin/questionnaires/drafts", Logging.MaskTokens("/admin/questionnaires/drafts"));
    }

    [Fact]
    public async Task Requests_with_disguised_tokens_log_none_of_them_in_any_property()
    {
        var scan = await app.CreateScanAsync(s => s.ReportToken = Tokens.New());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { $"/s/{scan.ShareToken}", $"/s/{scan.ShareToken}.", $"/s/{scan.ShareToken}%20", $"/s/{scan.ShareToken}/c/usage?x={scan.ShareToken}", $"/r/{scan.ReportToken}.", $"/r/{scan.ReportToken}", $"/language/en?returnUrl=%2Fs%2F{scan.ShareToken}" })
            await client.GetAsync(path);
        // A structured value and a scope, as any code might log them.
        var logger = app.Services.GetRequiredService<ILogger<LogMaskingTests>>();
        using (logger.BeginScope(new Dictionary<string, object> { ["Link"] = $"https://quickscan.example/s/{scan.ShareToken}" }))
            logger.LogInformation("Shared {@Share} and {Links}", new { Url = $"/s/{scan.ShareToken}?utm=1" }, new[] { $"/r/{scan.ReportToken}" });
        app.Services.GetRequiredService<Serilog.ILogger>().ForContext("Resume", $"/s/{scan.ShareToken}/r/{scan.ReportToken}%2E").Information("Resumed");

        var lines = app.Logs.Lines.ToList();

        Assert.Contains(lines, l => l.Contains("Shared", StringComparison.Ordinal) && l.Contains("Link=", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Resumed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/s/***", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(scan.ShareToken, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(scan.ReportToken!, StringComparison.Ordinal));
    }
}
