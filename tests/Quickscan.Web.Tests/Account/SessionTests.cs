using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Account;

/// <summary>
/// Sessions that end: a copied auth cookie stops working the moment its session signs out, and a disabled
/// user, a changed role, a reset password or a reset two-factor sign-in ends every session of that user on
/// their next request, with Identity's default settings (no shortened check interval). Sign-ins, failures
/// and sign-outs go into the audit trail.
/// </summary>
public sealed class SessionTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working_at_once()
    {
        var user = await app.CreateUserAsync();
        var (browser, cookies) = await SignInWithCookiesAsync(user);
        var copied = cookies.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Contains("qs_auth=", copied);
        var thief = app.CreateDefaultClient();
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/clients")).StatusCode);
        Assert.Equal(1, await SessionCountAsync(user));

        var clients = Parser.ParseDocument(await (await browser.GetAsync("/clients")).Content.ReadAsStringAsync());
        var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", RespondentClient.Token(clients))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var after = await thief.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", AccountClient.PathOf(after.Headers.Location!));
        Assert.Equal(0, await SessionCountAsync(user));
        Assert.NotEmpty(await AuditAsync(user, "account.signed-out"));
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_users_other_browsers_signed_in()
    {
        var user = await app.CreateUserAsync();
        var laptop = await AccountClient.SignedInAsync(app, user);
        var phone = await AccountClient.SignedInAsync(app, user);

        var (_, clients) = await laptop.GetAsync("/clients");
        await laptop.PostAsync("/account/logout", clients, []);

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.ProbeAsync("/clients")).Status);
        Assert.Equal(HttpStatusCode.OK, (await phone.ProbeAsync("/clients")).Status);
    }

    [Theory]
    [InlineData("Disable")]
    [InlineData("Role")]
    [InlineData("ResetPassword")]
    [InlineData("ResetTwoFactor")]
    public async Task An_admins_change_ends_every_session_of_the_user_on_their_next_request(string handler)
    {
        var user = await app.CreateUserAsync();
        var laptop = await AccountClient.SignedInAsync(app, user);
        var phone = await AccountClient.SignedInAsync(app, user);
        var browsers = new List<AccountClient> { laptop, phone };
        if (handler == "ResetTwoFactor")
        {
            // Turning two-factor sign-in on keeps the session that did it and ends the others.
            await TwoFactorTests.EnableAsync(laptop);
            Assert.Equal(HttpStatusCode.Redirect, (await phone.ProbeAsync("/clients")).Status);
            browsers.Remove(phone);
        }

        var admin = await AccountClient.SignedInAsync(app, await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await laptop.ProbeAsync("/clients")).Status);

        var fields = new List<KeyValuePair<string, string>> { new("Change.Stamp", (await app.UserAsync(user.Id)).ConcurrencyStamp!) };
        if (handler == "Role")
            fields.Add(new("Change.Role", Roles.Admin));
        var (response, _) = await admin.SubmitAsync($"/admin/users/{user.Id}", fields, $"/admin/users/{user.Id}?handler={handler}");
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, response.StatusCode.ToString());

        // No waiting for a check interval: the very next request of each browser is signed out.
        foreach (var browser in browsers)
        {
            var (status, location) = await browser.ProbeAsync("/clients");
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.StartsWith("/account/login", location);
        }
    }

    [Fact]
    public async Task An_admin_resets_a_users_two_factor_sign_in_audited_and_the_user_signs_in_with_the_password_alone()
    {
        var user = await app.CreateUserAsync();
        var (key, _, _) = await TwoFactorTests.EnableAsync(await AccountClient.SignedInAsync(app, user));
        var admin = await AccountClient.SignedInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (details, detailsPage) = await admin.GetAsync($"/admin/users/{user.Id}");
        Assert.NotNull(detailsPage.QuerySelector("form[action*='handler=ResetTwoFactor']"));

        var (response, _) = await admin.SubmitAsync($"/admin/users/{user.Id}", [new("Change.Stamp", (await app.UserAsync(user.Id)).ConcurrencyStamp!)], $"/admin/users/{user.Id}?handler=ResetTwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Done=two-factor-reset", response.Headers.Location!.OriginalString);
        var after = await app.UserAsync(user.Id);
        Assert.False(after.TwoFactorEnabled);
        Assert.Null(await app.WithUsersAsync(users => users.GetAuthenticatorKeyAsync(after)));
        Assert.Equal(0, await app.WithUsersAsync(users => users.CountRecoveryCodesAsync(after)));
        Assert.Single(await AuditAsync(user, "user.two-factor-reset"));
        await AccountClient.SignedInAsync(app, user);
        _ = (details, key);

        // Nothing to reset any more: the form is gone, and a made-up post changes nothing.
        var (_, again) = await admin.GetAsync($"/admin/users/{user.Id}");
        Assert.Null(again.QuerySelector("form[action*='handler=ResetTwoFactor']"));
    }

    [Fact]
    public async Task A_user_who_changes_their_own_password_keeps_this_session_and_ends_their_others()
    {
        var user = await app.CreateUserAsync();
        var laptop = await AccountClient.SignedInAsync(app, user);
        var phone = await AccountClient.SignedInAsync(app, user);

        var (response, _) = await laptop.SubmitAsync("/account/password",
            [new("Input.CurrentPassword", QuickscanApp.TestPassword), new("Input.NewPassword", "another long password 2"), new("Input.ConfirmPassword", "another long password 2")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.ProbeAsync("/clients")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.ProbeAsync("/clients")).Status);
        Assert.Single(await AuditAsync(user, "user.password-changed"));
    }

    [Fact]
    public async Task Sign_ins_and_failed_sign_ins_are_audited_for_known_and_unknown_addresses_without_storing_an_unknown_address()
    {
        var user = await app.CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";

        await new AccountClient(app).LoginAsync(user.Email!, "wrong password here");
        await new AccountClient(app).LoginAsync(unknown, "wrong password here");
        await AccountClient.SignedInAsync(app, user);

        Assert.Single(await AuditAsync(user, "account.sign-in-failed"));
        Assert.Single(await AuditAsync(user, "account.signed-in"));
        var entries = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "account.sign-in-failed" && a.UserId == null).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => (e.UserName + e.Summary + e.EntityId + e.Before + e.After).Contains("nobody-", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Browser, CookieContainer Cookies)> SignInWithCookiesAsync(User user)
    {
        var cookies = new CookieContainer();
        var browser = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var login = Parser.ParseDocument(await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync());
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Input.Email", user.Email!), new("Input.Password", QuickscanApp.TestPassword), new("__RequestVerificationToken", RespondentClient.Token(login))]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (browser, cookies);
    }

    private Task<int> SessionCountAsync(User user) => app.QueryAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id));

    private Task<List<AuditEntry>> AuditAsync(User user, string action) =>
        app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id.ToString() && a.Action == action).ToListAsync());
}
