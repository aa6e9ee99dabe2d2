using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Admin;

public sealed class AuditAndStateTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Admins_see_and_filter_the_audit_trail()
    {
        var consultant = await app.CreateUserAsync(name: "Consultant Auditvoorbeeld");
        var client = await SignedInClient.SignInAsync(app, consultant);
        await client.SubmitAsync("/clients/new", [new("Input.Name", "Geauditeerde Klant")]);
        var organisation = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Name == "Geauditeerde Klant"));
        var scan = await app.CreateScanAsync(organisation: organisation);
        await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Close");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        var (_, all) = await admin.GetAsync("/admin/audit?Filter.User=Auditvoorbeeld");
        var (_, closed) = await admin.GetAsync("/admin/audit?Filter.User=Auditvoorbeeld&Filter.Action=scan.closed");

        var rows = all.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Klant aangemaakt") && r.Contains("Geauditeerde Klant"));
        Assert.Single(closed.QuerySelectorAll("table.audit tbody tr"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/audit?Filter.Page=0")).Response.StatusCode);
        var denied = await client.Http.GetAsync("/admin/audit");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task The_state_of_affairs_covers_closed_scans_and_hides_groups_under_five_organisations()
    {
        var questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();
        for (var i = 0; i < 6; i++)
        {
            var scan = await app.CreateScanAsync(s => s.Title = $"Staat {i}");
            await app.ExecuteAsync(async db =>
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Scans.Any(s => s.Id == scan.Id));
                organisation.Sector = i < 5 ? "education" : "ict";
                await db.SaveChangesAsync();
            });
            var respondent = new RespondentClient(app, scan.ShareToken);
            await respondent.StartAsync();
            foreach (var condition in questionnaire.Conditions)
                await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, seed: i));
            await respondent.SubmitAsync();
            await app.ExecuteAsync(async db =>
            {
                var stored = await db.Scans.SingleAsync(s => s.Id == scan.Id);
                stored.Status = ScanStatus.Closed;
                stored.ClosedAt = DateTimeOffset.UtcNow;
                await db.SaveChangesAsync();
            });
        }

        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (response, page) = await admin.GetAsync("/admin/state");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var education = page.QuerySelectorAll("section.card").Single(s => s.QuerySelector("h3")!.TextContent.Contains("Onderwijs"));
        Assert.Contains("5 organisaties", education.TextContent);
        Assert.Equal(4, education.QuerySelectorAll("tbody tr").Length);
        // A group too small to show is no card of its own, just a name in one muted line; no card sits inside another.
        Assert.DoesNotContain(page.QuerySelectorAll("section.card h3"), h => h.TextContent.Contains("ICT"));
        Assert.Empty(page.QuerySelectorAll("section.card section.card"));
        var hidden = page.QuerySelectorAll("p.state-hidden").Select(p => p.TextContent).ToList();
        Assert.Contains(hidden, line => line.Contains("Te weinig organisaties om apart te tonen") && line.Contains("ICT"));

        var csv = await admin.Http.GetAsync("/admin/state?handler=Csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"Per sector\";\"education\";\"5\"", text);
        Assert.Contains("\"ict\";\"1\";\"Minder dan vijf", text);
    }
}
