using System.Net;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Scans;

public sealed class ScanTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private async Task<(SignedInClient Client, Organisation Organisation)> ConsultantAsync()
    {
        var me = await app.CreateUserAsync();
        return (await SignedInClient.SignInAsync(app, me), await app.CreateClientAsync(me));
    }

    [Fact]
    public async Task A_consultant_creates_a_scan_opens_it_and_respondents_can_answer()
    {
        var (client, organisation) = await ConsultantAsync();
        var versionId = await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Kind == Domain.Questionnaires.QuestionnaireKind.Quickscan).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());

        var created = await client.SubmitAsync($"/scans/new/{organisation.Id}",
        [
            new("Input.Title", "Workshop maart"), new("Input.QuestionnaireVersionId", versionId.ToString()), new("Input.WelcomeText", "Fijn dat je meedoet"),
            new("Input.Languages", "nl"), new("Input.Languages", "en"), new("Input.ShowRespondentResult", "true"), new("Input.AnonymityThreshold", "5"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var scan = await app.QueryAsync(db => db.Scans.SingleAsync(s => s.OrganisationId == organisation.Id));
        Assert.Equal(ScanStatus.Draft, scan.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}")).Response.StatusCode);

        var opened = await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var (intro, page) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}");
        Assert.Equal(HttpStatusCode.OK, intro.StatusCode);
        Assert.Contains("Fijn dat je meedoet", page.Body!.TextContent);
    }

    [Fact]
    public async Task Closing_and_reopening_are_audited_and_change_what_respondents_get()
    {
        var (client, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);

        await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Close");
        var whileClosed = (await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}")).Response.StatusCode;
        await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Reopen");
        var afterReopen = (await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}")).Response.StatusCode;

        Assert.Equal(HttpStatusCode.Gone, whileClosed);
        Assert.Equal(HttpStatusCode.OK, afterReopen);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scan.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["scan.closed", "scan.reopened"], audit);
    }

    [Fact]
    public async Task Rotating_the_link_stops_the_old_one_at_once()
    {
        var (client, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);

        await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Rotate");

        var newToken = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.ShareToken).SingleAsync());
        Assert.NotEqual(scan.ShareToken, newToken);
        Assert.Equal(HttpStatusCode.NotFound, (await new RespondentClient(app, scan.ShareToken).GetAsync($"/s/{scan.ShareToken}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new RespondentClient(app, newToken).GetAsync($"/s/{newToken}")).Response.StatusCode);
        var (_, details) = await client.GetAsync($"/scans/{scan.Id}");
        Assert.Equal($"http://localhost/s/{newToken}", details.QuerySelector("#share-link")!.GetAttribute("value"));
        Assert.NotNull(details.QuerySelector(".qr svg"));
    }

    [Fact]
    public async Task The_QR_code_is_an_SVG_of_the_share_link()
    {
        var (client, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);

        var response = await client.Http.GetAsync($"/scans/{scan.Id}?handler=Qr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_consultants_editing_the_same_scan_the_second_is_told_and_nothing_is_overwritten()
    {
        var me = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(s => s.Title = "Origineel", organisation);
        var first = await SignedInClient.SignInAsync(app, me);
        var second = await SignedInClient.SignInAsync(app, me);
        var (_, firstForm) = await first.GetAsync($"/scans/{scan.Id}/edit");
        var (_, secondForm) = await second.GetAsync($"/scans/{scan.Id}/edit");
        IEnumerable<KeyValuePair<string, string>> Fields(AngleSharp.Html.Dom.IHtmlDocument form, string title) =>
        [
            new("Input.Title", title), new("Input.QuestionnaireVersionId", scan.QuestionnaireVersionId.ToString()), new("Input.Languages", "nl"),
            new("Input.AnonymityThreshold", "5"), new("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!),
        ];

        var firstSave = await first.PostAsync($"/scans/{scan.Id}/edit", firstForm, Fields(firstForm, "Van de eerste"));
        var secondSave = await second.PostAsync($"/scans/{scan.Id}/edit", secondForm, Fields(secondForm, "Van de tweede"));

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await secondSave.Content.ReadAsStringAsync());
        Assert.Equal("Van de eerste", page.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal("Van de eerste", await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_questionnaire_version_can_be_chosen_until_the_first_response_and_then_is_fixed_with_its_reason()
    {
        var (client, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        var other = await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Id != scan.QuestionnaireVersionId).Select(v => v.Id).FirstAsync());
        IEnumerable<KeyValuePair<string, string>> Fields(AngleSharp.Html.Dom.IHtmlDocument form, int version) =>
        [
            new("Input.Title", "Versietest"), new("Input.QuestionnaireVersionId", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Languages", "nl"),
            new("Input.AnonymityThreshold", "5"), new("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!),
        ];
        Task<int> StoredAsync() => app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.QuestionnaireVersionId).SingleAsync());

        // No response yet: the select is live and a choice is kept.
        var (_, open) = await client.GetAsync($"/scans/{scan.Id}/edit");
        Assert.Null(open.QuerySelector("#version")!.GetAttribute("disabled"));
        Assert.Equal("Input.QuestionnaireVersionId", open.QuerySelector("#version")!.GetAttribute("name"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/scans/{scan.Id}/edit", open, Fields(open, other))).StatusCode);
        Assert.Equal(other, await StoredAsync());

        // After the first response: disabled, saying why, and a posted other version changes nothing.
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var (_, fixedForm) = await client.GetAsync($"/scans/{scan.Id}/edit");
        var select = fixedForm.QuerySelector("#version")!;
        Assert.NotNull(select.GetAttribute("disabled"));
        Assert.Null(select.GetAttribute("name"));
        Assert.Equal(fixedForm.QuerySelector("#version-hint")!.Id, select.GetAttribute("aria-describedby"));
        Assert.Contains("reacties", fixedForm.QuerySelector("#version-hint")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/scans/{scan.Id}/edit", fixedForm, Fields(fixedForm, scan.QuestionnaireVersionId))).StatusCode);
        Assert.Equal(other, await StoredAsync());
    }

    [Fact]
    public async Task A_double_click_on_saving_a_new_scan_makes_one_scan()
    {
        var (client, organisation) = await ConsultantAsync();
        var url = $"/scans/new/{organisation.Id}";
        var (_, form) = await client.GetAsync(url);
        var newId = form.QuerySelector("input[name='Input.NewId']")!.GetAttribute("value")!;
        var version = form.QuerySelector("#version option[selected]")!.GetAttribute("value")!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync(url, form,
        [
            new("Input.Title", "Eenmalige scan"), new("Input.QuestionnaireVersionId", version), new("Input.Languages", "nl"),
            new("Input.AnonymityThreshold", "5"), new("Input.NewId", newId),
        ])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.All(responses, r => Assert.Equal($"/scans/{newId}", r.Headers.Location!.OriginalString));
        var made = await app.QueryAsync(db => db.Scans.Where(s => s.OrganisationId == organisation.Id).Select(s => s.Id).ToListAsync());
        Assert.Equal(Guid.Parse(newId), Assert.Single(made));
    }

    [Fact]
    public async Task Deleting_a_scan_removes_its_responses()
    {
        var (client, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "3" });

        var response = await client.SubmitAsync($"/scans/{scan.Id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await app.AnswersAsync(scan.Id));
        Assert.False(await app.QueryAsync(db => db.Respondents.AnyAsync(r => r.ScanId == scan.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scan.deleted" && a.EntityId == scan.Id.ToString())));
    }
}
