using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Account;

/// <summary>
/// The app as configured for production (no shortened intervals: the server-side session check runs on every
/// request by itself), with helpers to read and change users.
/// </summary>
public class AccountsApp : QuickscanApp
{
    public async Task<User> UserAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByIdAsync(id.ToString()) ?? throw new InvalidOperationException("No such user.");
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<User>, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<User>>());
    }
}

/// <summary>
/// A browser without a browser for the account pages: its own cookies, no automatic redirects, forms
/// posted with their anti-forgery token. Starts signed out.
/// </summary>
public sealed class AccountClient(QuickscanApp app)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    public Task<HttpResponseMessage> PostAsync(string url, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", RespondentClient.Token(page)))));

    /// <summary>Opens a page and posts a form to it (or to a handler of it); returns the response and its page.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var (_, page) = await GetAsync(pageUrl);
        var response = await PostAsync(postUrl ?? pageUrl, page, fields);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The password step of signing in: a redirect to where the user goes next, or the login page with an error.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> LoginAsync(string email, string password, bool rememberMe = false) =>
        await SubmitAsync("/account/login", [new("Input.Email", email), new("Input.Password", password), new("Input.RememberMe", rememberMe ? "true" : "false")]);

    /// <summary>The code step of signing in, on the page the password step sent the user to.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> CodeAsync(string twoFactorUrl, string code, bool rememberMachine = false) =>
        await SubmitAsync(twoFactorUrl, [new("Input.Code", code), new("Input.RememberMachine", rememberMachine ? "true" : "false")]);

    public static async Task<AccountClient> SignedInAsync(QuickscanApp app, User user, string password = QuickscanApp.TestPassword)
    {
        var client = new AccountClient(app);
        var (response, _) = await client.LoginAsync(user.Email!, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/clients", response.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>Where a GET ends without following redirects: the status, and the redirect target (path and query) if any.</summary>
    public async Task<(HttpStatusCode Status, string? Location)> ProbeAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response.StatusCode, response.Headers.Location is { } location ? PathOf(location) : null);
    }

    /// <summary>A redirect target as path and query, whether the app sent it relative or absolute.</summary>
    public static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

/// <summary>What an authenticator app would show, computed with Otp.NET from the key the app shows.</summary>
public static class Authenticator
{
    public static string Code(string sharedKey, DateTime? at = null) => Totp(sharedKey).ComputeTotp(at ?? DateTime.UtcNow);

    /// <summary>
    /// The code the app will show <paramref name="steps"/> periods of 30 seconds from now. Each code works only
    /// once, so a test that already used the current one (to turn two-factor sign-in on) signs in with a later
    /// one; the app accepts codes up to two periods ahead, for phone clocks that run fast.
    /// </summary>
    public static string Later(string sharedKey, int steps = 1) => Code(sharedKey, DateTime.UtcNow.AddSeconds(30 * steps));

    /// <summary>A six-digit code that is none of the codes the app accepts around now (it allows some clock drift).</summary>
    public static string WrongCode(string sharedKey)
    {
        var totp = Totp(sharedKey);
        var accepted = Enumerable.Range(-4, 9).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        var candidate = 123456;
        while (accepted.Contains(candidate.ToString("D6")))
            candidate++;
        return candidate.ToString("D6");
    }

    private static Totp Totp(string sharedKey) => new(Base32Encoding.ToBytes(sharedKey.Replace(" ", "")));
}
