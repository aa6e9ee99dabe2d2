using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Admin;

/// <summary>Admins edit the questionnaire's wording without breaking results already collected.</summary>
public sealed class QuestionnaireEditingTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private const string Question = "usage.effort.1";

    private async Task<SignedInClient> AdminAsync() => await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));

    private async Task<int> DefaultVersionIdAsync() =>
        await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Kind == Domain.Questionnaires.QuestionnaireKind.Quickscan && v.Version == 1 && v.Revision == 0).Select(v => v.Id).SingleAsync());

    private static async Task<Guid> NewDraftAsync(SignedInClient admin, int versionId)
    {
        var response = await admin.SubmitAsync("/admin/questionnaires", [new("versionId", versionId.ToString())], "/admin/questionnaires?handler=CreateDraft");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    /// <summary>The question form's fields as they are, with some replaced.</summary>
    private static List<KeyValuePair<string, string>> FormFields(IHtmlDocument page, params (string Name, string Value)[] changes)
    {
        var fields = page.QuerySelectorAll("form[method=post] input[name], form[method=post] textarea[name], form[method=post] select[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio") || e.HasAttribute("checked"))
            .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e switch
            {
                IHtmlTextAreaElement area => area.Value,
                IHtmlSelectElement select => select.Value ?? "",
                _ => e.GetAttribute("value") ?? "",
            }))
            .Where(f => !changes.Any(c => c.Name == f.Key))
            .ToList();
        fields.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return fields;
    }

    private static async Task<HttpResponseMessage> EditQuestionAsync(SignedInClient admin, Guid draft, params (string Name, string Value)[] changes)
    {
        var url = $"/admin/questionnaires/drafts/{draft}/questions/{Question}";
        var (_, page) = await admin.GetAsync(url);
        return await admin.PostAsync(url, page, FormFields(page, changes));
    }

    [Fact]
    public async Task Rewording_a_question_publishes_a_revision_that_a_scan_adopts_without_any_score_changing()
    {
        var admin = await AdminAsync();
        var consultant = await app.CreateUserAsync();
        var scan = await app.CreateScanAsync(organisation: await app.CreateClientAsync(consultant));
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        foreach (var condition in Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Conditions)
            await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition));
        await respondent.SubmitAsync();
        var scoresBefore = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scan.Id).Select(s => s.ScoresJson).SingleAsync());

        var draft = await NewDraftAsync(admin, scan.QuestionnaireVersionId);
        var saved = await EditQuestionAsync(admin, draft, ("Input.Text.Nl", "Het platform kost me weinig moeite."), ("Input.Text.En", "The platform takes me little effort."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, overview) = await admin.GetAsync($"/admin/questionnaires/drafts/{draft}");
        Assert.Contains("tekstrevisie", overview.Body!.TextContent);
        var published = await admin.SubmitAsync($"/admin/questionnaires/drafts/{draft}", [], $"/admin/questionnaires/drafts/{draft}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var baseVersion = await app.QueryAsync(db => db.QuestionnaireVersions.SingleAsync(v => v.Id == scan.QuestionnaireVersionId));
        var revision = await app.QueryAsync(db => db.QuestionnaireVersions.SingleAsync(v => v.Version == baseVersion.Version && v.Revision == baseVersion.Revision + 1));
        Assert.Contains("weinig moeite", revision.DefinitionJson);
        // The scan stays on its version until its consultant adopts the revision.
        Assert.Equal(scan.QuestionnaireVersionId, await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.QuestionnaireVersionId).SingleAsync()));
        var owner = await SignedInClient.SignInAsync(app, consultant);
        var adopted = await owner.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=AdoptRevision");
        Assert.Equal(HttpStatusCode.Redirect, adopted.StatusCode);
        Assert.Equal(revision.Id, await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.QuestionnaireVersionId).SingleAsync()));
        Assert.Equal(scoresBefore, await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scan.Id).Select(s => s.ScoresJson).SingleAsync()));
        // The respondent's result, scored again against the adopted revision, is the same.
        var (_, result) = await respondent.GetAsync(respondent.Url("/result"));
        var stored = await app.AnswersAsync(scan.Id);
        var expected = Domain.Scoring.RespondentScoring.Score(QuestionnaireJson.Load(revision.DefinitionJson), stored.Select(AnswerMapping.ToDomain).ToList());
        Assert.Equal(ScoreSheetJson.Write(expected.ToSheet(null)), ScoreSheetJson.Write(Domain.Scoring.RespondentScoring.Score(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load(), stored.Select(AnswerMapping.ToDomain).ToList()).ToSheet(null)));
        Assert.Equal(4, result.QuerySelectorAll("table.data tbody tr").Length);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "questionnaire.text-changed" && a.After == "Het platform kost me weinig moeite.")));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "questionnaire.published")));
    }

    [Fact]
    public async Task A_draft_without_changes_cant_be_published_and_says_why()
    {
        var admin = await AdminAsync();
        var versionId = await DefaultVersionIdAsync();
        var draft = await NewDraftAsync(admin, versionId);
        var versionsBefore = await app.QueryAsync(db => db.QuestionnaireVersions.CountAsync());

        var (_, overview) = await admin.GetAsync($"/admin/questionnaires/drafts/{draft}");

        Assert.Equal("Nog geen wijzigingen", overview.QuerySelector("#publish")!.TextContent.Trim());
        var button = overview.QuerySelector("button[aria-describedby=publish-reason]")!;
        Assert.NotNull(button.GetAttribute("disabled"));
        Assert.Empty(overview.QuerySelectorAll("form[action*='handler=Publish']"));
        // A tampered post publishes nothing either.
        var published = await admin.SubmitAsync($"/admin/questionnaires/drafts/{draft}", [], $"/admin/questionnaires/drafts/{draft}?handler=Publish");
        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        Assert.Equal(versionsBefore, await app.QueryAsync(db => db.QuestionnaireVersions.CountAsync()));
        Assert.True(await app.QueryAsync(db => db.QuestionnaireDrafts.AnyAsync(d => d.Id == draft)));
    }

    [Fact]
    public async Task A_changed_weight_publishes_a_new_version_that_existing_scans_never_pick_up_and_no_stored_score_changes()
    {
        var admin = await AdminAsync();
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.AnswerAsync("usage", JourneyTests.AnswersFor(Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load().Condition("usage")));
        await respondent.SubmitAsync(confirmUncounted: true);
        var scoresBefore = await app.QueryAsync(db => db.RespondentScores.OrderBy(s => s.RespondentId).Select(s => s.ScoresJson).ToListAsync());
        var draft = await NewDraftAsync(admin, scan.QuestionnaireVersionId);

        await EditQuestionAsync(admin, draft, ("Input.Weight", "2"));
        await admin.SubmitAsync($"/admin/questionnaires/drafts/{draft}", [], $"/admin/questionnaires/drafts/{draft}?handler=Publish");

        var newest = await app.QueryAsync(db => db.QuestionnaireVersions.Where(v => v.Kind == Domain.Questionnaires.QuestionnaireKind.Quickscan).OrderByDescending(v => v.Version).FirstAsync());
        var baseVersion = await app.QueryAsync(db => db.QuestionnaireVersions.SingleAsync(v => v.Id == scan.QuestionnaireVersionId));
        // A new version takes the number after the highest of its questionnaire (v3: v1 and v2 ship with the app).
        Assert.Equal((Domain.DefaultQuestionnaire.DefaultQuestionnaire.Latest + 1, 0), (newest.Version, newest.Revision));
        Assert.Equal(1, baseVersion.Version);
        Assert.Equal(scan.QuestionnaireVersionId, await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.QuestionnaireVersionId).SingleAsync()));
        Assert.Equal(scoresBefore, await app.QueryAsync(db => db.RespondentScores.OrderBy(s => s.RespondentId).Select(s => s.ScoresJson).ToListAsync()));
        // New scans default to the newest version.
        var consultant = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());
        var organisation = await app.CreateClientAsync(await app.CreateUserAsync());
        var owner = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == organisation.OwnerId));
        var (_, form) = await (await SignedInClient.SignInAsync(app, owner)).GetAsync($"/scans/new/{organisation.Id}");
        Assert.Equal(newest.Id.ToString(), form.QuerySelector("#version option[selected]")!.GetAttribute("value"));
        _ = consultant;
    }

    [Fact]
    public async Task Every_save_runs_the_domain_validation_and_shows_the_problems_beside_their_fields()
    {
        var admin = await AdminAsync();
        var draft = await NewDraftAsync(admin, await DefaultVersionIdAsync());

        var response = await EditQuestionAsync(admin, draft, ("Input.Text.En", ""), ("Input.Weight", "0"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await admin.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("De Engelse tekst ontbreekt.", page.QuerySelector("#Input-Text-en-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Input-Text-en")!.GetAttribute("aria-invalid"));
        Assert.Contains("Een gewicht moet boven 0 liggen.", page.Body!.TextContent);
        var (_, overview) = await admin.GetAsync($"/admin/questionnaires/drafts/{draft}");
        Assert.Null(overview.QuerySelector("form[action$='handler=Publish']"));
        var publish = await admin.PostAsync($"/admin/questionnaires/drafts/{draft}?handler=Publish", overview, []);
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
    }

    [Fact]
    public async Task Two_admins_editing_the_same_question_the_second_sees_what_the_first_changed_and_nothing_is_overwritten()
    {
        var first = await AdminAsync();
        var second = await AdminAsync();
        var draft = await NewDraftAsync(first, await DefaultVersionIdAsync());
        var url = $"/admin/questionnaires/drafts/{draft}/questions/{Question}";
        var (_, firstForm) = await first.GetAsync(url);
        var (_, secondForm) = await second.GetAsync(url);

        var firstSave = await first.PostAsync(url, firstForm, FormFields(firstForm, ("Input.Text.Nl", "Versie van de eerste")));
        var secondSave = await second.PostAsync(url, secondForm, FormFields(secondForm, ("Input.Text.Nl", "Versie van de tweede")));

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await secondSave.Content.ReadAsStringAsync());
        Assert.Contains("Versie van de eerste", page.QuerySelector("#conflict")!.TextContent);
        Assert.Equal("Versie van de tweede", page.QuerySelector("#Input-Text-nl")!.TextContent);
        var json = await app.QueryAsync(db => db.QuestionnaireDrafts.Where(d => d.Id == draft).Select(d => d.DefinitionJson).SingleAsync());
        Assert.Contains("Versie van de eerste", json);
        Assert.DoesNotContain("Versie van de tweede", json);
    }

    [Fact]
    public async Task Two_admins_editing_different_questions_both_keep_their_changes()
    {
        var first = await AdminAsync();
        var second = await AdminAsync();
        var draft = await NewDraftAsync(first, await DefaultVersionIdAsync());
        var firstUrl = $"/admin/questionnaires/drafts/{draft}/questions/{Question}";
        var secondUrl = $"/admin/questionnaires/drafts/{draft}/questions/usage.reputation.1";
        var (_, firstForm) = await first.GetAsync(firstUrl);
        var (_, secondForm) = await second.GetAsync(secondUrl);

        await first.PostAsync(firstUrl, firstForm, FormFields(firstForm, ("Input.Text.Nl", "Eerste vraag herschreven")));
        var secondSave = await second.PostAsync(secondUrl, secondForm, FormFields(secondForm, ("Input.Text.Nl", "Tweede vraag herschreven")));

        Assert.Equal(HttpStatusCode.Redirect, secondSave.StatusCode);
        var json = await app.QueryAsync(db => db.QuestionnaireDrafts.Where(d => d.Id == draft).Select(d => d.DefinitionJson).SingleAsync());
        Assert.Contains("Eerste vraag herschreven", json);
        Assert.Contains("Tweede vraag herschreven", json);
    }

    [Fact]
    public async Task Factors_and_questions_are_added_removed_and_reordered()
    {
        var admin = await AdminAsync();
        var draft = await NewDraftAsync(admin, await DefaultVersionIdAsync());
        var url = $"/admin/questionnaires/drafts/{draft}";

        await admin.SubmitAsync(url, [new("key", "usage.effort.2"), new("direction", "-1")], url + "?handler=MoveQuestion");
        await admin.SubmitAsync(url, [new("key", "usage.performance.open")], url + "?handler=RemoveQuestion");
        var added = await admin.SubmitAsync(url, [new("factor", "usage.norms")], url + "?handler=AddQuestion");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("/questions/usage.norms.", added.Headers.Location!.OriginalString);
        var json = await app.QueryAsync(db => db.QuestionnaireDrafts.Where(d => d.Id == draft).Select(d => d.DefinitionJson).SingleAsync());
        var definition = QuestionnaireJson.Parse(json, out var problems)!;
        var effort = definition.Conditions[0].Factors.Single(f => f.Key == "usage.effort");
        Assert.Equal("usage.effort.2", effort.Questions[0].Key);
        Assert.DoesNotContain(definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions), q => q.Key == "usage.performance.open");
        Assert.Contains(problems, p => p.Path.StartsWith("conditions[usage].factors[usage.norms].questions[usage.norms.", StringComparison.Ordinal));
        var tampered = await admin.SubmitAsync(url, [new("key", "does.not.exist")], url + "?handler=RemoveQuestion");
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
    }

    [Fact]
    public async Task The_preview_shows_the_draft_exactly_as_respondents_see_it()
    {
        var admin = await AdminAsync();
        var draft = await NewDraftAsync(admin, await DefaultVersionIdAsync());
        await EditQuestionAsync(admin, draft, ("Input.Text.Nl", "Nieuwe formulering in het voorbeeld"));

        var (response, page) = await admin.GetAsync($"/admin/questionnaires/drafts/{draft}/preview/usage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nieuwe formulering in het voorbeeld", page.QuerySelector($"#q-{Question.Replace(".", "\\.")} legend")!.TextContent);
        Assert.Equal(6, page.QuerySelectorAll($"input[name='Input.Answers[{Question}]']").Length);
    }

    [Fact]
    public async Task Comparing_two_versions_lists_what_changed()
    {
        var admin = await AdminAsync();
        var baseId = await DefaultVersionIdAsync();
        var draft = await NewDraftAsync(admin, baseId);
        await EditQuestionAsync(admin, draft, ("Input.Text.En", "Reworded for the comparison"), ("Input.Weight", "1.5"));

        var (_, page) = await admin.GetAsync($"/admin/questionnaires/compare?from={baseId}&draft={draft}");

        var rows = page.QuerySelectorAll("table.compare tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Reworded for the comparison") && r.Contains("vraag ‘") && r.Contains("tekst (Engels)") && !r.Contains("questions["));
        Assert.Contains(rows, r => r.Contains("Gewicht") && r.Contains("1.5"));
    }

    [Fact]
    public async Task Export_and_import_round_trip_and_a_broken_file_lists_every_problem()
    {
        var admin = await AdminAsync();
        var export = await admin.Http.GetAsync($"/admin/questionnaires/export?versionId={await DefaultVersionIdAsync()}");
        var json = await export.Content.ReadAsStringAsync();
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Empty(QuestionnaireJson.Parse(json, out var exportProblems) is null ? ["unreadable"] : exportProblems.Select(p => p.Path));

        async Task<HttpResponseMessage> ImportAsync(string content)
        {
            var (_, page) = await admin.GetAsync("/admin/questionnaires");
            var form = new MultipartFormDataContent
            {
                { new StringContent(RespondentClient.Token(page)), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "file", "questionnaire.json" },
            };
            return await admin.Http.PostAsync("/admin/questionnaires?handler=Import", form);
        }

        var drafts = await app.QueryAsync(db => db.QuestionnaireDrafts.CountAsync());
        var broken = json.Replace("\"weight\": 1.5", "\"weight\": 0").Replace("\"en\": \"Usage\"", "\"en\": \"\"");
        var refused = await ImportAsync(broken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page2 = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        var listed = page2.QuerySelectorAll("ul.problems li").Select(li => li.TextContent).ToList();
        Assert.Contains(listed, l => l.Contains("conditions[process-integration].weight"));
        Assert.Contains(listed, l => l.Contains("conditions[usage].name.en"));
        Assert.Equal(drafts, await app.QueryAsync(db => db.QuestionnaireDrafts.CountAsync()));

        var accepted = await ImportAsync(json);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(drafts + 1, await app.QueryAsync(db => db.QuestionnaireDrafts.CountAsync()));
    }

    [Fact]
    public async Task Consultants_have_no_access_to_questionnaire_editing()
    {
        var consultant = await SignedInClient.SignInAsync(app, await app.CreateUserAsync());

        foreach (var url in new[] { "/admin/questionnaires", $"/admin/questionnaires/drafts/{Guid.NewGuid()}", "/admin/questionnaires/compare", "/admin/questionnaires/export?versionId=1" })
        {
            var response = await consultant.Http.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, url);
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
        }
    }
}
