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

    private static readonly Lazy<Quickscan.Web.Pages.Respond.RespondentSteps> DefaultSteps =
        new(() => Quickscan.Web.Pages.Respond.RespondentSteps.For(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(), null));

    /// <summary>The key of the default questionnaire's step that shows a question ("usage.effort.1" is on step "usage.effort").</summary>
    public static string StepKey(string questionKey) => DefaultSteps.Value.StepOf(questionKey)!.Key;

    /// <summary>The step page that shows a question of the default questionnaire.</summary>
    public string StepUrl(string questionKey) => Url($"/q/{StepKey(questionKey)}");

    /// <summary>
    /// Answers a condition ("Input.Answers[key]" = value) the way a respondent does: step by step from its first
    /// step, each step's answers on its own page, moving "next". Answers that belong to no step of the condition, and
    /// <paramref name="extra"/> fields, go with the first step. Any other <paramref name="move"/> is made from the
    /// condition's last step. Returns the first response that is not a redirect to a further step of the condition.
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAsync(string condition, IReadOnlyDictionary<string, string> answers, string move = "next", IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var start = await Http.GetAsync(Url($"/c/{condition}"));
        if (start.StatusCode != HttpStatusCode.Redirect)
            return start;
        var stepUrl = start.Headers.Location!.OriginalString;
        var foreign = answers.Where(a => !a.Key.StartsWith(condition + ".", StringComparison.Ordinal)).ToList();
        var remaining = answers.Where(a => a.Key.StartsWith(condition + ".", StringComparison.Ordinal)).ToDictionary();
        var first = true;
        while (true)
        {
            var (_, page) = await GetAsync(stepUrl);
            var step = page.QuerySelector("input[name='Input.Step']")?.GetAttribute("value") ?? throw new InvalidOperationException("Not a step page: " + stepUrl);
            var onPage = page.QuerySelectorAll("[name^='Input.Answers[']").Select(e => e.GetAttribute("name")!["Input.Answers[".Length..^1]).ToHashSet();
            var mine = remaining.Where(a => onPage.Contains(a.Key)).ToList();
            foreach (var answer in mine)
                remaining.Remove(answer.Key);
            var fields = mine.Concat(first ? foreign : [])
                .Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value))
                .Append(new("Input.Step", step))
                .Append(new("Input.Move", "next"))
                .Concat(first ? extra ?? [] : [])
                .ToList();
            first = false;
            var response = await PostAsync(stepUrl, page, fields);
            var next = response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.OriginalString : null;
            if (next is not null && new Uri(new Uri("http://x"), next).AbsolutePath.StartsWith($"/s/{ShareToken}/q/{condition}.", StringComparison.Ordinal))
            {
                stepUrl = next;
                continue;
            }

            if (next is null || move == "next")
                return response;
            // The condition's last step: make the asked move from there.
            var (_, last) = await GetAsync(stepUrl);
            return await PostAsync(stepUrl, last, [new("Input.Step", step), new("Input.Move", move)]);
        }
    }

    /// <summary>
    /// Answers every step from <paramref name="stepUrl"/> on, as shown: for each question on a page <paramref name="choose"/>
    /// gets its key and the values offered (null leaves it unanswered). Ends when a post leads off the steps (the
    /// review); returns the question keys met on the way, in order.
    /// </summary>
    public async Task<IReadOnlyList<string>> AnswerEveryStepAsync(string stepUrl, Func<string, IReadOnlyList<string>, string?> choose)
    {
        var seen = new List<string>();
        for (var guard = 0; guard < 200; guard++)
        {
            var (response, page) = await GetAsync(stepUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var step = page.QuerySelector("input[name='Input.Step']")?.GetAttribute("value") ?? throw new InvalidOperationException("Not a step page: " + stepUrl);
            var fields = new List<KeyValuePair<string, string>> { new("Input.Step", step), new("Input.Move", "next") };
            foreach (var question in page.QuerySelectorAll("[name^='Input.Answers[']").GroupBy(e => e.GetAttribute("name")!))
            {
                var key = question.Key["Input.Answers[".Length..^1];
                seen.Add(key);
                var values = question.Where(e => e.GetAttribute("type") == "radio").Select(e => e.GetAttribute("value")!).ToList();
                if (choose(key, values) is { } value)
                    fields.Add(new(question.Key, value));
            }

            var posted = await PostAsync(stepUrl, page, fields);
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                var problem = (await Parser.ParseDocumentAsync(await posted.Content.ReadAsStringAsync())).QuerySelector("[role=alert], .field-error")?.TextContent.Trim();
                Assert.Fail($"{step}: {(int)posted.StatusCode} {problem} ({string.Join(", ", fields.Select(f => f.Key + "=" + f.Value))})");
            }
            var next = posted.Headers.Location!.OriginalString;
            if (!new Uri(new Uri("http://x"), next).AbsolutePath.StartsWith($"/s/{ShareToken}/q/", StringComparison.Ordinal))
                return seen;
            stepUrl = next;
        }

        throw new InvalidOperationException("More than 200 steps.");
    }

    /// <summary>
    /// Submits from the review page. A submission with fewer than a quarter of its questions answered is only
    /// sent with <paramref name="confirmUncounted"/> (it is then kept but counted in no figure).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(bool confirmUncounted = false)
    {
        var (_, review) = await GetAsync(Url("/review"));
        return await PostAsync(Url("/review"), review, confirmUncounted ? [new("ConfirmUncounted", "true")] : []);
    }
}
