using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>
/// The requests that used to give a 500: each is now a 4xx page in the user's language (or a clean retry
/// for a race), and nothing of it is stored.
/// </summary>
public sealed class HostileRequestTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly HtmlParser Parser = new();

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> TitleAsync(HttpResponseMessage response) =>
        (await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync())).QuerySelector("h1")?.TextContent.Trim() ?? "";

    [Theory]
    [InlineData("TRACE", "/s/{token}/c/usage")]
    [InlineData("PUT", "/s/{token}/profile")]
    [InlineData("DELETE", "/s/{token}/result")]
    [InlineData("PATCH", "/account/login")]
    [InlineData("POST", "/s/{token}/result")]
    [InlineData("POST", "/r/{token}")]
    [InlineData("OPTIONS", "/")]
    public async Task A_method_a_page_does_not_handle_is_a_405_with_the_page_in_the_users_language(string method, string path)
    {
        var scan = await app.CreateScanAsync();
        var url = path.Replace("{token}", scan.ShareToken, StringComparison.Ordinal);

        var dutch = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        var english = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), url + "?culture=en"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, dutch.StatusCode);
        Assert.NotEmpty(dutch.Content.Headers.Allow);
        Assert.DoesNotContain(method, dutch.Content.Headers.Allow);
        Assert.Equal("Dat kan op deze pagina niet", await TitleAsync(dutch));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, english.StatusCode);
        Assert.Equal("That is not possible on this page", await TitleAsync(english));
    }

    [Fact]
    public async Task The_methods_a_page_handles_still_work()
    {
        var scan = await app.CreateScanAsync();
        var client = Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/s/{scan.ShareToken}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        // A POST without its anti-forgery token is refused as before, not as a wrong method.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/account/login", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Theory]
    [InlineData("Klant\u0001", "nl", "Onzichtbare tekens in je invoer")]
    [InlineData("Klant\u0007\u001b[31m", "en", "Invisible characters in your input")]
    // A NUL makes the form unreadable before any value is looked at: the general 400.
    [InlineData("Klant\u0000", "nl", "Dat verzoek klopt niet")]
    public async Task A_control_character_in_a_text_is_refused_with_a_clear_message_and_nothing_is_stored(string name, string culture, string title)
    {
        var consultant = await app.CreateUserAsync();
        var signedIn = await SignedInClient.SignInAsync(app, consultant);
        var (_, form) = await signedIn.GetAsync("/clients/new");

        var response = await signedIn.Http.PostAsync($"/clients/new?culture={culture}", new FormUrlEncodedContent(
            [new("Input.Name", name), new("__RequestVerificationToken", RespondentClient.Token(form))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, await TitleAsync(response));
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.OwnerId == consultant.Id)));
    }

    [Fact]
    public async Task A_line_break_in_a_single_line_text_is_refused_but_kept_in_a_multi_line_one()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var signedIn = await SignedInClient.SignInAsync(app, consultant);

        var name = await signedIn.SubmitAsync("/clients/new", [new("Input.Name", "Klant\nTwee")]);
        var scan = await signedIn.SubmitAsync($"/scans/new/{client.Id}", await ScanFieldsAsync(welcome: "Welkom,\r\nfijn dat je meedoet."));

        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, scan.StatusCode);
        Assert.Equal("Welkom,\r\nfijn dat je meedoet.", await app.QueryAsync(db => db.Scans.Where(s => s.OrganisationId == client.Id).Select(s => s.WelcomeText).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Organisations.CountAsync(o => o.OwnerId == consultant.Id)));
    }

    [Fact]
    public async Task A_respondents_open_answer_with_a_control_character_is_refused_and_not_stored()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();

        var response = await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4", ["usage.performance.open"] = "goed\u001b[2J" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await app.AnswersAsync(scan.Id));
    }

    private async Task<List<KeyValuePair<string, string>>> ScanFieldsAsync(string? opens = null, string? welcome = null) =>
    [
        new("Input.Title", "Quickscan 2026"),
        new("Input.QuestionnaireVersionId", (await app.QueryAsync(db => db.QuestionnaireVersions.MinAsync(v => v.Id))).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.WelcomeText", welcome ?? ""),
        new("Input.OpensAt", opens ?? ""),
        new("Input.ClosesAt", ""),
        new("Input.Languages", "nl"),
        new("Input.AnonymityThreshold", "5"),
    ];

    [Theory]
    [InlineData("nl", "Dit tijdstip bestaat niet")]
    [InlineData("en", "This time does not exist")]
    public async Task A_scan_date_in_the_daylight_saving_gap_is_refused_with_a_message_and_not_stored(string culture, string message)
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var signedIn = await SignedInClient.SignInAsync(app, consultant);
        var fields = await ScanFieldsAsync(opens: "2026-03-29T02:30");

        var response = await signedIn.SubmitAsync($"/scans/new/{client.Id}?culture={culture}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(message, page.QuerySelector("#opens-error")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.Scans.AnyAsync(s => s.OrganisationId == client.Id)));
    }

    [Fact]
    public void A_time_in_the_gap_still_converts_when_it_reaches_the_clock()
    {
        var time = new Web.Infrastructure.AppTime(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        Assert.False(time.Exists(new DateTime(2026, 3, 29, 2, 30, 0)));
        Assert.True(time.Exists(new DateTime(2026, 3, 29, 3, 30, 0)));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), time.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0)));
    }

    [Theory]
    [InlineData("Filter.User=a%00b")]
    [InlineData("Filter.To=9999-12-31")]
    [InlineData("Filter.From=0001-01-01")]
    [InlineData("Filter.Action=%1b")]
    public async Task A_hostile_audit_filter_is_a_400(string query)
    {
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

        var response = await admin.Http.GetAsync("/admin/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(await TitleAsync(response), new[] { "Onzichtbare tekens in je invoer", "Dat verzoek klopt niet" });
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    public async Task A_language_switch_to_a_disguised_external_address_is_a_400(string returnUrl)
    {
        var response = await Anonymous().GetAsync("/language/en?returnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_language_switch_with_a_local_address_still_goes_back_there()
    {
        var response = await Anonymous().GetAsync("/language/en?returnUrl=/account/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Enabling_two_factor_sign_in_with_an_empty_or_blank_code_is_a_400()
    {
        var signedIn = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());

        foreach (var code in new[] { "", "   " })
        {
            var response = await signedIn.SubmitAsync("/account/manage/two-factor", [new("Input.Code", code)], "/account/manage/two-factor?handler=Enable");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Importing_a_questionnaire_with_a_control_character_lists_the_problem_and_creates_no_draft()
    {
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var json = QuestionnaireJson.Write(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Definition);
        var hostile = json.Replace("\"en\": \"Usage\"", "\"en\": \"Us\\u0000age\"", StringComparison.Ordinal);
        Assert.NotEqual(json, hostile);
        var drafts = await app.QueryAsync(db => db.QuestionnaireDrafts.CountAsync());
        var (_, page) = await admin.GetAsync("/admin/questionnaires?culture=en");

        var response = await admin.Http.PostAsync("/admin/questionnaires?handler=Import&culture=en", new MultipartFormDataContent
        {
            { new StringContent(RespondentClient.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(hostile)), "file", "questionnaire.json" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible control characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(drafts, await app.QueryAsync(db => db.QuestionnaireDrafts.CountAsync()));
    }

    [Fact]
    public async Task Two_simultaneous_first_notes_on_a_condition_both_succeed_and_one_note_is_kept()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(organisation: client);
        var first = await SignedInClient.SignInAsync(app, consultant);
        var second = await SignedInClient.SignInAsync(app, consultant);
        var (_, firstPage) = await first.GetAsync($"/scans/{scan.Id}/report");
        var (_, secondPage) = await second.GetAsync($"/scans/{scan.Id}/report");

        foreach (var condition in ConditionKeys.All)
        {
            var responses = await Task.WhenAll(
                first.PostAsync($"/scans/{scan.Id}/report?handler=Note", firstPage, [new("note.ConditionKey", condition), new("note.Text", "Eerste")]),
                second.PostAsync($"/scans/{scan.Id}/report?handler=Note", secondPage, [new("note.ConditionKey", condition), new("note.Text", "Tweede")]));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        }

        var notes = await app.QueryAsync(db => db.ReportNotes.Where(n => n.ScanId == scan.Id).ToListAsync());
        Assert.Equal(ConditionKeys.All.Count, notes.Count);
        Assert.All(notes, n => Assert.Contains(n.Text, new[] { "Eerste", "Tweede" }));
    }
}
