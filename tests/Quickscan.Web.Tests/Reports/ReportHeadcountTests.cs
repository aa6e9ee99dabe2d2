using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The headcount form on PostgreSQL: a bad value (negative, not a number, too large, a line break, a count without its
/// department, a department twice) brings the report back as 400 with the form open, what was typed, and the message
/// at that field in the user's language; nothing is stored. A tampered list shape still gets the form's message.
/// </summary>
public sealed class ReportHeadcountTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly HtmlParser Parser = new();

    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private async Task<(SignedInClient Client, Scan Scan)> ScanAsync()
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        await ResponseSeeding.AddAsync(app, scan.Id, [RoleGroupKeys.Employee, RoleGroupKeys.Employee], seed: 1);
        return (await SignedInClient.SignInAsync(app, me), scan);
    }

    public static TheoryData<string, string, string, string, string> BadValues => new()
    {
        // culture, field, value, the field whose message shows, message
        { "nl", "Departments[0].Count", "-3", "hc-dep-count-0", "Vul een heel getal van 0 tot en met 100.000 in, of laat het vak leeg." },
        { "en", "Departments[0].Count", "-3", "hc-dep-count-0", "Enter a whole number from 0 to 100,000, or leave the box empty." },
        { "nl", "Departments[0].Count", "twintig", "hc-dep-count-0", "Vul een heel getal van 0 tot en met 100.000 in, of laat het vak leeg." },
        { "en", "Departments[0].Count", "12.5", "hc-dep-count-0", "Enter a whole number from 0 to 100,000, or leave the box empty." },
        { "nl", "Departments[0].Count", "100001", "hc-dep-count-0", "Vul een heel getal van 0 tot en met 100.000 in, of laat het vak leeg." },
        { "en", "Departments[0].Count", "99999999999999999999", "hc-dep-count-0", "Enter a whole number from 0 to 100,000, or leave the box empty." },
        { "nl", "Departments[0].Count", "1\n2", "hc-dep-count-0", "Vul een heel getal van 0 tot en met 100.000 in, of laat het vak leeg." },
        { "en", "Departments[0].Count", "١٢", "hc-dep-count-0", "Enter a whole number from 0 to 100,000, or leave the box empty." },
        { "nl", "RoleGroups[0].Count", "-1", "hc-role-0", "Vul een heel getal van 0 tot en met 100.000 in, of laat het vak leeg." },
        { "en", "Departments[0].Name", "Zo\nrg", "hc-dep-name-0", "A department name of at most 100 characters, on one line." },
        { "nl", "Departments[0].Name", new string('x', 101), "hc-dep-name-0", "Een afdelingsnaam van hoogstens 100 tekens, op één regel." },
        { "nl", "Departments[0].Name", "", "hc-dep-name-0", "Vul in van welke afdeling dit aantal is." },
        { "en", "Departments[1].Name", "zorg ", "hc-dep-name-1", "This department is listed already; add the counts together." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_a_message_at_its_field_in_the_users_language_and_nothing_is_stored(string culture, string field, string value, string inputId, string message)
    {
        var (client, scan) = await ScanAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture={culture}");
        var fields = new Dictionary<string, string>
        {
            ["headcounts.Departments[0].Name"] = "Zorg",
            ["headcounts.Departments[0].Count"] = "20",
            ["headcounts.Departments[1].Name"] = "ICT",
            ["headcounts.Departments[1].Count"] = "10",
            ["headcounts.RoleGroups[0].Name"] = RoleGroupKeys.Employee,
            ["headcounts.RoleGroups[0].Count"] = "14",
        };
        fields["headcounts." + field] = value;

        var response = await client.PostAsync($"{url}?handler=Headcounts&culture={culture}", page, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var form = again.QuerySelector("details#headcounts")!;
        Assert.True(form.HasAttribute("open"));
        Assert.NotNull(form.QuerySelector("[role=alert]"));
        var input = form.QuerySelector($"#{inputId}")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal(message, Text(again.GetElementById($"{inputId}-error")));
        Assert.Contains($"{inputId}-error", input.GetAttribute("aria-describedby")!);
        // Only that field is marked; the rest of what was typed is kept.
        Assert.Single(form.QuerySelectorAll("[aria-invalid=true]"));
        Assert.Single(form.QuerySelectorAll(".field-error"));
        if (inputId != "hc-dep-count-1")
            Assert.Equal("10", form.QuerySelector("#hc-dep-count-1")!.GetAttribute("value"));
        Assert.Null(await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.HeadcountsJson).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString() && a.Action == "report.headcounts-changed")));
    }

    [Fact]
    public async Task A_tampered_list_gets_the_forms_message_and_other_control_characters_the_status_page_and_nothing_is_stored()
    {
        var (client, scan) = await ScanAsync();
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");

        // An unknown role group: no field to put it at, the form's message.
        var response = await client.PostAsync($"{url}?handler=Headcounts", page, [new("headcounts.RoleGroups[0].Name", "chef"), new("headcounts.RoleGroups[0].Count", "3")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var again = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Niet alles is goed ingevuld; zie de meldingen bij de velden.", Text(again.QuerySelector("details#headcounts [role=alert]")));

        // A control character other than a line break is refused for every form by the request guard: its status page.
        response = await client.PostAsync($"{url}?handler=Headcounts", page, [new("headcounts.Departments[0].Name", "Zorg"), new("headcounts.Departments[0].Count", "1\u00012")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Onzichtbare tekens in je invoer", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.HeadcountsJson).SingleAsync()));

        // Surrounding spaces are fine: stored as the number.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Headcounts", page, [new("headcounts.Departments[0].Name", "Zorg"), new("headcounts.Departments[0].Count", " 12 ")])).StatusCode);
        Assert.Contains("12", await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.HeadcountsJson).SingleAsync()));
    }

    [Fact]
    public async Task A_scan_whose_respondents_named_hundreds_of_departments_gets_a_form_that_can_be_posted()
    {
        var me = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(me));
        var questionnaire = Quickscan.Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(1);
        var random = new Random(5);
        // 250 departments, "Afdeling 000" with the most respondents (three), the others one each.
        await ResponseSeeding.AddAnsweredAsync(app, scan.Id, [.. Enumerable.Range(0, 252).Select(i =>
            new ResponseSeeding.Seeded(ResponseSeeding.Answers(questionnaire, random, 3), RoleGroupKeys.Employee, $"Afdeling {Math.Max(0, i - 2):D3}"))]);
        var client = await SignedInClient.SignInAsync(app, me);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync($"{url}?culture=nl");

        // As many as can be stored beside the free rows, the busiest among them; the form posts as it is shown.
        var names = page.QuerySelectorAll("#headcounts input[id^='hc-dep-name-']").Select(i => i.GetAttribute("value") ?? "").ToList();
        Assert.Equal(HeadcountsInput.MaxDepartments, names.Count);
        Assert.Equal(HeadcountsInput.MaxDepartments - HeadcountsInput.FreeRows, names.Count(n => n.Length > 0));
        Assert.Contains("Afdeling 000", names);
        var fields = names.SelectMany((name, i) => new KeyValuePair<string, string>[]
        {
            new($"headcounts.Departments[{i}].Name", name),
            new($"headcounts.Departments[{i}].Count", name == "Afdeling 000" ? "40" : ""),
        }).ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"{url}?handler=Headcounts", page, fields)).StatusCode);
        var stored = ReportHeadcounts.Read(await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.HeadcountsJson).SingleAsync()));
        Assert.Equal(new Dictionary<string, int> { ["Afdeling 000"] = 40 }, stored.Departments);
    }

    [Fact]
    public async Task Six_simultaneous_first_headcount_saves_store_one_of_them_whole_without_an_error()
    {
        var (client, scan) = await ScanAsync();
        var url = $"/scans/{scan.Id}/report";
        var tabs = new List<IHtmlDocument>();
        for (var i = 0; i < 6; i++)
            tabs.Add((await client.GetAsync(url)).Document);

        var responses = await Task.WhenAll(tabs.Select((page, i) => client.PostAsync($"{url}?handler=Headcounts", page,
        [
            new("headcounts.Departments[0].Name", $"Afdeling {i}"), new("headcounts.Departments[0].Count", $"{10 + i}"),
            new("headcounts.RoleGroups[0].Name", RoleGroupKeys.Employee), new("headcounts.RoleGroups[0].Count", $"{20 + i}"),
        ])));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var stored = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.HeadcountsJson).SingleAsync());
        Assert.NotNull(stored);
        // One tab's counts whole: its department, its count and its role group's count, never a mix.
        var tab = Enumerable.Range(0, 6).Single(i => stored.Contains($"Afdeling {i}", StringComparison.Ordinal));
        Assert.Contains($"{10 + tab}", stored, StringComparison.Ordinal);
        Assert.Contains($"{20 + tab}", stored, StringComparison.Ordinal);
        var (_, page) = await client.GetAsync(url);
        Assert.Equal($"Afdeling {tab}", page.QuerySelector("#hc-dep-name-0")!.GetAttribute("value"));
    }
}
