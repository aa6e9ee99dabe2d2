using System.Net;
using AngleSharp.Html.Parser;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>The home page leads a consultant to the sign-in, in both languages, and every page carries the favicon.</summary>
public sealed class HomePageTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Theory]
    [InlineData("nl", "Inloggen voor consultants")]
    [InlineData("en", "Sign in for consultants")]
    public async Task The_home_page_has_a_sign_in_link_for_consultants(string culture, string text)
    {
        var response = await app.CreateClient().GetAsync($"/?culture={culture}");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = page.QuerySelectorAll("main a[href]").Single(a => a.TextContent.Trim() == text);
        Assert.Equal("/account/login", link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task Pages_link_the_favicon_and_both_icons_are_served()
    {
        var client = app.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        var svg = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        // Browsers that ask for /favicon.ico by themselves get one too, not a 404 in every log.
        var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.StartsWith("image/", ico.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }
}
