using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Respond;

/// <summary>The short link a projector shows (/j/K7M2-9QXD), through HTTP on PostgreSQL.</summary>
public sealed class JoinCodeTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private HttpClient Anonymous() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = app.ClientOptions.BaseAddress });

    [Theory]
    [InlineData("{0}-{1}")]
    [InlineData("{0}{1}")]
    [InlineData("{0}-{1}", true)]
    public async Task The_short_link_leads_to_the_share_link_however_the_code_is_typed(string shape, bool lowerCase = false)
    {
        var scan = await app.CreateScanAsync();
        var code = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, scan.JoinCode![..4], scan.JoinCode[4..]);
        var response = await Anonymous().GetAsync($"/j/{(lowerCase ? code.ToLowerInvariant() : code)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/s/{scan.ShareToken}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("AAAA-AAAA")]   // well-formed, no such scan
    [InlineData("0OIL-1UV0")]   // look-alikes that are never in a code
    [InlineData("ABC")]
    [InlineData("ABCDEFGHJKMNPQRSTWXYZ23456789")]
    [InlineData("%E2%80%AE")]
    public async Task An_unknown_or_malformed_code_is_not_found_in_the_visitors_language(string code)
    {
        var response = await Anonymous().GetAsync($"/j/{code}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("niet gevonden", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_new_share_link_gets_a_new_code_and_the_old_code_stops_working()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));

        var rotated = await consultant.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Rotate");
        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);

        var now = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => new { s.ShareToken, s.JoinCode }).SingleAsync());
        Assert.NotEqual(scan.JoinCode, now.JoinCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/j/{scan.JoinCode}")).StatusCode);
        var joined = await Anonymous().GetAsync($"/j/{now.JoinCode}");
        Assert.Equal($"/s/{now.ShareToken}", joined.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_join_page_shows_the_short_link_and_a_scan_from_before_codes_gets_one_that_stays()
    {
        var me = await app.CreateUserAsync();
        var consultant = await SignedInClient.SignInAsync(app, me);
        var scan = await app.CreateScanAsync(s => s.JoinCode = null, await app.CreateClientAsync(me));

        var (response, page) = await consultant.GetAsync($"/scans/{scan.Id}/present");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.JoinCode).SingleAsync());
        Assert.NotNull(code);
        Assert.EndsWith($"/j/{Tokens.FormatJoinCode(code)}", page.QuerySelector(".presenter-url")!.TextContent.Trim(), StringComparison.Ordinal);

        // Showing it again (or the scan page) keeps the same code: a code on a slide must not change under it.
        await consultant.GetAsync($"/scans/{scan.Id}/present");
        var (_, details) = await consultant.GetAsync($"/scans/{scan.Id}");
        Assert.Equal(code, await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.JoinCode).SingleAsync()));
        Assert.EndsWith($"/j/{Tokens.FormatJoinCode(code)}", details.QuerySelector("#join-link")!.GetAttribute("value"), StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_are_eight_unambiguous_characters_and_typing_variants_normalise_to_the_stored_form()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => Tokens.NewJoinCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-TW-Z]{8}$", c));
        Assert.True(codes.Distinct().Count() > 1990);
        Assert.Equal("K7M29QXD", Tokens.NormaliseJoinCode(" k7m2-9qxd "));
        Assert.Null(Tokens.NormaliseJoinCode("K7M2-9QX"));
        Assert.Null(Tokens.NormaliseJoinCode("K7M2-9QX0"));
        Assert.Equal("K7M2-9QXD", Tokens.FormatJoinCode("K7M29QXD"));
    }
}
