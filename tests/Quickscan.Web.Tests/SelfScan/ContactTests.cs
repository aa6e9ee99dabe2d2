using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using static Quickscan.Web.Tests.SelfScan.SelfScanForms;

namespace Quickscan.Web.Tests.SelfScan;

/// <summary>The contact request from a self-scan result: good input becomes a lead; bad input and spam store nothing.</summary>
public sealed class ContactTests(SelfScanApp app) : IClassFixture<SelfScanApp>
{
    private static readonly TimeSpan Typing = TimeSpan.FromSeconds(20);

    public static Dictionary<string, string> Good() => new()
    {
        ["Input.Name"] = "Anna de Vries",
        ["Input.Organisation"] = "Gemeente Voorbeeld",
        ["Input.Email"] = "anna@voorbeeld.nl",
        ["Input.Phone"] = "+31 6 1234 5678",
        ["Input.Sector"] = "government",
        ["Input.SizeClass"] = "1000-4999",
        ["Input.Message"] = "Graag een quickscan voor onze Viva Engage-omgeving.",
        ["Input.Consent"] = "true",
        ["Input.Website"] = "",
    };

    private async Task<string> SelfScanAsync(HttpClient client) => ResultToken(await SendAsync(client, Answers(agree: 2), sector: "care"));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, IHtmlDocument form, IReadOnlyDictionary<string, string> fields, string? address = null)
    {
        var all = fields.ToDictionary();
        all.TryAdd("Input.Started", form.QuerySelector("input[name='Input.Started']")!.GetAttribute("value")!);
        all["__RequestVerificationToken"] = RespondentClient.Token(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/zelfscan/result/{token}/contact") { Content = new FormUrlEncodedContent(all) };
        if (address is not null)
            request.Headers.Add(SelfScanApp.AddressHeader, address);
        return await client.SendAsync(request);
    }

    private Task<int> LeadCountAsync() => app.QueryAsync(db => db.Leads.CountAsync());

    [Fact]
    public async Task A_good_request_becomes_a_new_lead_with_the_result_attached_the_consent_text_and_an_audit_entry_without_personal_data()
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        Assert.NotNull(form.QuerySelector("select[name='Input.Sector'] option[value='care'][selected]")); // prefilled from the self-scan
        var consent = form.QuerySelector("label.consent")!.TextContent.Trim();
        Assert.EndsWith("Zonder verdere opvolging verwijderen we ze na 365 dagen.", consent); // SelfScan:LeadRetentionDays
        app.Clock.Advance(Typing);

        var response = await PostAsync(client, token, form, Good());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/zelfscan/bedankt", response.Headers.Location!.OriginalString);
        var lead = await app.QueryAsync(db => db.Leads.Include(l => l.SelfScanResponse).OrderByDescending(l => l.CreatedAt).FirstAsync());
        Assert.Equal(("Anna de Vries", "Gemeente Voorbeeld", "anna@voorbeeld.nl", "+31 6 1234 5678"), (lead.Name, lead.OrganisationName, lead.Email, lead.Phone));
        Assert.Equal(("government", "1000-4999", "nl", LeadStatus.New), (lead.Sector, lead.SizeClass, lead.Language, lead.Status));
        Assert.Equal(consent, lead.ConsentText);
        Assert.Equal(Quickscan.Web.Infrastructure.Tokens.Hash(token), lead.SelfScanResponse!.ResultTokenHash);
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "lead.created" && a.EntityId == lead.Id.ToString()));
        Assert.DoesNotContain("Anna", audit.Summary + audit.Before + audit.After + audit.UserName);
        Assert.DoesNotContain("anna@", audit.Summary + audit.Before + audit.After + audit.UserName);
        var (_, thanks) = await Html.GetAsync(client, "/zelfscan/bedankt");
        Assert.Contains("Bedankt", thanks.QuerySelector("h1")!.TextContent);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "Input.Name", "", "Name" },
        { "Input.Name", "Anna\nde Vries", "Name" },
        { "Input.Name", new string('a', LeadLimits.Name + 1), "Name" },
        { "Input.Organisation", "  ", "Organisation" },
        { "Input.Email", "anna", "Email" },
        { "Input.Email", "anna@voorbeeld", "Email" },
        { "Input.Email", "Anna <anna@voorbeeld.nl>", "Email" },
        { "Input.Phone", "call me", "Phone" },
        { "Input.Sector", "pirates", "Sector" },
        { "Input.SizeClass", "huge", "SizeClass" },
        { "Input.Message", new string('x', LeadLimits.Message + 1), "Message" },
        { "Input.Consent", "false", "Consent" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_gets_a_clear_message_at_its_field_keeps_the_rest_and_stores_nothing(string field, string value, string property)
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(Typing);
        var fields = Good();
        fields[field] = value;
        var before = await LeadCountAsync();

        var response = await PostAsync(client, token, form, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ReadAsync(response);
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        if (property is not ("Sector" or "SizeClass"))
            Assert.NotNull(page.QuerySelector($"#e-{property.ToLowerInvariant()}"));
        if (field != "Input.Organisation")
            Assert.Equal("Gemeente Voorbeeld", page.QuerySelector("#organisation")!.GetAttribute("value"));
        Assert.Equal(before, await LeadCountAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_is_refused_and_stores_nothing()
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(Typing);
        var fields = Good();
        fields["Input.Website"] = "https://spam.example";
        var before = await LeadCountAsync();

        var response = await PostAsync(client, token, form, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kon niet worden verstuurd", (await Html.ReadAsync(response)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, await LeadCountAsync());
    }

    [Fact]
    public async Task A_request_sent_faster_than_a_person_can_type_is_refused_and_the_same_form_sent_later_is_accepted()
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var before = await LeadCountAsync();

        var fast = await PostAsync(client, token, form, Good());

        Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
        var again = await Html.ReadAsync(fast);
        Assert.Contains("erg snel", again.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("anna@voorbeeld.nl", again.QuerySelector("#email")!.GetAttribute("value"));
        Assert.Equal(before, await LeadCountAsync());

        app.Clock.Advance(Typing);
        var later = await PostAsync(client, token, again, Good());
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Equal(before + 1, await LeadCountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-protected")]
    [InlineData("CfDJ8forged")]
    public async Task A_missing_or_forged_fill_timer_is_refused(string started)
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(Typing);
        var fields = Good();
        fields["Input.Started"] = started;
        var before = await LeadCountAsync();

        var response = await PostAsync(client, token, form, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LeadCountAsync());
    }

    [Fact]
    public async Task A_form_shown_more_than_a_day_ago_is_refused()
    {
        var client = app.Browser();
        var token = await SelfScanAsync(client);
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var before = await LeadCountAsync();

        var response = await PostAsync(client, token, form, Good());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LeadCountAsync());
    }
}

/// <summary>Rate limits per IP address, on their own app so that the low limits don't touch other tests.</summary>
public sealed class ContactRateLimitTests(LimitedSelfScanApp app) : IClassFixture<LimitedSelfScanApp>
{
    [Fact]
    public async Task Past_the_limit_an_address_gets_429_in_its_language_and_nothing_is_stored_while_another_address_goes_on()
    {
        var client = app.Browser();
        // Self-scans: the limit per address, then 429.
        var tokens = new List<string>();
        for (var i = 0; i < LimitedSelfScanApp.Limit; i++)
            tokens.Add(ResultToken(await SendAsync(client, Answers(agree: 3), address: "203.0.113.7")));
        var responses = await app.QueryAsync(db => db.SelfScanResponses.CountAsync());
        var refused = await SendAsync(client, Answers(agree: 3), address: "203.0.113.7");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Contains("Even geduld", (await Html.ReadAsync(refused)).QuerySelector("h1")!.TextContent);
        Assert.Equal(responses, await app.QueryAsync(db => db.SelfScanResponses.CountAsync()));
        tokens.Add(ResultToken(await SendAsync(client, Answers(agree: 3), address: "198.51.100.9")));

        // Contact requests: the same, counted separately.
        for (var i = 0; i < LimitedSelfScanApp.Limit; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await ContactAsync(client, tokens[i], "203.0.113.7")).StatusCode);
        var leads = await app.QueryAsync(db => db.Leads.CountAsync());
        var tooMany = await ContactAsync(client, tokens[0], "203.0.113.7");
        Assert.Equal((HttpStatusCode)429, tooMany.StatusCode);
        Assert.Equal(leads, await app.QueryAsync(db => db.Leads.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await ContactAsync(client, tokens[^1], "198.51.100.9")).StatusCode);

        // Showing the pages is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/zelfscan")).StatusCode);
    }

    private async Task<HttpResponseMessage> ContactAsync(HttpClient client, string token, string address)
    {
        var (_, form) = await Html.GetAsync(client, $"/zelfscan/result/{token}/contact");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var fields = ContactTests.Good();
        fields["Input.Started"] = form.QuerySelector("input[name='Input.Started']")!.GetAttribute("value")!;
        fields["__RequestVerificationToken"] = RespondentClient.Token(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/zelfscan/result/{token}/contact") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(SelfScanApp.AddressHeader, address);
        return await client.SendAsync(request);
    }
}
