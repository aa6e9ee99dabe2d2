using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Quickscan.Web.Data;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>A consultant's or admin's browser without a browser: signs in through the login form, then reads pages and posts forms.</summary>
public sealed class SignedInClient
{
    private static readonly HtmlParser Parser = new();

    private SignedInClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<SignedInClient> SignInAsync(QuickscanApp app, User user, string password = QuickscanApp.TestPassword)
    {
        var client = new SignedInClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress }));
        var (_, login) = await client.GetAsync("/account/login");
        var response = await client.PostAsync("/account/login", login, [new("Input.Email", user.Email!), new("Input.Password", password)]);
        // On a real server (browser tests) the client follows the redirect itself and lands on the next page.
        var landed = response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath != "/account/login";
        if (response.StatusCode != HttpStatusCode.Redirect && !landed)
        {
            var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            Assert.Fail($"Sign-in of {user.Email} failed ({response.StatusCode}): {page.QuerySelector("[role=alert]")?.TextContent.Trim() ?? page.Title}");
        }

        return client;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts fields with the anti-forgery token of the given page.</summary>
    public Task<HttpResponseMessage> PostAsync(string url, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", RespondentClient.Token(page)))));

    /// <summary>Opens a page and posts a form to it (or to a handler of it).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var (_, page) = await GetAsync(pageUrl);
        return await PostAsync(postUrl ?? pageUrl, page, fields);
    }
}
