using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Quickscan.LoadTests;

/// <summary>
/// One respondent's browser: its own connection and cookie jar, no automatic redirects. Reads the
/// anti-forgery token from a page's form with a regular expression and posts forms with it.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _baseUrl;

    public Browser(Uri baseUrl, string shareToken, TimeSpan requestTimeout, string? client = null)
    {
        _baseUrl = baseUrl;
        ShareToken = shareToken;
        Http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = _cookies,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseUrl,
            Timeout = requestTimeout,
        };
        if (client is not null)
            Http.DefaultRequestHeaders.Add("X-Load-Client", client);
    }

    public HttpClient Http { get; }

    public string ShareToken { get; }

    /// <summary>The anti-forgery token of the last page read that had a form.</summary>
    public string? FormToken { get; private set; }

    public string Url(string path = "") => $"/s/{ShareToken}{path}";

    /// <summary>The respondent's resume token (cookie qs_resume), once started.</summary>
    public string? ResumeToken => _cookies.GetCookies(new Uri(_baseUrl, Url("/"))).FirstOrDefault(c => c.Name == "qs_resume")?.Value;

    /// <summary>What the app stores of the resume token: its SHA-256 in lower-case hex.</summary>
    public string? ResumeTokenHash => ResumeToken is { } token ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))) : null;

    /// <summary>GETs a page; expects 200 and remembers its form's anti-forgery token.</summary>
    public async Task<string> GetPageAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new UnexpectedResponseException($"GET {Mask(url)}", response.StatusCode);
        FormToken = AntiforgeryToken(html);
        return html;
    }

    /// <summary>POSTs a form with the remembered anti-forgery token; returns the response (caller disposes).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var token = FormToken ?? throw new InvalidOperationException("No page with an anti-forgery token was read before posting to " + Mask(url));
        return Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))), cancellationToken);
    }

    /// <summary>POSTs a form and expects a redirect whose path ends with the given suffix.</summary>
    public async Task PostExpectingRedirectAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string locationEndsWith, CancellationToken cancellationToken)
    {
        using var response = await PostFormAsync(url, fields, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var location = response.Headers.Location?.OriginalString ?? "";
        var path = location.Split('?', '#')[0];
        if (response.StatusCode != HttpStatusCode.Redirect || !path.EndsWith(locationEndsWith, StringComparison.Ordinal))
            throw new UnexpectedResponseException($"POST {Mask(url)} (expected a redirect to …{locationEndsWith}, got '{Mask(location)}')", response.StatusCode);
    }

    public static string? AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } input && InputValue().Match(input.Value) is { Success: true } value
            ? WebUtility.HtmlDecode(value.Groups[1].Value)
            : null;

    /// <summary>Token-shaped path segments never reach the output, as in the app's own logs.</summary>
    public static string Mask(string url) => TokenSegment().Replace(url, "/***");

    [GeneratedRegex("""<input\b[^>]*\bname="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"\bvalue=""([^""]*)""")]
    private static partial Regex InputValue();

    [GeneratedRegex("/[A-Za-z0-9_-]{32}(?=/|$|\\?)")]
    private static partial Regex TokenSegment();

    public void Dispose() => Http.Dispose();
}

public sealed class UnexpectedResponseException(string what, HttpStatusCode status)
    : Exception($"{what}: HTTP {(int)status}")
{
    public HttpStatusCode Status { get; } = status;
}
