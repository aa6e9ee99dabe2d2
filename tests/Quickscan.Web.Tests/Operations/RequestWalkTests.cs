using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Admin.Questionnaires;
using Quickscan.Web.Tests.Infrastructure;
using Serilog.Events;

namespace Quickscan.Web.Tests.Operations;

/// <summary>
/// Every route the app maps, with every HTTP method, with real and hostile route values and query strings,
/// anonymously, as a respondent, as a consultant and as an admin; then every form of every page posted with
/// hostile values and a valid anti-forgery token. Not one response may be a 5xx, and nothing may be
/// logged as an error. The routes come from the app itself, so a new page is walked without changing this test.
/// </summary>
public sealed class RequestWalkTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "HEAD", "OPTIONS"];

    private static readonly HtmlParser Parser = new();

    /// <summary>Values no form sends: control characters, a NUL, a huge string, markup, a bad number, a malformed token.</summary>
    private static readonly string[] Hostile =
    [
        "a\u0000b",
        "x\u0001\u0007\u001by",
        new string('x', 20_000),
        "<script>alert(1)</script>",
        "-1",
        "9999-12-31T23:59",
        "2026-03-29T02:30",
        Guid.NewGuid().ToString(),
        "%00%ZZ/../..",
    ];

    private sealed record Context(Dictionary<string, string> Values, List<string> Failures);

    [Fact]
    public async Task No_route_method_or_hostile_value_gives_a_server_error()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var consultant = await app.CreateUserAsync(Roles.Consultant);
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => s.ReportToken = Web.Infrastructure.Tokens.New(), client);
        Guid draftId;
        await using (var scope = app.Services.CreateAsyncScope())
            draftId = (await scope.ServiceProvider.GetRequiredService<DraftEditor>().CreateAsync(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Definition, null)).Id;
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, later) = await respondent.GetAsync(respondent.Url("/later"));
        var resumeToken = new Uri(later.QuerySelector("#resume-link")!.GetAttribute("href")!).Segments[^1];
        var question = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Definition.Conditions[0].Factors[0];
        // A self-scan with its result link, and a lead from it, so their pages and forms are walked with real values too.
        var selfScanToken = SelfScan.SelfScanForms.ResultToken(await SelfScan.SelfScanForms.SendAsync(NewClient(), SelfScan.SelfScanForms.Answers(agree: 3)));
        var lead = await app.QueryAsync(async db =>
        {
            var lead = new Lead
            {
                Name = "Walk Prospect", OrganisationName = "Walk Organisatie", Email = "walk@example.test", ConsentText = "ok",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                SelfScanResponseId = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.SelfScanResponses.Select(r => r.Id)),
            };
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead;
        });

        var valid = new Dictionary<string, string>
        {
            ["/scans/{id}"] = scan.Id.ToString(),
            ["/clients/{id}"] = client.Id.ToString(),
            ["/admin/users/{id}"] = consultant.Id.ToString(),
            ["/admin/questionnaires/drafts/{id}"] = draftId.ToString(),
            ["token"] = scan.ShareToken,
            ["/r/{token}"] = scan.ReportToken!,
            ["/zelfscan/result/{token}"] = selfScanToken,
            ["/leads/{id}"] = lead.Id.ToString(),
            ["resumeToken"] = resumeToken,
            ["condition"] = "usage",
            ["/factors/{key}"] = question.Key,
            ["/questions/{key}"] = question.Questions[0].Key,
            ["/conditions/{key}"] = "usage",
            ["code"] = "404",
            ["handler"] = "csv",
        };

        var templates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern)
            .Where(p => !p.RawText!.StartsWith("/test/", StringComparison.Ordinal))
            .DistinctBy(p => p.RawText)
            .ToList();
        Assert.True(templates.Count > 30, $"only {templates.Count} routes found");

        var failures = new List<string>();
        var errorsBefore = app.Logs.Events.Count(e => e.Level >= LogEventLevel.Error);
        var anonymous = NewClient();
        var consultantClient = (await SignedInClient.SignInAsync(app, consultant)).Http;
        var adminClient = (await SignedInClient.SignInAsync(app, admin)).Http;
        var who = new (string Name, HttpClient Http)[] { ("anonymous", anonymous), ("respondent", respondent.Http), ("consultant", consultantClient), ("admin", adminClient) };
        var requests = 0;

        foreach (var pattern in templates)
        {
            var urls = new List<string> { Fill(pattern, valid, hostile: null) };
            // A NUL in a path never reaches the app (Kestrel refuses the request line; the test server throws).
            urls.AddRange(Hostile.Where(h => !h.Contains('\0')).Take(5).Select(h => Fill(pattern, valid, h)));
            foreach (var (name, http) in who)
            {
                foreach (var method in Methods)
                {
                    await SendAsync(http, method, urls[0], name);
                    await SendAsync(http, method, urls[0] + "?handler=" + Uri.EscapeDataString(Hostile[0]), name);
                }

                // Hostile values with the methods pages handle, and as the query string of every filter.
                foreach (var url in urls.Skip(1).Distinct())
                {
                    await SendAsync(http, "GET", url, name);
                    await SendAsync(http, "POST", url, name);
                }

                foreach (var value in Hostile.Take(4))
                    await SendAsync(http, "GET", $"{urls[0]}?Filter.User={Uri.EscapeDataString(value)}&Filter.To={Uri.EscapeDataString(value)}&returnUrl={Uri.EscapeDataString(value)}&since={Uri.EscapeDataString(value)}&culture={Uri.EscapeDataString(value)}", name);
            }
        }

        // Every form of every page, posted with each hostile value in every field (and its anti-forgery token).
        // The sign-out form is left to last, so the walk stays signed in.
        foreach (var (name, http) in who.Skip(1))
        {
            foreach (var pattern in templates.Where(p => p.Parameters.All(x => x.Name != "handler")))
            {
                var url = Fill(pattern, valid, hostile: null);
                var response = await http.GetAsync(url);
                requests++;
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{name} GET {url} → {(int)response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                    continue;
                var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                foreach (var form in page.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>())
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (action.StartsWith("/account/logout", StringComparison.Ordinal))
                        continue;
                    var fields = form.QuerySelectorAll("input, textarea, select, button")
                        .Select(e => (Name: e.GetAttribute("name"), Value: e.GetAttribute("value") ?? ""))
                        .Where(f => !string.IsNullOrEmpty(f.Name))
                        .ToList();
                    foreach (var value in Hostile)
                    {
                        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name!, f.Name == "__RequestVerificationToken" ? f.Value : value));
                        var posted = await http.PostAsync(action, new FormUrlEncodedContent(body));
                        requests++;
                        if ((int)posted.StatusCode >= 500)
                            failures.Add($"{name} POST {action} form [{string.Join(',', fields.Select(f => f.Name))}] with {Show(value)} → {(int)posted.StatusCode}");
                    }
                }
            }
        }

        var errors = app.Logs.Events.Where(e => e.Level >= LogEventLevel.Error).Skip(errorsBefore)
            .Select(e => $"{e.RenderMessage()} {e.Exception?.GetType().Name}: {e.Exception?.Message}").Distinct().Take(20).ToList();
        Assert.True(failures.Count == 0 && errors.Count == 0,
            $"{failures.Count} server errors in {requests} requests:\n{string.Join('\n', failures.Take(60))}\nErrors logged:\n{string.Join('\n', errors)}");
        Assert.True(requests > 3000, $"only {requests} requests were made");

        async Task SendAsync(HttpClient http, string method, string url, string name)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                request.Content = new FormUrlEncodedContent([new("Input.Name", Hostile[1]), new("x", Hostile[2])]);
            using var response = await http.SendAsync(request);
            requests++;
            if ((int)response.StatusCode >= 500)
                failures.Add($"{name} {method} {url} → {(int)response.StatusCode}");
        }
    }

    private HttpClient NewClient() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The URL of a route: real values for its parameters, or the hostile value for every one of them.</summary>
    private static string Fill(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, Dictionary<string, string> valid, string? hostile)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal:
                        url.Append(literal.Content);
                        break;
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter:
                        var before = url.ToString();
                        var value = hostile
                            ?? valid.Where(v => v.Key.StartsWith('/') && before.EndsWith(v.Key[..v.Key.IndexOf('{')], StringComparison.Ordinal) && v.Key.EndsWith($"{{{parameter.Name}}}", StringComparison.Ordinal)).Select(v => v.Value).FirstOrDefault()
                            ?? valid.GetValueOrDefault(parameter.Name)
                            ?? "x";
                        url.Append(Uri.EscapeDataString(value));
                        break;
                }
            }
        }

        return url.Length == 0 ? "/" : url.ToString();
    }

    private static string Show(string value) => value.Length > 40 ? $"{value.Length} characters" : value.Replace("\u0000", "\\0", StringComparison.Ordinal);
}
