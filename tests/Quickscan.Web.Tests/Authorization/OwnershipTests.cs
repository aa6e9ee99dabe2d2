using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;
using Xunit.Abstractions;

namespace Quickscan.Web.Tests.Authorization;

/// <summary>
/// A consultant sees and changes only their own clients and scans. This walks every consultant page of the
/// app (found from its routes, so new pages are covered without editing this test), and every GET and POST
/// handler of each, with another consultant's ids, and expects 404 or 403 everywhere and nothing changed.
/// </summary>
public sealed class OwnershipTests(QuickscanApp app, ITestOutputHelper output) : IClassFixture<QuickscanApp>
{
    private static readonly string[] ConsultantAreas = ["/Clients", "/Scans"];

    /// <summary>Each consultant page with its route template and its handlers (GET and POST, by name; "" is the default).</summary>
    private IEnumerable<(string Page, string Template, IReadOnlyList<(string Verb, string Handler)> Handlers)> ConsultantPages()
    {
        var descriptors = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()
            .Where(d => ConsultantAreas.Any(a => d.ViewEnginePath.StartsWith(a + "/", StringComparison.Ordinal)));
        var assembly = typeof(Program).Assembly;
        foreach (var descriptor in descriptors)
        {
            var typeName = "Quickscan.Web.Pages" + descriptor.ViewEnginePath.Replace('/', '.') + "Model";
            var model = assembly.GetType(typeName) ?? throw new InvalidOperationException($"No page model {typeName} for {descriptor.ViewEnginePath}.");
            var handlers = model.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Select(m => m.Name)
                .Where(n => n.StartsWith("OnGet", StringComparison.Ordinal) || n.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(n => n.EndsWith("Async", StringComparison.Ordinal) ? n[..^5] : n)
                .Select(n => n.StartsWith("OnGet", StringComparison.Ordinal) ? ("GET", n[5..]) : ("POST", n[6..]))
                .Distinct()
                .ToList();
            yield return (descriptor.ViewEnginePath, descriptor.AttributeRouteInfo!.Template!, handlers);
        }
    }

    [Fact]
    public async Task Another_consultant_gets_404_or_403_on_every_consultant_url_and_changes_nothing()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(owner, "Vertrouwelijke Klant");
        var scan = await app.CreateScanAsync(s => { s.Title = "Vertrouwelijke Scan"; s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(); }, organisation);
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        foreach (var condition in Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Conditions)
            await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition));
        await respondent.SubmitAsync();
        var intruder = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var (_, ownPage) = await intruder.GetAsync("/clients");
        var token = RespondentClient.Token(ownPage);
        var auditBefore = await app.QueryAsync(db => db.AuditEntries.CountAsync());

        var checkedUrls = new List<string>();
        foreach (var (page, template, handlers) in ConsultantPages())
        {
            if (!template.Contains('{'))
                continue; // pages without an id (the dashboard, new client) show only the user's own data
            var path = "/" + template.TrimStart('/')
                .Replace("{id:guid}", page.StartsWith("/Clients", StringComparison.Ordinal) ? organisation.Id.ToString() : scan.Id.ToString())
                .Replace("{organisationId:guid}", organisation.Id.ToString())
                .Replace("/{handler?}", ""); // the handler then comes from ?handler= (the exports name it in the path)
            foreach (var (verb, handler) in handlers)
            {
                var url = handler.Length == 0 ? path : $"{path}?handler={handler}";
                var response = verb == "GET"
                    ? await intruder.Http.GetAsync(url)
                    : await intruder.Http.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                output.WriteLine($"{verb} {url} → {(int)response.StatusCode}");
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{verb} {url} gave {(int)response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Vertrouwelijke", body);
                checkedUrls.Add($"{verb} {url}");
            }
        }

        // The walk really covered the consultant's scan pages and their handlers.
        Assert.Contains(checkedUrls, u => u == $"GET /scans/{scan.Id}");
        Assert.Contains(checkedUrls, u => u == $"POST /scans/{scan.Id}?handler=Close");
        Assert.Contains(checkedUrls, u => u.StartsWith($"POST /clients/{organisation.Id}/delete", StringComparison.Ordinal));
        Assert.Contains(checkedUrls, u => u == $"GET /scans/{scan.Id}/export?handler=Pdf");
        Assert.True(checkedUrls.Count >= 15, string.Join(Environment.NewLine, checkedUrls));

        var stored = await app.QueryAsync(db => db.Scans.Include(s => s.Organisation).SingleAsync(s => s.Id == scan.Id));
        Assert.Equal(("Vertrouwelijke Scan", ScanStatus.Open, scan.ShareToken, scan.ReportToken), (stored.Title, stored.Status, stored.ShareToken, stored.ReportToken));
        Assert.Equal(owner.Id, stored.Organisation.OwnerId);
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scan.Id)));
        Assert.Equal(auditBefore, await app.QueryAsync(db => db.AuditEntries.CountAsync()));
    }
}
