using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>
/// A respondent's browser without a browser: an HttpClient with its own cookies that reads pages and
/// posts their forms the way a browser would, anti-forgery token included. Given an existing client (a
/// consultant's, for an interview), it uses that one and its cookies instead.
/// </summary>
public sealed class RespondentClient(QuickscanApp app, string shareToken, string? culture = null, HttpClient? http = null)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http ?? app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress });

    public string ShareToken { get; } = shareToken;

    public string Url(string path = "") => $"/s/{ShareToken}{path}" + (culture is null ? "" : (path.Contains('?') ? "&" : "?") + $"culture={culture}");

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (response, document);
    }

    /// <summary>Follows redirects like a browser, returning the final response and its page.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> FollowAsync(HttpResponseMessage response)
    {
        var hops = 0;
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops++ < 10)
            response = await Http.GetAsync(response.Headers.Location);
        var document = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (response, document);
    }

    public static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no anti-forgery token: " + page.Title);

    /// <summary>Posts fields to a URL, with the anti-forgery token read from the given page.</summary>
    public Task<HttpResponseMessage> PostAsync(string url, IHtmlDocument page, IEnumerable<KeyValuePair<string, string>> fields) =>
        Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", Token(page)))));

    /// <summary>Opens the link and starts; ends on the profile page.</summary>
    public async Task<IHtmlDocument> StartAsync()
    {
        var (_, intro) = await GetAsync(Url());
        var (response, profile) = await FollowAsync(await PostAsync(Url(), intro, []));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return profile;
    }

    public async Task<HttpResponseMessage> SaveProfileAsync(string? roleGroup, string? department = null)
    {
        var (_, page) = await GetAsync(Url("/profile"));
        return await PostAsync(Url("/profile"), page, [new("Input.RoleGroup", roleGroup ?? ""), new("Input.Department", department ?? "")]);
    }

    /// <summary>Answers on a condition's page ("Input.Answers[key]" = value) and moves on.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(string condition, IReadOnlyDictionary<string, string> answers, string move = "next", IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var (_, page) = await GetAsync(Url($"/c/{condition}"));
        var fields = answers.Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value))
            .Append(new("Input.Condition", condition))
            .Append(new("Input.Move", move))
            .Concat(extra ?? []);
        return await PostAsync(Url($"/c/{condition}"), page, fields);
    }

    public async Task<HttpResponseMessage> SubmitAsync()
    {
        var (_, review) = await GetAsync(Url("/review"));
        return await PostAsync(Url("/review"), review, []);
    }
}
