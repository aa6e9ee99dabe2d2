using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Leads;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.SelfScan;
using static Quickscan.Web.Tests.SelfScan.SelfScanForms;

namespace Quickscan.Web.Tests.Leads;

/// <summary>Sends a self-scan and a contact request through the public pages, as a prospect does.</summary>
public static class Prospects
{
    public static async Task<Lead> RequestAsync(SelfScanApp app, string organisation = "Gemeente Voorbeeld")
    {
        var client = app.Browser();
        var token = ResultToken(await SendAsync(client, Answers(agree: 2), sector: "government"));
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var fields = ContactTests.Good();
        fields["Input.Organisation"] = organisation;
        fields["Input.Started"] = form.QuerySelector("input[name='Input.Started']")!.GetAttribute("value")!;
        fields["__RequestVerificationToken"] = RespondentClient.Token(form);
        var response = await client.PostAsync($"/zelfscan/result/{token}/contact", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.QueryAsync(db => db.Leads.Where(l => l.OrganisationName == organisation).OrderByDescending(l => l.CreatedAt).FirstAsync());
    }
}

/// <summary>The firm's side: the lead list, assignment, status, conversion into a client and deletion, each audited.</summary>
public sealed class LeadTests(SelfScanApp app) : IClassFixture<SelfScanApp>
{
    private static KeyValuePair<string, string> Field(string name, object value) => new(name, value.ToString()!);

    private async Task<HttpResponseMessage> PostAsync(SignedInClient client, Lead lead, string handler, params KeyValuePair<string, string>[] fields)
    {
        var (_, page) = await client.GetAsync($"/leads/{lead.Id}");
        return await client.PostAsync($"/leads/{lead.Id}?handler={handler}", page, fields.Append(Field("Input.Version", lead.Version)));
    }

    private Task<Lead> ReloadAsync(Guid id) => app.QueryAsync(db => db.Leads.SingleAsync(l => l.Id == id));

