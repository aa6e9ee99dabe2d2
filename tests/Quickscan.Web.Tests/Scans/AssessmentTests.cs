using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Scans;

/// <summary>The consultant's expert assessment per condition: stored as one row per assessed condition, audited, owner only.</summary>
public sealed class AssessmentTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly string[] Conditions = ["usage", "purposefulness", "organisation", "process-integration"];

    private async Task<(SignedInClient Client, Scan Scan)> OwnScanAsync(ScanStatus status = ScanStatus.Open)
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(s => s.Status = status, organisation);
        return (await SignedInClient.SignInAsync(app, me), scan);
    }

    private static string Url(Scan scan) => $"/scans/{scan.Id}/assessment";

    /// <summary>The whole form as a browser sends it: a level ("" for none) and a comment for every condition.</summary>
    private static List<KeyValuePair<string, string>> Form(params (string Condition, string Level, string Comment)[] given)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var condition in Conditions)
        {
            var (_, level, comment) = given.FirstOrDefault(g => g.Condition == condition, (Condition: condition, Level: "", Comment: ""));
            fields.Add(new($"Input.Levels[{condition}]", level));
            fields.Add(new($"Input.Comments[{condition}]", comment));
        }

        return fields;
    }

    private Task<List<ExpertAssessment>> StoredAsync(Guid scanId) =>
        app.QueryAsync(db => db.ExpertAssessments.Where(a => a.ScanId == scanId).OrderBy(a => a.ConditionKey).ToListAsync());

    private Task<List<AuditEntry>> AuditAsync(Guid scanId) =>
        app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scanId.ToString() && a.Action == "scan.expert-assessment-changed").OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task The_page_offers_each_condition_with_the_level_names_of_the_scans_questionnaire_version()
    {
        var (client, scan) = await OwnScanAsync();

        var (response, page) = await client.GetAsync(Url(scan));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Gebruik", "Doelmatigheid", "Organisatie", "Integratie in processen"], page.QuerySelectorAll("form h2").Select(h => h.TextContent.Trim()));
        foreach (var condition in Conditions)
        {
            var radios = page.QuerySelectorAll($"input[type=radio][name='Input.Levels[{condition}]']").Cast<IHtmlInputElement>().ToList();
            Assert.Equal(["1", "2", "3", "4", "5", ""], radios.Select(r => r.Value));
            Assert.True(radios[^1].IsChecked); // nothing assessed yet
            Assert.Equal("2000", page.QuerySelector($"textarea[name='Input.Comments[{condition}]']")!.GetAttribute("maxlength"));
        }

        var labels = page.QuerySelectorAll("input[name='Input.Levels[usage]']").Select(r => r.ParentElement!.TextContent.Trim()).ToList();
        Assert.Equal(["1 – Ad hoc", "2 – Verkennend", "3 – Ingericht", "4 – Gestuurd", "5 – Verankerd", "Geen oordeel"], labels);
        var (_, details) = await client.GetAsync($"/scans/{scan.Id}");
        Assert.NotNull(details.QuerySelector($"a[href='/scans/{scan.Id}/assessment']"));
    }

    [Fact]
    public async Task Saving_upserts_clearing_removes_and_every_change_is_audited()
    {
        var (client, scan) = await OwnScanAsync(ScanStatus.Closed); // assessing after closing is the usual case

        var first = await client.SubmitAsync(Url(scan), Form(("usage", "3", "  Veel enthousiasme, weinig sturing.  "), ("organisation", "2", "")));
        var afterFirst = await StoredAsync(scan.Id);
        var second = await client.SubmitAsync(Url(scan), Form(("usage", "4", "Bijgesteld na het gesprek met HR."), ("process-integration", "1", "")));
        var afterSecond = await StoredAsync(scan.Id);
        var unchanged = await client.SubmitAsync(Url(scan), Form(("usage", "4", "Bijgesteld na het gesprek met HR."), ("process-integration", "1", "")));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/scans/{scan.Id}/assessment?saved=true", first.Headers.Location!.OriginalString);
        Assert.Equal([("organisation", 2, (string?)null), ("usage", 3, "Veel enthousiasme, weinig sturing.")], afterFirst.Select(a => (a.ConditionKey, a.Level, a.Comment)));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal([("process-integration", 1, (string?)null), ("usage", 4, "Bijgesteld na het gesprek met HR.")], afterSecond.Select(a => (a.ConditionKey, a.Level, a.Comment)));
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(afterSecond.Select(a => a.UpdatedAt), (await StoredAsync(scan.Id)).Select(a => a.UpdatedAt));

        // Two changes, two entries (a save that changes nothing records nothing), each with before and after.
        var audit = await AuditAsync(scan.Id);
        Assert.Equal(2, audit.Count);
        Assert.Equal("{}", audit[0].Before);
        Assert.Equal(3, JsonDocument.Parse(audit[0].After!).RootElement.GetProperty("usage").GetProperty("level").GetInt32());
        Assert.Equal(audit[0].After, audit[1].Before);
        var after = JsonDocument.Parse(audit[1].After!).RootElement;
        Assert.Equal(["usage", "process-integration"], after.EnumerateObject().Select(p => p.Name));
        Assert.Contains("organisation", audit[1].Summary);
        Assert.NotNull(audit[1].UserId);

        // Clearing everything removes every row.
        var cleared = await client.SubmitAsync(Url(scan), Form());
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Empty(await StoredAsync(scan.Id));
        Assert.Equal("{}", (await AuditAsync(scan.Id))[^1].After);
    }

    [Fact]
    public async Task The_form_shows_what_is_stored_and_says_it_was_saved()
    {
        var (client, scan) = await OwnScanAsync();
        var saved = await client.SubmitAsync(Url(scan), Form(("purposefulness", "5", "Doelen staan\nop één A4.")));

        var (_, page) = await client.GetAsync(saved.Headers.Location!.OriginalString);

        Assert.Contains("opgeslagen", page.QuerySelector(".notice.success[role=status]")!.TextContent);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Input.Levels[purposefulness]'][value='5']")!).IsChecked);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Input.Levels[usage]'][value='']")!).IsChecked);
        Assert.Equal("Doelen staan\nop één A4.", page.QuerySelector("textarea[name='Input.Comments[purposefulness]']")!.TextContent);
    }

    [Fact]
    public async Task A_comment_of_2000_characters_with_line_breaks_fits_as_the_browser_counts_them()
    {
        var (client, scan) = await OwnScanAsync();
        // 2,000 characters as the textarea counts them; the browser sends each line break as CR LF.
        var comment = string.Join("\r\n", Enumerable.Repeat(new string('x', 99), 20)) + "y";
        Assert.Equal(2000 + 19, comment.Length);

        var response = await client.SubmitAsync(Url(scan), Form(("usage", "2", comment)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = Assert.Single(await StoredAsync(scan.Id));
        Assert.Equal(2000, stored.Comment!.Length);
        Assert.DoesNotContain('\r', stored.Comment);
    }

    public static TheoryData<string, string, string> Tampered => new()
    {
        // field, value, why it is bad
        { "Input.Levels[nope]", "3", "an unknown condition" },
        { "Input.Levels[usage ]", "3", "a condition key with a space" },
        { "Input.Comments[nope]", "tekst", "a comment on an unknown condition" },
        { "Input.Levels[usage]", "0", "level 0" },
        { "Input.Levels[usage]", "6", "level 6" },
        { "Input.Levels[usage]", "-1", "a negative level" },
        { "Input.Levels[usage]", "03", "a level the form can't send" },
        { "Input.Levels[usage]", "drie", "not a number" },
        { "Input.Comments[usage]", new string('x', 2001), "a comment over 2,000 characters" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task Tampered_input_gets_a_400_and_nothing_is_stored(string field, string value, string because)
    {
        var (client, scan) = await OwnScanAsync();
        await client.SubmitAsync(Url(scan), Form(("usage", "3", "Eerder oordeel.")));
        var before = await StoredAsync(scan.Id);
        var fields = Form(("usage", "4", "Nieuw oordeel."), ("organisation", "5", "")).Where(f => f.Key != field).Append(new(field, value));

        var response = await client.SubmitAsync(Url(scan), fields);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {response.StatusCode}");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Dat verzoek klopt niet", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(before.Select(a => (a.ConditionKey, a.Level, a.Comment)), (await StoredAsync(scan.Id)).Select(a => (a.ConditionKey, a.Level, a.Comment)));
        Assert.Single(await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task A_comment_without_a_level_is_shown_back_with_its_error_and_nothing_is_stored()
    {
        var (client, scan) = await OwnScanAsync();

        var response = await client.SubmitAsync(Url(scan), Form(("usage", "3", ""), ("organisation", "", "Nog geen idee over het niveau.")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        var textarea = page.QuerySelector("textarea[name='Input.Comments[organisation]']")!;
        Assert.Equal("true", textarea.GetAttribute("aria-invalid"));
        Assert.Equal("e-organisation", textarea.GetAttribute("aria-describedby"));
        Assert.Equal("Nog geen idee over het niveau.", textarea.TextContent);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Input.Levels[usage]'][value='3']")!).IsChecked);
        Assert.Empty(await StoredAsync(scan.Id));
        Assert.Empty(await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task A_second_consultant_gets_404_on_every_assessment_url()
    {
        var (owner, scan) = await OwnScanAsync();
        await owner.SubmitAsync(Url(scan), Form(("usage", "3", "Van de eigenaar.")));
        var other = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var (_, anyPage) = await other.GetAsync("/clients");

        var get = await other.Http.GetAsync(Url(scan));
        var post = await other.PostAsync(Url(scan), anyPage, Form(("usage", "1", "Van een ander."), ("organisation", "1", "")));
        var clear = await other.PostAsync(Url(scan), anyPage, Form());

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, clear.StatusCode);
        var stored = Assert.Single(await StoredAsync(scan.Id));
        Assert.Equal((3, "Van de eigenaar."), (stored.Level, stored.Comment));
        Assert.Single(await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task Six_simultaneous_first_saves_store_one_assessment_and_the_others_succeed_or_get_409_in_the_users_language()
    {
        var (client, scan) = await OwnScanAsync();
        // Six tabs, each opened on its own (its own anti-forgery token), then saved at the same moment.
        var tabs = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        for (var i = 0; i < 6; i++)
            tabs.Add((await client.GetAsync($"{Url(scan)}?culture=en")).Document);

        var responses = await Task.WhenAll(tabs.Select((page, i) => client.PostAsync($"{Url(scan)}?culture=en", page,
            Form(("usage", (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"Tab {i}"), ("organisation", "2", "")))));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Contains("The expert assessment was saved somewhere else at the same moment.", await conflict.Content.ReadAsStringAsync());
        var stored = await StoredAsync(scan.Id);
        Assert.Equal(["organisation", "usage"], stored.Select(a => a.ConditionKey));
        var usage = stored.Single(a => a.ConditionKey == "usage");
        var tab = int.Parse(usage.Comment!["Tab ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(tab % 5 + 1, usage.Level); // one tab's level and comment, not a mix
        Assert.NotEmpty(await AuditAsync(scan.Id));
    }

    [Fact]
    public async Task Signed_out_the_assessment_page_asks_to_sign_in()
    {
        var (_, scan) = await OwnScanAsync();
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(Url(scan));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}
