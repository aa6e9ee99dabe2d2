using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.SelfScan;

/// <summary>A clock that stands still until a test moves it, so fill-time rules are tested without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// The app for the self-scan tests: a clock the tests move, the rate limits given, and the client's IP address
/// taken from a test header (the in-memory server has none), so limits per address can be seen.
/// </summary>
public class SelfScanApp : QuickscanApp
{
    public const string AddressHeader = "X-Test-Remote-Address";

    public TestClock Clock { get; } = new();

    protected virtual int ContactRequestsPerHour => 1000;

    protected virtual int SubmissionsPerHour => 1000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SelfScan:ContactRequestsPerHour", ContactRequestsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("SelfScan:SubmissionsPerHour", SubmissionsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
        });
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private sealed class TestRemoteAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var address) && IPAddress.TryParse(address, out var ip))
                    context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Low limits, for the rate-limit tests.</summary>
public sealed class LimitedSelfScanApp : SelfScanApp
{
    public const int Limit = 2;

    protected override int ContactRequestsPerHour => Limit;

    protected override int SubmissionsPerHour => Limit;
}

/// <summary>Fills in and sends the self-scan like a browser.</summary>
public static class SelfScanForms
{
    public static readonly Questionnaire Survey = Domain.DefaultQuestionnaire.SelfScanQuestionnaire.Load();

    /// <summary>Every question answered: agreement with <paramref name="agree"/>, choices with the option at the same height.</summary>
    public static Dictionary<string, string> Answers(int agree) => Survey.Questions.Where(q => q.IsScored()).ToDictionary(
        q => q.Key,
        q => q.Kind == QuestionKind.Agreement
            ? (q.Reversed ? 6 - agree : agree).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : q.Options![Math.Min(q.Options.Count - 1, (agree - 1) * q.Options.Count / 5)].Key);

    public static IEnumerable<KeyValuePair<string, string>> Fields(IHtmlDocument form, IReadOnlyDictionary<string, string> answers, string? sector = null, string? size = null) =>
        answers.Select(a => new KeyValuePair<string, string>($"Input.Answers[{a.Key}]", a.Value))
            .Append(new("Input.VersionId", form.QuerySelector("input[name='Input.VersionId']")!.GetAttribute("value")!))
            .Append(new("Input.Sector", sector ?? ""))
            .Append(new("Input.SizeClass", size ?? ""));

    /// <summary>Opens /zelfscan, posts the answers and returns the response (a redirect to the result when complete).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, IReadOnlyDictionary<string, string> answers, string? sector = null, string? size = null, string? address = null)
    {
        var (_, form) = await Html.GetAsync(client, "/zelfscan");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zelfscan")
        {
            Content = new FormUrlEncodedContent(Fields(form, answers, sector, size).Append(new("__RequestVerificationToken", RespondentClient.Token(form)))),
        };
        if (address is not null)
            request.Headers.Add(SelfScanApp.AddressHeader, address);
        return await client.SendAsync(request);
    }

    /// <summary>The result token from the redirect after a complete self-scan.</summary>
    public static string ResultToken(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = Regex.Match(response.Headers.Location!.OriginalString, "^/zelfscan/result/([A-Za-z0-9_-]{32})$");
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return match.Groups[1].Value;
    }
}

public static class Html
{
    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
}