    private Task<List<AuditEntry>> AuditAsync(Guid id) => app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "lead" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_new_lead_is_listed_for_consultants_and_admins_with_its_self_scan_and_an_assignment_moves_it_to_one_consultant()
    {
        var lead = await Prospects.RequestAsync(app, "Waterschap Eén");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var first = await app.CreateUserAsync(Roles.Consultant, "Consultant Eerste");
        var second = await app.CreateUserAsync(Roles.Consultant, "Consultant Tweede");
        var firstClient = await SignedInClient.SignInAsync(app, first);
        var secondClient = await SignedInClient.SignInAsync(app, second);

        foreach (var client in new[] { admin, firstClient, secondClient })
        {
            var (response, list) = await client.GetAsync("/leads");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Waterschap Eén", list.QuerySelector($"#leads tr[data-lead='{lead.Id}']")!.TextContent);
        }

        var (_, details) = await admin.GetAsync($"/leads/{lead.Id}");
        Assert.Contains("anna@voorbeeld.nl", details.QuerySelector("#lead-facts")!.TextContent);
        Assert.Equal(4, details.QuerySelectorAll("#lead-levels tbody tr").Length);
        Assert.Equal(Survey.ScoredQuestionCount, details.QuerySelectorAll(".answers li").Length);

        var assigned = await PostAsync(admin, lead, "Assign", Field("Input.ConsultantId", second.Id));

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var stored = await ReloadAsync(lead.Id);
        Assert.Equal(second.Id, stored.AssignedToId);
        Assert.NotNull(stored.AssignedAt);
        var audit = Assert.Single(await AuditAsync(lead.Id), a => a.Action == "lead.assigned");
        Assert.Equal("Consultant Tweede", audit.After);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync($"/leads/{lead.Id}")).Response.StatusCode);
        // Assigned to someone else: the first consultant no longer sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await firstClient.GetAsync($"/leads/{lead.Id}")).Response.StatusCode);
        Assert.Null((await firstClient.GetAsync("/leads")).Document.QuerySelector($"tr[data-lead='{lead.Id}']"));
    }

    [Fact]
    public async Task Only_the_assignee_or_an_admin_sets_the_status_and_a_stale_form_changes_nothing()
    {
        var lead = await Prospects.RequestAsync(app, "Hogeschool Twee");
        var assignee = await app.CreateUserAsync(Roles.Consultant);
        var other = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Consultant));
        var assigneeClient = await SignedInClient.SignInAsync(app, assignee);

        // Unassigned: a consultant may pick it up (assign it to themselves) but not set its status.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(other, lead, "Status", Field("Input.Status", "Contacted"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(assigneeClient, lead, "Assign", Field("Input.ConsultantId", assignee.Id))).StatusCode);
        lead = await ReloadAsync(lead.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(other, lead, "Status", Field("Input.Status", "Contacted"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(assigneeClient, lead, "Status", Field("Input.Status", "Converted"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(assigneeClient, lead, "Status", Field("Input.Status", "Bogus"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(assigneeClient, lead, "Status", Field("Input.Status", "Contacted"))).StatusCode);
        Assert.Equal(LeadStatus.Contacted, (await ReloadAsync(lead.Id)).Status);

        // The form still carries the version from before the change: it is told, not applied.
        var (_, page) = await assigneeClient.GetAsync($"/leads/{lead.Id}");
        var stale = await assigneeClient.PostAsync($"/leads/{lead.Id}?handler=Status", page, [Field("Input.Status", "Closed"), Field("Input.Version", lead.Version)]);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("Done=conflict", stale.Headers.Location!.OriginalString);
        Assert.Equal(LeadStatus.Contacted, (await ReloadAsync(lead.Id)).Status);
        Assert.Equal(["lead.created", "lead.assigned", "lead.status"], (await AuditAsync(lead.Id)).Select(a => a.Action));
    }

    [Fact]
    public async Task The_audit_trail_shows_lead_steps_in_words_in_both_languages_with_links_to_the_lead_and_the_client_it_became()
    {
        var lead = await Prospects.RequestAsync(app, "Veiligheidsregio Auditspoor");
        var assignee = await app.CreateUserAsync(Roles.Consultant, "Consultant Auditspoor");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, lead, "Assign", Field("Input.ConsultantId", assignee.Id))).StatusCode);
        lead = await ReloadAsync(lead.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(await SignedInClient.SignInAsync(app, assignee), lead, "Convert")).StatusCode);
        var clientId = (await ReloadAsync(lead.Id)).OrganisationId;

        var (_, trail) = await admin.GetAsync("/admin/audit?Filter.Entity=lead");

        var rows = trail.QuerySelectorAll("table.audit tbody tr").Where(r => r.QuerySelector($"a[href='/leads/{lead.Id}']") is not null).ToList();
        var assigned = Assert.Single(rows, r => r.Children[2].TextContent.Trim() == "Aanvraag toegewezen");
        Assert.Contains("Aanvraag", assigned.Children[3].TextContent);
        // The change says who has it now, by name: no English phrase, no id.
        Assert.Contains("Consultant Auditspoor", assigned.Children[4].TextContent);
        Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}-", string.Concat(rows.Select(r => r.Children[4].TextContent)));
        Assert.DoesNotContain("assigned to", trail.QuerySelector("table.audit")!.TextContent);
        var converted = Assert.Single(rows, r => r.Children[2].TextContent.Trim() == "Aanvraag omgezet in een klant met een scan");
        Assert.NotNull(converted.QuerySelector($"a[href='/clients/{clientId}/edit']"));
        Assert.Contains(rows, r => r.Children[2].TextContent.Trim() == "Aanvraag binnengekomen via de zelfscan");
        Assert.DoesNotContain("lead.", trail.QuerySelector("table.audit")!.TextContent);

        await admin.Http.GetAsync("/language/en?returnUrl=/admin/audit");
        var (_, english) = await admin.GetAsync("/admin/audit?Filter.Entity=lead");
        var englishRow = english.QuerySelectorAll("table.audit tbody tr").First(r => r.QuerySelector($"a[href='/leads/{lead.Id}']") is not null && r.Children[2].TextContent.Trim() == "Lead assigned");
        Assert.Contains("Lead", englishRow.Children[3].TextContent);
        Assert.Contains(english.QuerySelectorAll("#action option"), o => o.GetAttribute("value") == "lead.assigned" && o.TextContent == "Lead assigned");
    }

    [Fact]
    public async Task Converting_a_lead_creates_the_assignees_client_with_a_first_draft_scan_prefilled_from_the_request()
    {
        var lead = await Prospects.RequestAsync(app, "Zorggroep Drie");
        var assignee = await app.CreateUserAsync(Roles.Consultant);
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, lead, "Assign", Field("Input.ConsultantId", assignee.Id))).StatusCode);
        lead = await ReloadAsync(lead.Id);
        var assigneeClient = await SignedInClient.SignInAsync(app, assignee);

        var response = await PostAsync(assigneeClient, lead, "Convert");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var converted = await ReloadAsync(lead.Id);
        Assert.Equal(LeadStatus.Converted, converted.Status);
        var client = await app.QueryAsync(db => db.Organisations.Include(o => o.Scans).ThenInclude(s => s.QuestionnaireVersion).SingleAsync(o => o.Id == converted.OrganisationId));
        Assert.Equal(("Zorggroep Drie", "government", "1000-4999", assignee.Id), (client.Name, client.Sector, client.SizeClass, client.OwnerId));
        var scan = Assert.Single(client.Scans);
        Assert.Equal(ScanStatus.Draft, scan.Status);
        Assert.Equal(QuestionnaireKind.Quickscan, scan.QuestionnaireVersion.Kind);
        Assert.EndsWith($"/scans/{scan.Id}", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await assigneeClient.GetAsync($"/scans/{scan.Id}")).Response.StatusCode);
        Assert.Contains("lead.converted", (await AuditAsync(lead.Id)).Select(a => a.Action));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "client.created" && a.EntityId == client.Id.ToString())));

        // Converted once: a second conversion is refused and creates nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(assigneeClient, converted, "Convert")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Organisations.CountAsync(o => o.Name == "Zorggroep Drie")));
    }

    [Fact]
    public async Task A_lead_deleted_on_request_is_gone_with_its_personal_data_while_the_self_scan_stays_anonymous()
    {
        var lead = await Prospects.RequestAsync(app, "Stichting Vier");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(admin, lead, "Delete")).StatusCode);
        Assert.NotNull(await app.QueryAsync(db => db.Leads.SingleOrDefaultAsync(l => l.Id == lead.Id)));

        var response = await PostAsync(admin, lead, "Delete", Field("Input.Confirm", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.Leads.SingleOrDefaultAsync(l => l.Id == lead.Id)));
        Assert.True(await app.QueryAsync(db => db.SelfScanResponses.AnyAsync(r => r.Id == lead.SelfScanResponseId)));
        var audit = await AuditAsync(lead.Id);
        Assert.Equal(["lead.created", "lead.deleted"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.DoesNotContain("Stichting Vier", $"{a.Summary}{a.Before}{a.After}"));
        Assert.All(audit, a => Assert.DoesNotContain("anna", $"{a.Summary}{a.Before}{a.After}", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/leads/{lead.Id}")).Response.StatusCode);
    }

    [Fact]
    public async Task Respondents_and_visitors_never_reach_the_leads()
    {
        var anonymous = app.Browser();
        var response = await anonymous.GetAsync("/leads");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        var (bad, _) = await (await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Consultant))).GetAsync("/leads?status=Nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

/// <summary>Retention on an app of its own: the clock jumps a year.</summary>
public sealed class LeadRetentionTests(SelfScanApp app) : IClassFixture<SelfScanApp>
{
    [Fact]
    public async Task Leads_untouched_for_the_retention_period_are_deleted_and_newer_ones_kept()
    {
        var old = await Prospects.RequestAsync(app, "Oud BV");
        app.Clock.Advance(TimeSpan.FromDays(200));
        var recent = await Prospects.RequestAsync(app, "Nieuw BV");
        app.Clock.Advance(TimeSpan.FromDays(166));

        await using var scope = app.Services.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<LeadWorkflow>().PurgeAsync(TimeSpan.FromDays(365));

        Assert.Equal(1, deleted);
        var left = await app.QueryAsync(db => db.Leads.Select(l => l.Id).ToListAsync());
        Assert.DoesNotContain(old.Id, left);
        Assert.Contains(recent.Id, left);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "lead.deleted" && a.EntityId == old.Id.ToString()));
        Assert.Equal(LeadWorkflow.SystemActor, entry.UserName);
        Assert.Contains("retention", entry.Summary);
    }
}
