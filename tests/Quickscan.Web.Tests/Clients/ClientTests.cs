using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Clients;

public sealed class ClientTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task The_dashboard_shows_a_consultants_own_clients_with_their_scans_and_nobody_elses()
    {
        var me = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var mine = await app.CreateClientAsync(me, "Gemeente Voorbeeld");
        await app.CreateClientAsync(other, "Andermans Klant");
        await app.CreateScanAsync(s => s.Title = "Nulmeting 2026", mine);
        var client = await SignedInClient.SignInAsync(app, me);

        var (response, page) = await client.GetAsync("/clients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.Body!.TextContent;
        Assert.Contains("Gemeente Voorbeeld", text);
        Assert.Contains("Nulmeting 2026", text);
        Assert.Contains("Open", text);
        Assert.DoesNotContain("Andermans Klant", text);
    }

    [Fact]
    public async Task The_dashboard_shows_twenty_clients_a_page_in_name_order_and_finds_one_by_part_of_its_name()
    {
        var me = await app.CreateUserAsync();
        var names = Enumerable.Range(1, 45).Select(i => $"Gemeente {i:D2}").ToList();
        foreach (var name in names.AsEnumerable().Reverse())
            await app.CreateClientAsync(me, name);
        var client = await SignedInClient.SignInAsync(app, me);

        static List<string> Shown(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll(".card-head h2").Select(h => h.TextContent).ToList();

        var (_, first) = await client.GetAsync("/clients");
        Assert.Equal(names[..20], Shown(first));
        Assert.Equal("Klanten 1–20 van 45", first.QuerySelector("#client-range")!.TextContent);
        Assert.Equal("?Filter.Page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));

        var (_, last) = await client.GetAsync("/clients?Filter.Page=3");
        Assert.Equal(names[40..], Shown(last));
        Assert.Null(last.QuerySelector("a[rel=next]"));

        // A page past the end (clients deleted meanwhile) shows the last one.
        var (past, pastPage) = await client.GetAsync("/clients?Filter.Page=9");
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Equal(names[40..], Shown(pastPage));

        var (_, found) = await client.GetAsync("/clients?Filter.Search=" + Uri.EscapeDataString("MEENTE 3"));
        Assert.Equal(names.Where(n => n.StartsWith("Gemeente 3", StringComparison.Ordinal)).ToList(), Shown(found));
        var (_, none) = await client.GetAsync("/clients?Filter.Search=Provincie");
        Assert.Empty(Shown(none));
        Assert.Contains("Geen klanten gevonden met ‘Provincie’ in de naam.", none.Body!.TextContent);
    }

    [Theory]
    [InlineData("Filter.Page=0")]
    [InlineData("Filter.Page=-1")]
    [InlineData("Filter.Page=abc")]
    [InlineData("Filter.Search=a%00b")]
    [InlineData("Filter.Search=a%0Ab")]
    public async Task A_bad_page_or_search_gets_a_clear_400(string query)
    {
        var client = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());

        var (response, page) = await client.GetAsync("/clients?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("nl", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task An_admin_sees_every_client()
    {
        var consultant = await app.CreateUserAsync();
        await app.CreateClientAsync(consultant, "Klant Van Iemand");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        var (_, page) = await admin.GetAsync("/clients");

        Assert.Contains("Klant Van Iemand", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_consultant_creates_and_edits_a_client_and_it_is_audited()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);

        var created = await client.SubmitAsync("/clients/new", [new("Input.Name", "Waterschap Noord"), new("Input.Sector", "government"), new("Input.SizeClass", "250-999")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Name == "Waterschap Noord"));
        Assert.Equal(me.Id, stored.OwnerId);
        Assert.Equal("government", stored.Sector);

        var (_, form) = await client.GetAsync($"/clients/{stored.Id}/edit");
        var edited = await client.PostAsync($"/clients/{stored.Id}/edit", form,
            [new("Input.Name", "Waterschap Noord-Holland"), new("Input.Sector", "government"), new("Input.SizeClass", ""), Version(form)]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var changed = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == stored.Id));
        Assert.Equal("Waterschap Noord-Holland", changed.Name);
        Assert.Null(changed.SizeClass);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == stored.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["client.created", "client.changed"], audit);
    }

    private static KeyValuePair<string, string> Version(AngleSharp.Html.Dom.IHtmlDocument form) =>
        new("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!);

    [Fact]
    public async Task A_double_click_on_saving_a_new_client_makes_one_client()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var (_, form) = await client.GetAsync("/clients/new");
        var newId = form.QuerySelector("input[name='Input.NewId']")!.GetAttribute("value")!;

        // The same form sent six times at once, as a double-click or an impatient tap does.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsync("/clients/new", form, [new("Input.Name", "Eenmalige Klant"), new("Input.Sector", "care"), new("Input.NewId", newId)])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var made = await app.QueryAsync(db => db.Organisations.Where(o => o.OwnerId == me.Id).ToListAsync());
        Assert.Equal(Guid.Parse(newId), Assert.Single(made).Id);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "client.created" && a.EntityId == newId)));
    }

    [Fact]
    public async Task A_new_client_form_posted_with_the_id_of_someone_elses_client_changes_nothing()
    {
        var me = await app.CreateUserAsync();
        var theirs = await app.CreateClientAsync(await app.CreateUserAsync(), "Andermans Klant");
        var client = await SignedInClient.SignInAsync(app, me);

        var response = await client.SubmitAsync("/clients/new", [new("Input.Name", "Overname"), new("Input.NewId", theirs.Id.ToString())]);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect, response.StatusCode.ToString());
        var stored = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == theirs.Id));
        Assert.Equal(("Andermans Klant", theirs.OwnerId), (stored.Name, stored.OwnerId));
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.OwnerId == me.Id)));
    }

    [Fact]
    public async Task Two_people_editing_the_same_client_the_second_is_told_and_nothing_is_overwritten()
    {
        var me = await app.CreateUserAsync();
        var stored = await app.CreateClientAsync(me, "Origineel");
        var first = await SignedInClient.SignInAsync(app, me);
        var second = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (_, firstForm) = await first.GetAsync($"/clients/{stored.Id}/edit");
        var (_, secondForm) = await second.GetAsync($"/clients/{stored.Id}/edit");

        var firstSave = await first.PostAsync($"/clients/{stored.Id}/edit", firstForm, [new("Input.Name", "Van de eerste"), new("Input.Sector", "care"), Version(firstForm)]);
        var secondSave = await second.PostAsync($"/clients/{stored.Id}/edit", secondForm, [new("Input.Name", "Van de tweede"), new("Input.Sector", "ict"), Version(secondForm)]);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await secondSave.Content.ReadAsStringAsync());
        Assert.Contains("Iemand anders heeft deze klant intussen gewijzigd", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Van de eerste", page.QuerySelector("#name")!.GetAttribute("value"));
        var now = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == stored.Id));
        Assert.Equal(("Van de eerste", "care"), (now.Name, now.Sector));
        // The page shown with the conflict carries the new version: saving from it works.
        var retry = await second.PostAsync($"/clients/{stored.Id}/edit", page, [new("Input.Name", "Van de tweede"), new("Input.Sector", "ict"), Version(page)]);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Theory]
    [InlineData("Input.NewId", "not-a-guid")]
    [InlineData("Input.NewId", "00000000-0000-0000-0000-000000000000")]
    [InlineData("Input.Version", "not-a-guid")]
    public async Task A_tampered_id_or_version_is_refused_and_nothing_is_stored(string field, string value)
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);

        var response = await client.SubmitAsync("/clients/new", [new("Input.Name", "Gemanipuleerd"), new(field, value)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.OwnerId == me.Id)));
    }

    [Theory]
    [InlineData("", "care")]
    [InlineData("Naam", "space-travel")]
    public async Task An_invalid_client_is_refused_and_nothing_is_stored(string name, string sector)
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);

        var response = await client.SubmitAsync("/clients/new", [new("Input.Name", name), new("Input.Sector", sector)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.OwnerId == me.Id)));
    }

    [Fact]
    public async Task Deleting_a_client_asks_first_and_removes_every_scan_and_response()
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await new RespondentClient(app, scan.ShareToken).StartAsync();
        var client = await SignedInClient.SignInAsync(app, me);

        var (_, confirm) = await client.GetAsync($"/clients/{organisation.Id}/delete");
        Assert.Contains("met 1 scan en 1 reactie.", confirm.Body!.TextContent);
        var response = await client.PostAsync($"/clients/{organisation.Id}/delete", confirm, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.Id == organisation.Id)));
        Assert.False(await app.QueryAsync(db => db.Scans.AnyAsync(s => s.Id == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.Respondents.AnyAsync(r => r.ScanId == scan.Id)));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_login_page()
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/clients");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}
