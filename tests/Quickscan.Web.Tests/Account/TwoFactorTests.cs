using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Account.Manage;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app, with real TOTP codes computed from the key the page shows:
/// setting it up, signing in with a code or a recovery code, "remember this device", lockout, turning it off.
/// </summary>
public sealed class TwoFactorTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string Page = "/account/manage/two-factor";

    [Fact]
    public async Task The_account_page_shows_who_is_signed_in_and_links_to_password_and_two_factor()
    {
        var user = await app.CreateUserAsync(name: "Fatima de Vries");
        var client = await AccountClient.SignedInAsync(app, user);

        var (response, page) = await client.GetAsync("/account/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.Body!.TextContent;
        Assert.Contains("Fatima de Vries", text);
        Assert.Contains(user.Email!, text);
        Assert.Contains("Consultant", text);
        Assert.Equal("Uit", page.QuerySelector("#two-factor-state")!.TextContent.Trim());
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/account/password", links);
        Assert.Contains(Page, links);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_login_page_from_the_account_pages()
    {
        var client = new AccountClient(app);

        foreach (var url in new[] { "/account/manage", Page, "/account/password" })
        {
            var (status, location) = await client.ProbeAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.StartsWith("/account/login", location);
        }
    }

    [Fact]
    public async Task Setting_up_shows_the_key_in_groups_and_a_QR_code_of_the_otpauth_uri_and_refuses_a_wrong_code()
    {
        var user = await app.CreateUserAsync();
        var client = await AccountClient.SignedInAsync(app, user);

        var (response, page) = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = page.QuerySelector("#shared-key")!.TextContent.Trim();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", shown);
        var key = shown.Replace(" ", "");
        Assert.Equal(key, await app.WithUsersAsync(users => users.GetAuthenticatorKeyAsync(user)));
        var uri = TwoFactorModel.OtpAuthUri(user.Email!, key);
        Assert.Equal($"otpauth://totp/Quickscan:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Quickscan&digits=6", uri);
        // The QR code is inline SVG (no image request, nothing leaves the page) of exactly that URI.
        var qr = page.QuerySelector(".qr[role=img]")!;
        Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("aria-label")));
        Assert.Equal(Normalize(TwoFactorModel.QrSvg(uri)), Normalize(qr.InnerHtml));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());

        // Opening the page again shows the same key: it is made once, not on every visit.
        var (_, again) = await client.GetAsync(Page);
        Assert.Equal(shown, again.QuerySelector("#shared-key")!.TextContent.Trim());

        var (wrong, wrongPage) = await client.SubmitAsync(Page, [new("Input.Code", Authenticator.WrongCode(key))], Page + "?handler=Enable");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull(wrongPage.QuerySelector("#code-error"));
        var (malformed, _) = await client.SubmitAsync(Page, [new("Input.Code", "12345x")], Page + "?handler=Enable");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.False((await app.UserAsync(user.Id)).TwoFactorEnabled);
        Assert.Empty(await AuditAsync(user, "user.two-factor-enabled"));
    }

    [Fact]
    public async Task A_right_code_turns_it_on_shows_ten_recovery_codes_once_and_keeps_the_session()
    {
        var user = await app.CreateUserAsync();
        var client = await AccountClient.SignedInAsync(app, user);
        var stampBefore = user.SecurityStamp;

        var (key, codes, response) = await EnableAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        var stored = await app.UserAsync(user.Id);
        Assert.True(stored.TwoFactorEnabled);
        Assert.NotEqual(stampBefore, stored.SecurityStamp);
        Assert.Single(await AuditAsync(user, "user.two-factor-enabled"));

        // The session survived the new security stamp (its cookie was renewed), and the codes are gone from the page.
        var (after, page) = await client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null(page.QuerySelector("#recovery-codes"));
        Assert.Null(page.QuerySelector("#shared-key"));
        Assert.Contains("10", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/clients")).Status);
        Assert.Equal("Aan", (await client.GetAsync("/account/manage")).Document.QuerySelector("#two-factor-state")!.TextContent.Trim());
        _ = key;
    }

    [Fact]
    public async Task After_turning_it_on_signing_in_needs_the_code_and_a_wrong_code_is_refused()
    {
        var user = await app.CreateUserAsync();
        var (key, _, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var client = new AccountClient(app);

        var (password, _) = await client.LoginAsync(user.Email!, QuickscanApp.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var twoFactorUrl = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login/two-factor", twoFactorUrl);
        // A correct password alone signs nobody in.
        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/clients")).Status);

        var (wrong, wrongPage) = await client.CodeAsync(twoFactorUrl, Authenticator.WrongCode(key));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("klopt niet", wrongPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/clients")).Status);

        var (right, _) = await client.CodeAsync(twoFactorUrl, Authenticator.Later(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/clients", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/clients")).Status);
        // A good code clears the failed attempt.
        Assert.Equal(0, (await app.UserAsync(user.Id)).AccessFailedCount);
    }

    [Fact]
    public async Task The_code_may_be_typed_with_a_space_and_the_return_url_is_kept()
    {
        var user = await app.CreateUserAsync();
        var (key, _, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var client = new AccountClient(app);
        var (_, login) = await client.GetAsync("/account/login?ReturnUrl=%2Faccount%2Fmanage");

        var password = await client.PostAsync("/account/login?ReturnUrl=%2Faccount%2Fmanage", login,
            [new("ReturnUrl", "/account/manage"), new("Input.Email", user.Email!), new("Input.Password", QuickscanApp.TestPassword)]);
        var code = Authenticator.Later(key);
        var (signedIn, _) = await client.CodeAsync(password.Headers.Location!.OriginalString, $"{code[..3]} {code[3..]}");

        Assert.Equal("/account/manage", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_then_no_more()
    {
        var user = await app.CreateUserAsync();
        var (_, codes, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var recovery = codes[3];

        var first = new AccountClient(app);
        var (toCode, _) = await first.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        // Typed in lower case, as people do.
        var (used, _) = await first.CodeAsync(toCode.Headers.Location!.OriginalString, recovery.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/clients", used.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.ProbeAsync("/clients")).Status);
        Assert.Equal(9, await app.WithUsersAsync(async users => await users.CountRecoveryCodesAsync(await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException())));

        var second = new AccountClient(app);
        var (again, _) = await second.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        var (refused, page) = await second.CodeAsync(again.Headers.Location!.OriginalString, recovery);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Equal(HttpStatusCode.Redirect, (await second.ProbeAsync("/clients")).Status);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_and_are_shown_once()
    {
        var user = await app.CreateUserAsync();
        var client = await AccountClient.SignedInAsync(app, user);
        var (_, oldCodes, _) = await EnableAsync(client);

        var (response, page) = await client.SubmitAsync(Page, [], Page + "?handler=RecoveryCodes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newCodes = Codes(page);
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Single(await AuditAsync(user, "user.recovery-codes-regenerated"));

        var other = new AccountClient(app);
        var (toCode, _) = await other.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        var (old, _) = await other.CodeAsync(toCode.Headers.Location!.OriginalString, oldCodes[0]);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var (fresh, _) = await other.CodeAsync(toCode.Headers.Location!.OriginalString, newCodes[0]);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task Remember_this_device_skips_the_code_on_the_next_sign_in_on_that_device_only()
    {
        var user = await app.CreateUserAsync();
        var (key, _, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var device = new AccountClient(app);
        var (toCode, _) = await device.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        await device.CodeAsync(toCode.Headers.Location!.OriginalString, Authenticator.Later(key), rememberMachine: true);
        var (_, clients) = await device.GetAsync("/clients");
        await device.PostAsync("/account/logout", clients, []);
        Assert.Equal(HttpStatusCode.Redirect, (await device.ProbeAsync("/clients")).Status);

        var (again, _) = await device.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.Equal("/clients", again.Headers.Location!.OriginalString);

        var (elsewhere, _) = await new AccountClient(app).LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.StartsWith("/account/login/two-factor", elsewhere.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_wrong_recovery_codes_count_too_and_then_even_the_right_code_is_refused()
    {
        var user = await app.CreateUserAsync();
        var (key, codes, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var client = new AccountClient(app);
        var (toCode, _) = await client.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        var url = toCode.Headers.Location!.OriginalString;

        for (var i = 0; i < 3; i++)
            await client.CodeAsync(url, Authenticator.WrongCode(key));
        for (var i = 0; i < 2; i++)
            await client.CodeAsync(url, "ZZZZZ-ZZZZZ");

        var (locked, page) = await client.CodeAsync(url, Authenticator.Later(key));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Te veel mislukte pogingen", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Single(await AuditAsync(user, "account.locked-out"));
        var (lockedRecovery, _) = await client.CodeAsync(url, codes[0]);
        Assert.Equal(HttpStatusCode.OK, lockedRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/clients")).Status);
        Assert.True((await app.UserAsync(user.Id)).LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(10, await app.WithUsersAsync(async users => await users.CountRecoveryCodesAsync(await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException())));
    }

    [Fact]
    public async Task The_code_page_without_a_correct_password_first_sends_back_to_the_login_page()
    {
        var client = new AccountClient(app);

        var (status, location) = await client.ProbeAsync("/account/login/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/account/login", location);
        Assert.DoesNotContain("two-factor", location);
    }

    [Fact]
    public async Task Turning_it_off_signs_in_with_the_password_alone_and_a_later_setup_gets_a_new_key()
    {
        var user = await app.CreateUserAsync();
        var client = await AccountClient.SignedInAsync(app, user);
        var (key, _, _) = await EnableAsync(client);

        var (off, _) = await client.SubmitAsync(Page, [new("Disable.Secret", QuickscanApp.TestPassword)], Page + "?handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await app.UserAsync(user.Id)).TwoFactorEnabled);
        Assert.Single(await AuditAsync(user, "user.two-factor-disabled"));
        var (_, page) = await client.GetAsync(Page);
        Assert.NotEqual(key, page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").Trim());
        await AccountClient.SignedInAsync(app, user);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password_or_a_fresh_code_not_just_the_session()
    {
        var user = await app.CreateUserAsync();
        var client = await AccountClient.SignedInAsync(app, user);
        var (key, _, _) = await EnableAsync(client);

        foreach (var secret in new[] { "", "not my password at all", Authenticator.WrongCode(key) })
        {
            var (refused, page) = await client.SubmitAsync(Page, [new("Disable.Secret", secret)], Page + "?handler=Disable");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.NotNull(page.QuerySelector("#disable-error"));
            Assert.True((await app.UserAsync(user.Id)).TwoFactorEnabled);
        }

        // The code that turned it on was used up; the next one the app shows works.
        var (off, _) = await client.SubmitAsync(Page, [new("Disable.Secret", Authenticator.Later(key))], Page + "?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await app.UserAsync(user.Id)).TwoFactorEnabled);
        Assert.Equal(2, (await AuditAsync(user, "user.two-factor-disable-refused")).Count);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_even_when_two_browsers_send_it_at_the_same_moment()
    {
        var user = await app.CreateUserAsync();
        var (key, _, _) = await EnableAsync(await AccountClient.SignedInAsync(app, user));
        var browsers = new[] { new AccountClient(app), new AccountClient(app), new AccountClient(app) };
        var urls = new List<string>();
        foreach (var browser in browsers)
            urls.Add((await browser.LoginAsync(user.Email!, QuickscanApp.TestPassword)).Response.Headers.Location!.OriginalString);
        var code = Authenticator.Later(key);

        var results = await Task.WhenAll(browsers.Select((b, i) => b.CodeAsync(urls[i], code)));

        Assert.True(1 == results.Count(r => r.Response.StatusCode == HttpStatusCode.Redirect), string.Join(", ", results.Select(r => $"{r.Response.StatusCode} {r.Response.Headers.Location}")));
        Assert.True(2 == results.Count(r => r.Response.StatusCode == HttpStatusCode.OK && r.Document.QuerySelector("[role=alert]") is not null),
            string.Join(", ", results.Select(r => $"{r.Response.StatusCode} {r.Document.QuerySelector("[role=alert]")?.TextContent.Trim()} {r.Document.Title}")) + string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Exception")).Take(1)));
        // Used once is used: the same code again is refused, the next one works.
        var late = new AccountClient(app);
        var lateUrl = (await late.LoginAsync(user.Email!, QuickscanApp.TestPassword)).Response.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await late.CodeAsync(lateUrl, code)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await late.CodeAsync(lateUrl, Authenticator.Later(key, 2))).Response.StatusCode);
    }

    /// <summary>Opens the setup page, reads the key, sends the app's current code; returns the key and the recovery codes shown.</summary>
    internal static async Task<(string Key, IReadOnlyList<string> Codes, HttpResponseMessage Response)> EnableAsync(AccountClient client)
    {
        var (_, setup) = await client.GetAsync(Page);
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").Trim();
        var response = await client.PostAsync(Page + "?handler=Enable", setup, [new("Input.Code", Authenticator.Code(key))]);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (key, Codes(page), response);
    }

    private static List<string> Codes(IHtmlDocument page) =>
        page.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim()).ToList();

    private Task<List<AuditEntry>> AuditAsync(User user, string action) =>
        app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id.ToString() && a.Action == action).ToListAsync());

    /// <summary>Markup as the HTML parser sees it, so the page's SVG and a freshly made one compare equal.</summary>
    private static string Normalize(string markup) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<div>{markup}</div>").Body!.FirstElementChild!.InnerHtml.Trim();
}
