using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>
/// A question step is light on a phone network: its HTML with every stylesheet and script it loads stays under
/// 50 KB as sent compressed, and those static files are served precompressed (Brotli or gzip) under fingerprinted names
/// that are cached for good, so a phone fetches them once.
/// </summary>
public sealed class PageWeightTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private const int Budget = 50 * 1024;

    [Fact]
    public async Task A_step_with_its_css_and_javascript_is_under_50_KB_compressed_and_static_files_are_precompressed_and_immutable()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (response, page) = await respondent.GetAsync(respondent.StepUrl("usage.effort.1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsByteArrayAsync();

        var assets = page.QuerySelectorAll("link[rel=stylesheet][href], script[src], link[rel=icon][href]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(url => url.StartsWith('/'))
            .Distinct()
            .ToList();
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));

        // The page itself is compressed by whatever sits in front of the app (it is rendered per request): gzip here.
        var total = Gzipped(html);
        var sizes = new List<string> { $"page {Gzipped(html)} B" };
        foreach (var asset in assets.Where(a => !a.EndsWith(".ico", StringComparison.Ordinal) && !a.EndsWith(".svg", StringComparison.Ordinal)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var file = await respondent.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            // A build precompresses with gzip, a publish (the container image) with Brotli too.
            Assert.Contains(Assert.Single(file.Content.Headers.ContentEncoding), new[] { "br", "gzip" });
            Assert.True(file.Headers.CacheControl?.ToString().Contains("immutable", StringComparison.Ordinal) == true, $"{asset}: Cache-Control {file.Headers.CacheControl}");
            var bytes = (await file.Content.ReadAsByteArrayAsync()).Length;
            total += bytes;
            sizes.Add($"{asset} {bytes} B");
        }

        Assert.True(total < Budget, $"{total} B compressed: {string.Join(", ", sizes)}");
    }

    private static int Gzipped(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return (int)output.Length;
    }
}
