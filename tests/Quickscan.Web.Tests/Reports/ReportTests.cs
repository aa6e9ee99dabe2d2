using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.Respond;

namespace Quickscan.Web.Tests.Reports;

/// <summary>
/// The results report (/scans/{id}/report), its edits and live updates, and the sponsor's read-only copy
/// (/r/{token}), on PostgreSQL. Figures are checked against the domain library run on the stored scores.
/// </summary>
public sealed class ReportTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");

    private static string F0(double value) => value.ToString("0", Dutch);

    private async Task<(SignedInClient Client, User User, Organisation Organisation)> ConsultantAsync()
    {
        var me = await app.CreateUserAsync();
        return (await SignedInClient.SignInAsync(app, me), me, await app.CreateClientAsync(me));
    }

    /// <summary>A respondent through the real journey: profile, every condition page, submit.</summary>
    private async Task SubmitThroughTheJourneyAsync(Scan scan, int seed, string? roleGroup)
    {
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.SaveProfileAsync(roleGroup)).StatusCode);
        foreach (var condition in Questionnaire.Conditions)
            Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerAsync(condition.Key, JourneyTests.AnswersFor(condition, seed))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.SubmitAsync()).StatusCode);
    }

    /// <summary>What the domain library makes of the scan's stored scores, with the given anonymity threshold.</summary>
    private async Task<ScanResult> ExpectedAsync(Guid scanId, int threshold)
    {
        var rows = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scanId).Select(s => new { s.RoleGroup, s.ScoresJson }).ToListAsync());
        var questionnaire = Questionnaire.Create(Questionnaire.Definition with { Settings = Questionnaire.Settings with { AnonymityThreshold = threshold } });
        return ScanAggregation.Aggregate(questionnaire, rows.Select(r => ScoreSheetJson.Read(r.ScoresJson, r.RoleGroup)).ToList());
    }

    private static string Text(IElement? element) => System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();

    private static string Stamp(IHtmlDocument page) => page.QuerySelector("input[name='step.Stamp']")!.GetAttribute("value")!;

    // ---- Figures --------------------------------------------------------------------------------

    [Fact]
    public async Task The_report_shows_what_the_domain_library_computes_from_the_submitted_scores()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        string?[] roles = ["employee", "employee", "management", "employee", "employee", "employee"];
        for (var i = 0; i < roles.Length; i++)
            await SubmitThroughTheJourneyAsync(scan, seed: i * 7, roles[i]);
        // One who started but never submitted: counted as started, not in any figure.
        await new RespondentClient(app, scan.ShareToken).StartAsync();

        var (response, page) = await client.GetAsync($"/scans/{scan.Id}/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await ExpectedAsync(scan.Id, threshold: 5);
        Assert.Equal(6, expected.Respondents);
        var summary = Text(page.QuerySelector("#summary"));
        Assert.Contains("Gebaseerd op 6 ingestuurde reacties.", summary);
        Assert.Contains("7 gestart.", summary);
        Assert.Equal($"Niveau {expected.Level!.Number}: {expected.Level.Name.Nl}", Text(page.QuerySelector("#summary .level-badge")));
        Assert.Equal($"Index {F0(expected.Index!.Value)} van 100", Text(page.QuerySelector("#summary .index")));
        // The bottleneck is named only with the scan's margin; otherwise the jointly weakest are.
        Assert.All(expected.Weakest.JointlyWeakest, key => Assert.Contains(Questionnaire.Condition(key).Name.Nl, Text(page.QuerySelector("#summary .notice"))));
        Assert.NotEmpty(expected.Weakest.JointlyWeakest);

        // The profile table and the radar chart.
        var rows = page.QuerySelectorAll("#profile table tbody tr");
        Assert.Equal(4, rows.Length);
        foreach (var (condition, row) in expected.Conditions.Zip(rows))
        {
            var cells = row.QuerySelectorAll("td");
            Assert.Equal(Questionnaire.Condition(condition.Key).Name.Nl, Text(row.QuerySelector("th")));
            Assert.Equal(F0(condition.Mean!.Value), Text(cells[0]));
            Assert.Equal($"{condition.Level!.Number} – {condition.Level.Name.Nl}", Text(cells[1]));
        }

        Assert.NotNull(page.QuerySelector("#profile svg[role=img] title"));

        // Per condition: level description, spread, SD, consensus, factors, distribution.
        foreach (var condition in expected.Conditions)
        {
            var figures = page.QuerySelector($"#condition-{condition.Key}-figures")!;
            var statistics = condition.Statistics!;
            var text = Text(figures);
            Assert.Contains($"Score {F0(condition.Mean!.Value)} van 100", text);
            Assert.Contains(Questionnaire.ConditionLevel(condition.Key, condition.Level!.Number).Description.Nl, text);
            Assert.Contains($"{F0(statistics.Min)}–{F0(statistics.Max)} (laagste–hoogste)", text);
            Assert.Contains(statistics.StandardDeviation!.Value.ToString("0.0", Dutch), text);
            Assert.Equal(condition.LacksConsensus, figures.QuerySelector(".report-flag") is not null);

            var tables = figures.QuerySelectorAll("table");
            var factorValues = tables[0].QuerySelectorAll("tbody .bar-value").Select(Text).ToList();
            Assert.Equal(condition.Factors.Select(f => f.Statistics is { } s ? F0(s.Mean) : "–"), factorValues);
            var distribution = tables[1].QuerySelectorAll("tbody .bar-value").Select(Text).ToList();
            Assert.Equal(condition.LevelDistribution.Select(n => n.ToString(Dutch)), distribution);
        }

        // Role groups: employee (5) shown, management (1) hidden and counted.
        Assert.Single(expected.RoleGroups);
        var groupRows = page.QuerySelectorAll("#groups tbody tr");
        Assert.Single(groupRows);
        Assert.Contains("Medewerker", Text(groupRows[0]));
        Assert.Equal("5", Text(groupRows[0].QuerySelectorAll("td")[0]));
        var employees = expected.RoleGroups[0];
        Assert.Equal(employees.Conditions.Select(c => F0(c.Mean!.Value)), groupRows[0].QuerySelectorAll("td").Skip(1).Select(Text));
        Assert.Contains("1 rolgroep met minder dan 5 reacties is niet getoond.", Text(page.QuerySelector("#groups")));

        // The generated next steps, the first three marked as priorities, each with its why.
        var steps = page.QuerySelectorAll("#steps ol.report-steps > li");
        var planned = Domain.Advice.AdvicePlanner.Plan(Questionnaire, expected.Profile);
        Assert.Equal(planned.Count, steps.Length);
        Assert.Equal(3, page.QuerySelectorAll("#steps li.is-priority").Length);
        Assert.Contains(planned[0].Why.Describe(Questionnaire, Language.Nl), Text(steps[0].QuerySelector(".why")));
    }

    [Fact]
    public async Task Role_groups_follow_the_scans_own_anonymity_threshold_not_the_questionnaires()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(s => s.AnonymityThreshold = 3, organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee", "management", "management", null], seed: 11);

        var (_, looser) = await client.GetAsync($"/scans/{scan.Id}/report");

        // The questionnaire's threshold is 5: with it, neither group would show. The scan says 3.
        var shown = looser.QuerySelectorAll("#groups tbody tr");
        Assert.Single(shown);
        Assert.Contains("Medewerker", Text(shown[0]));
        Assert.Equal(F0((await ExpectedAsync(scan.Id, 3)).RoleGroups.Single().Conditions[0].Mean!.Value), Text(shown[0].QuerySelectorAll("td")[1]));
        Assert.Contains("1 rolgroep met minder dan 3 reacties is niet getoond.", Text(looser.QuerySelector("#groups")));
        Assert.Contains("Alleen rolgroepen met minstens 3 reacties", Text(looser.QuerySelector("#groups")));

        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AnonymityThreshold, 4)));
        var (_, stricter) = await client.GetAsync($"/scans/{scan.Id}/report");

        Assert.Empty(stricter.QuerySelectorAll("#groups tbody tr"));
        Assert.Contains("2 rolgroepen met minder dan 4 reacties zijn niet getoond.", Text(stricter.QuerySelector("#groups")));
    }

    [Fact]
    public async Task A_scan_without_responses_has_a_complete_empty_report()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);

        var (response, page) = await client.GetAsync($"/scans/{scan.Id}/report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Er zijn nog geen reacties ingestuurd.", Text(page.QuerySelector("#summary")));
        Assert.Contains("Nog geen vervolgstappen.", Text(page.QuerySelector("#steps")));
        Assert.Contains("Er is geen eerdere scan", Text(page.QuerySelector("#previous")));
        Assert.Contains("Nog geen benchmark", Text(page.QuerySelector("#benchmark")));
    }

    [Fact]
    public async Task After_new_and_deleted_responses_the_report_matches_the_stored_scores_again()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        var url = $"/scans/{scan.Id}/report";
        async Task<int> AssertMatchesAsync(int respondents)
        {
            app.Queries.Reset();
            var (_, page) = await client.GetAsync(url);
            var queries = app.Queries.Count;
            var expected = await ExpectedAsync(scan.Id, threshold: 5);
            Assert.Equal(respondents, expected.Respondents);
            Assert.Contains($"Gebaseerd op {respondents} ingestuurde reacties.", Text(page.QuerySelector("#summary")));
            Assert.Equal(expected.Conditions.Select(c => F0(c.Mean!.Value)), page.QuerySelectorAll("#profile tbody tr").Select(r => Text(r.QuerySelector("td"))));
            Assert.Equal(expected.Conditions.Select(c => c.Statistics!.StandardDeviation!.Value.ToString("0.0", Dutch)),
                expected.Conditions.Select(c => Text(page.QuerySelector($"#condition-{c.Key}-figures dl dd:nth-of-type(2)"))));
            Assert.Equal(expected.RoleGroups.Select(g => g.Respondents.ToString(Dutch)), page.QuerySelectorAll("#groups tbody tr").Select(r => Text(r.QuerySelector("td"))));
            return queries;
        }

        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management"], seed: 21, lean: 2);
        await AssertMatchesAsync(3);
        // Only the new rows are read into the kept aggregate (their scores and their answers, two queries) and nothing is
        // written: the figures are those of all six.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee"], seed: 22, lean: 5);
        var incremental = await AssertMatchesAsync(6);
        await SubmitThroughTheJourneyAsync(scan, seed: 3, "employee");
        Assert.Equal(incremental, await AssertMatchesAsync(7));
        // A deleted response: the counts no longer add up, the result kept in the database is behind too (one query to
        // find that out), so every score and answer row is read again and the result kept again (one update).
        await app.ExecuteAsync(async db =>
        {
            var first = await db.Respondents.Where(r => r.ScanId == scan.Id).OrderBy(r => r.Id).FirstAsync();
            db.Respondents.Remove(first);
            await db.SaveChangesAsync();
        });
        Assert.Equal(incremental + 3, await AssertMatchesAsync(6));
    }

    // ---- Notes ----------------------------------------------------------------------------------

    [Fact]
    public async Task Notes_are_stored_shown_as_text_audited_cleared_and_shown_to_the_sponsor()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(), organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 3);
        var url = $"/scans/{scan.Id}/report";
        const string note = "Adoptie loopt goed.\nLet op <script>alert('x')</script> & managers.";

        var saved = await client.SubmitAsync(url, [new("note.ConditionKey", "usage"), new("note.Text", note)], $"{url}?handler=Note");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("#note-usage", saved.Headers.Location!.OriginalString);
        var stored = await app.QueryAsync(db => db.ReportNotes.SingleAsync(n => n.ScanId == scan.Id));
        Assert.Equal(("usage", note), (stored.ConditionKey, stored.Text));
        var (_, page) = await client.GetAsync(url);
        var shown = page.QuerySelector("#note-usage p.preserve-lines")!;
        Assert.Equal(note, shown.TextContent);
        Assert.Empty(shown.QuerySelectorAll("script"));
        Assert.Equal(note, page.QuerySelector("#note-text-usage")!.TextContent);

        var edited = await client.SubmitAsync(url, [new("note.ConditionKey", "usage"), new("note.Text", "  Bijgesteld.  ")], $"{url}?handler=Note");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Bijgesteld.", await app.QueryAsync(db => db.ReportNotes.Where(n => n.ScanId == scan.Id).Select(n => n.Text).SingleAsync()));

        // The sponsor sees it, without any form.
        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (sponsorResponse, sponsorPage) = await sponsor.GetAsync($"/r/{scan.ReportToken}");
        Assert.Equal(HttpStatusCode.OK, sponsorResponse.StatusCode);
        Assert.Equal("Bijgesteld.", Text(sponsorPage.QuerySelector("#note-usage p.preserve-lines")));

        var cleared = await client.SubmitAsync(url, [new("note.ConditionKey", "usage"), new("note.Text", "")], $"{url}?handler=Note");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.False(await app.QueryAsync(db => db.ReportNotes.AnyAsync(n => n.ScanId == scan.Id)));

        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scan.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["report.note-changed", "report.note-changed", "report.note-changed"], audit.Select(a => a.Action));
        Assert.Equal(["usage: added", "usage: changed", "usage: cleared"], audit.Select(a => a.Summary));
        Assert.Equal((note, "Bijgesteld."), (audit[1].Before, audit[1].After));
        Assert.Equal(["Gebruik: notitie gewist", "Gebruik: notitie gewijzigd", "Gebruik: notitie toegevoegd"], await TrailAsync(audit[0], "nl"));
        Assert.Equal(["Usage: note cleared", "Usage: note changed", "Usage: note added"], await TrailAsync(audit[0], "en"));
    }

    /// <summary>The subjects of the audit trail's entries of this user and action, newest first, as an admin reads them.</summary>
    private async Task<List<string>> TrailAsync(AuditEntry entry, string culture)
    {
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        var (_, page) = await admin.GetAsync($"/admin/audit?Filter.User={Uri.EscapeDataString(entry.UserName)}&Filter.Action={entry.Action}&culture={culture}");
        return [.. page.QuerySelectorAll("table.audit tbody tr td:nth-child(4) a").Select(Text)];
    }

    // ---- Next steps -----------------------------------------------------------------------------

    [Fact]
    public async Task Next_steps_are_copied_on_the_first_edit_then_added_moved_removed_and_restored()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(s => s.ReportToken = Quickscan.Web.Infrastructure.Tokens.New(), organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management"], seed: 5);
        var url = $"/scans/{scan.Id}/report";
        var (_, before) = await client.GetAsync(url);
        var generated = before.QuerySelectorAll("#steps ol.report-steps > li .step-title-text").Select(Text).ToList();
        Assert.True(generated.Count >= 4, $"expected several generated steps, got {generated.Count}");
        Assert.Equal(0, await app.QueryAsync(db => db.ReportNextSteps.CountAsync(s => s.ScanId == scan.Id)));

        // Edit step 2: every generated step is copied, step 2 as edited.
        var edit = await client.PostAsync($"{url}?handler=SaveStep", before,
        [
            new("step.Position", "2"), new("step.Stamp", Stamp(before)), new("step.Title", "Eigen stap"),
            new("step.Text", "Plan een sessie met <b>managers</b>."), new("step.Why", "Uit het gesprek."), new("step.ConditionKey", "organisation"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var rows = await app.QueryAsync(db => db.ReportNextSteps.Where(s => s.ScanId == scan.Id).OrderBy(s => s.Position).ToListAsync());
        Assert.Equal(generated.Count, rows.Count);
        Assert.Equal(Enumerable.Range(1, generated.Count), rows.Select(r => r.Position));
        Assert.Equal(("Eigen stap", "Plan een sessie met <b>managers</b>.", "Uit het gesprek.", "organisation"), (rows[1].Title, rows[1].Text, rows[1].Why, rows[1].ConditionKey));
        Assert.Equal(generated[0], rows[0].Title);
        Assert.Equal(generated[2], rows[2].Title);

        // Add one at the end, move it up, remove the first.
        var (_, page) = await client.GetAsync(url);
        Assert.Equal("Plan een sessie met <b>managers</b>.", page.QuerySelectorAll("#steps ol.report-steps > li")[1].QuerySelector("p.preserve-lines")!.TextContent);
        var added = await client.PostAsync($"{url}?handler=SaveStep", page,
            [new("step.Position", "0"), new("step.Stamp", Stamp(page)), new("step.Title", "Nieuwe stap"), new("step.Text", "Doen."), new("step.ConditionKey", "")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        (_, page) = await client.GetAsync(url);
        var moved = await client.PostAsync($"{url}?handler=MoveStep", page,
            [new("move.Position", (generated.Count + 1).ToString(Dutch)), new("move.Direction", "up"), new("move.Stamp", Stamp(page))]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        (_, page) = await client.GetAsync(url);
        var removed = await client.PostAsync($"{url}?handler=RemoveStep", page, [new("remove.Position", "1"), new("remove.Stamp", Stamp(page))]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var titles = await app.QueryAsync(db => db.ReportNextSteps.Where(s => s.ScanId == scan.Id).OrderBy(s => s.Position).Select(s => s.Title).ToListAsync());
        var expectedTitles = generated.Skip(2).ToList();
        expectedTitles.Insert(expectedTitles.Count - 1, "Nieuwe stap");
        Assert.Equal(["Eigen stap", .. expectedTitles], titles);
        (_, page) = await client.GetAsync(url);
        Assert.Equal(titles, page.QuerySelectorAll("#steps ol.report-steps > li .step-title-text").Select(Text));
        Assert.Equal(3, page.QuerySelectorAll("#steps li.is-priority").Length);

        // The sponsor sees the edited list.
        var (_, sponsorPage) = await new RespondentClient(app, scan.ShareToken).GetAsync($"/r/{scan.ReportToken}");
        Assert.Equal(titles, sponsorPage.QuerySelectorAll("#steps ol.report-steps > li .step-title-text").Select(Text));
        Assert.Empty(sponsorPage.QuerySelectorAll("main form"));

        // Restore: the rows go, the generated steps are back.
        var restored = await client.PostAsync($"{url}?handler=RestoreSteps", page, [new("restore.Stamp", Stamp(page))]);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.ReportNextSteps.CountAsync(s => s.ScanId == scan.Id)));
        (_, page) = await client.GetAsync(url);
        Assert.Equal(generated, page.QuerySelectorAll("#steps ol.report-steps > li .step-title-text").Select(Text));

        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == scan.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.All(audit, a => Assert.Equal("report.steps-changed", a.Action));
        Assert.Equal(["step 2 edited", $"step {generated.Count + 1} added", $"step {generated.Count + 1} moved up", "step 1 removed", "generated steps restored"], audit.Select(a => a.Summary));
        // Shown in the reader's language (stored in one form, so entries read the same whoever wrote them).
        Assert.Equal(["Voorgestelde stappen teruggezet", "Stap 1 verwijderd", $"Stap {generated.Count + 1} omhoog verplaatst", $"Stap {generated.Count + 1} toegevoegd", "Stap 2 bewerkt"], await TrailAsync(audit[0], "nl"));
        Assert.Equal(["Suggested steps restored", "Step 1 removed", $"Step {generated.Count + 1} moved up", $"Step {generated.Count + 1} added", "Step 2 edited"], await TrailAsync(audit[0], "en"));
        Assert.Contains("2. Eigen stap", audit[0].After);
    }

    [Fact]
    public async Task Tampered_input_is_refused_with_400_and_nothing_is_stored()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 9);
        var url = $"/scans/{scan.Id}/report";
        var (_, page) = await client.GetAsync(url);
        var stamp = Stamp(page);
        var steps = page.QuerySelectorAll("#steps ol.report-steps > li").Length;

        (string Handler, KeyValuePair<string, string>[] Fields)[] tampered =
        [
            ("Note", [new("note.ConditionKey", "bogus"), new("note.Text", "x")]),
            ("Note", [new("note.ConditionKey", ""), new("note.Text", "x")]),
            ("Note", [new("note.ConditionKey", "usage"), new("note.Text", new string('x', 4001))]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", stamp), new("step.Title", " "), new("step.Text", "x")]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "")]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", stamp), new("step.Title", new string('x', 201)), new("step.Text", "x")]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x"), new("step.Why", new string('x', 1001))]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x"), new("step.ConditionKey", "elsewhere")]),
            ("SaveStep", [new("step.Position", (steps + 1).ToString(Dutch)), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x")]),
            ("SaveStep", [new("step.Position", "-1"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x")]),
            ("SaveStep", [new("step.Position", "one"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x")]),
            ("SaveStep", [new("step.Position", "1"), new("step.Stamp", "not-a-stamp"), new("step.Title", "x"), new("step.Text", "x")]),
            ("RemoveStep", [new("remove.Position", "0"), new("remove.Stamp", stamp)]),
            ("RemoveStep", [new("remove.Position", (steps + 1).ToString(Dutch)), new("remove.Stamp", stamp)]),
            ("MoveStep", [new("move.Position", "1"), new("move.Direction", "sideways"), new("move.Stamp", stamp)]),
            ("MoveStep", [new("move.Position", "1"), new("move.Direction", "up"), new("move.Stamp", stamp)]),
            ("MoveStep", [new("move.Position", steps.ToString(Dutch)), new("move.Direction", "down"), new("move.Stamp", stamp)]),
            ("RestoreSteps", [new("restore.Stamp", "")]),
        ];

        foreach (var (handler, fields) in tampered)
        {
            var response = await client.PostAsync($"{url}?handler={handler}", page, fields);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{handler} {string.Join(", ", fields.Select(f => $"{f.Key}={f.Value[..Math.Min(20, f.Value.Length)]}"))} gave {response.StatusCode}");
        }

        // Without a valid anti-forgery token nothing is accepted either.
        var forged = await client.Http.PostAsync($"{url}?handler=Note", new FormUrlEncodedContent([new("note.ConditionKey", "usage"), new("note.Text", "x"), new("__RequestVerificationToken", "forged")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.False(await app.QueryAsync(db => db.ReportNotes.AnyAsync(n => n.ScanId == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.ReportNextSteps.AnyAsync(s => s.ScanId == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString())));
    }

    [Fact]
    public async Task An_edit_on_a_step_list_that_changed_since_is_refused_with_409_and_nothing_is_stored()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee"], seed: 1, lean: 2);
        var url = $"/scans/{scan.Id}/report";
        var (_, stale) = await client.GetAsync(url);

        // New responses change the generated steps the page showed.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee"], seed: 2, lean: 5);
        var response = await client.PostAsync($"{url}?handler=SaveStep", stale,
            [new("step.Position", "1"), new("step.Stamp", Stamp(stale)), new("step.Title", "Te laat"), new("step.Text", "x")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("zijn gewijzigd sinds je deze pagina opende", Text(page.QuerySelector("#steps [role=alert]")));
        Assert.False(await app.QueryAsync(db => db.ReportNextSteps.AnyAsync(s => s.ScanId == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString())));
    }

    // ---- Previous scan --------------------------------------------------------------------------

    [Fact]
    public async Task The_organisations_previous_scan_with_responses_is_compared_per_condition()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var now = DateTimeOffset.UtcNow;
        var earliest = await app.CreateScanAsync(s => { s.Title = "Scan 2024"; s.Status = ScanStatus.Closed; s.CreatedAt = now.AddDays(-700); }, organisation);
        var previous = await app.CreateScanAsync(s => { s.Title = "Scan 2025"; s.Status = ScanStatus.Closed; s.CreatedAt = now.AddDays(-300); }, organisation);
        var unanswered = await app.CreateScanAsync(s => { s.Title = "Proef"; s.CreatedAt = now.AddDays(-100); }, organisation);
        var current = await app.CreateScanAsync(s => { s.Title = "Scan 2026"; s.CreatedAt = now.AddDays(-1); }, organisation);
        var later = await app.CreateScanAsync(s => { s.Title = "Scan 2027"; s.CreatedAt = now; }, organisation);
        await ResponseSeeding.AddAsync(app, earliest.Id, ["employee"], seed: 1, lean: 1);
        await ResponseSeeding.AddAsync(app, previous.Id, ["employee", "employee", "management"], seed: 2, lean: 2);
        await new RespondentClient(app, unanswered.ShareToken).StartAsync(); // started, never submitted
        await ResponseSeeding.AddAsync(app, current.Id, ["employee", "employee"], seed: 3, lean: 4);
        await ResponseSeeding.AddAsync(app, later.Id, ["employee"], seed: 4, lean: 5);

        var (_, page) = await client.GetAsync($"/scans/{current.Id}/report");

        var section = page.QuerySelector("#previous")!;
        Assert.Contains("Vergeleken met ‘Scan 2025’", Text(section));
        Assert.Contains("(3 reacties)", Text(section));
        var comparison = Rescan.Compare(Questionnaire, (await ExpectedAsync(previous.Id, 5)).Profile, (await ExpectedAsync(current.Id, 5)).Profile);
        var rows = section.QuerySelectorAll("tbody tr");
        Assert.Equal(5, rows.Length);
        foreach (var (change, row) in comparison.Conditions.Zip(rows))
        {
            var cells = row.QuerySelectorAll("td").Select(Text).ToList();
            Assert.Equal(F0(change.Previous!.Value), cells[0]);
            Assert.Equal(F0(change.Current!.Value), cells[1]);
            Assert.Equal(Math.Round(change.ScoreChange!.Value).ToString("+0;−0;0", Dutch), cells[2]);
            Assert.Equal($"{change.PreviousLevel} → {change.CurrentLevel} ({change.LevelChange!.Value.ToString("+0;−0;0", Dutch)})", cells[3]);
        }

        Assert.Equal(Math.Round(comparison.IndexChange!.Value).ToString("+0;−0;0", Dutch), Text(rows[4].QuerySelectorAll("td")[2]));
        // The previous scan is an overlay on the radar chart and a column of the profile table.
        Assert.Contains("Vorige scan", Text(page.QuerySelector("#profile .legend")));
    }

    // ---- Live updates ---------------------------------------------------------------------------

    [Fact]
    public async Task The_live_endpoint_answers_204_until_a_new_submission_then_the_updated_report()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee"], seed: 6);
        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report");
        var body = page.QuerySelector("[data-report-body]")!;
        var live = body.GetAttribute("data-live-url")!;
        var stamp = body.GetAttribute("data-stamp")!;
        Assert.Equal("1", body.GetAttribute("data-responses"));
        Assert.NotNull(page.QuerySelector("#report-live-status[aria-live=polite]"));

        var unchanged = await client.Http.GetAsync($"{live}&since={Uri.EscapeDataString(stamp)}");
        Assert.Equal(HttpStatusCode.NoContent, unchanged.StatusCode);

        await SubmitThroughTheJourneyAsync(scan, seed: 2, "management");
        var (changed, fragment) = await client.GetAsync($"{live}&since={Uri.EscapeDataString(stamp)}");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(changed.Headers.CacheControl!.NoStore);
        var fresh = fragment.QuerySelector("[data-report-body]")!;
        Assert.Equal("2", fresh.GetAttribute("data-responses"));
        Assert.NotEqual(stamp, fresh.GetAttribute("data-stamp"));
        Assert.Contains("Gebaseerd op 2 ingestuurde reacties.", Text(fresh.QuerySelector("#summary")));
        Assert.Null(fragment.QuerySelector("header.site-header")); // a fragment, not a page
        var expected = await ExpectedAsync(scan.Id, 5);
        Assert.Equal(F0(expected.Conditions[0].Mean!.Value), Text(fresh.QuerySelector("#profile tbody tr td")));

        // A closed scan's report is not live.
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScanStatus.Closed)));
        var (_, closed) = await client.GetAsync($"/scans/{scan.Id}/report");
        Assert.True(string.IsNullOrEmpty(closed.QuerySelector("[data-report-body]")!.GetAttribute("data-live-url")));
        Assert.Null(closed.QuerySelector("#report-live-status"));
    }

    // ---- Access ---------------------------------------------------------------------------------

    [Fact]
    public async Task Another_consultant_gets_404_on_every_report_url_and_nothing_is_stored()
    {
        var (owner, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 8);
        var (_, ownPage) = await owner.GetAsync($"/scans/{scan.Id}/report");
        var stamp = Stamp(ownPage);
        var (other, _, _) = await ConsultantAsync();
        var (_, otherPage) = await other.GetAsync("/clients"); // for the other consultant's own anti-forgery token
        var url = $"/scans/{scan.Id}/report";

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"{url}?handler=Live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"{url}?handler=Live&since=0.0")).StatusCode);
        (string Handler, KeyValuePair<string, string>[] Fields)[] posts =
        [
            ("Note", [new("note.ConditionKey", "usage"), new("note.Text", "x")]),
            ("SaveStep", [new("step.Position", "0"), new("step.Stamp", stamp), new("step.Title", "x"), new("step.Text", "x")]),
            ("RemoveStep", [new("remove.Position", "1"), new("remove.Stamp", stamp)]),
            ("MoveStep", [new("move.Position", "2"), new("move.Direction", "up"), new("move.Stamp", stamp)]),
            ("RestoreSteps", [new("restore.Stamp", stamp)]),
        ];
        foreach (var (handler, fields) in posts)
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{url}?handler={handler}", otherPage, fields)).StatusCode);

        Assert.False(await app.QueryAsync(db => db.ReportNotes.AnyAsync(n => n.ScanId == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.ReportNextSteps.AnyAsync(s => s.ScanId == scan.Id)));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == scan.Id.ToString())));

        // Not signed in at all: to the login page, for the page and the live endpoint alike.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { url, $"{url}?handler=Live" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        }

        // An admin sees every report.
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_sponsor_link_shows_the_report_read_only_masks_its_token_and_is_404_once_revoked()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "employee"], seed: 12);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=CreateReportLink")).StatusCode);
        var token = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.ReportToken).SingleAsync());
        var (_, details) = await client.GetAsync($"/scans/{scan.Id}");
        Assert.Equal($"http://localhost/r/{token}", details.QuerySelector("#report-link")!.GetAttribute("value"));

        var sponsor = new RespondentClient(app, scan.ShareToken);
        var (response, page) = await sponsor.GetAsync($"/r/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("Gebaseerd op 3 ingestuurde reacties.", Text(page.QuerySelector("#summary")));
        Assert.Empty(page.QuerySelectorAll("form, textarea, details.report-edit"));
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("[data-report-body]")!.GetAttribute("data-live-url")));
        var expected = await ExpectedAsync(scan.Id, 5);
        Assert.Equal($"Index {F0(expected.Index!.Value)} van 100", Text(page.QuerySelector("#summary .index")));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(token!, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=RevokeReportLink")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync($"/r/{token}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync("/r/" + new string('A', 32))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync("/r/short")).Response.StatusCode);
    }

    [Fact]
    public async Task Six_simultaneous_first_sponsor_links_leave_one_link_and_the_others_get_409_in_the_users_language()
    {
        var (client, _, organisation) = await ConsultantAsync();
        var scan = await app.CreateScanAsync(organisation: organisation);
        // Six tabs of the scan's page, each opened on its own (its own anti-forgery token), then clicked at once.
        var tabs = new List<AngleSharp.Html.Dom.IHtmlDocument>();
        for (var i = 0; i < 6; i++)
            tabs.Add((await client.GetAsync($"/scans/{scan.Id}?culture=en")).Document);

        var responses = await Task.WhenAll(tabs.Select(page => client.PostAsync($"/scans/{scan.Id}?handler=CreateReportLink&culture=en", page, [])));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.True(created >= 1);
        var token = await app.QueryAsync(db => db.Scans.Where(s => s.Id == scan.Id).Select(s => s.ReportToken).SingleAsync());
        Assert.NotNull(token);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await conflict.Content.ReadAsStringAsync());
            Assert.Equal("This scan was changed somewhere else at the same moment. Below is how it is now; do it again if still needed.", Text(page.QuerySelector("#scan-conflict")));
        }

        // Each landed click is audited once; the refused ones left nothing.
        Assert.Equal(created, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == scan.Id.ToString() && a.Action == "scan.report-link-created")));
        var (_, details) = await client.GetAsync($"/scans/{scan.Id}");
        Assert.Equal($"http://localhost/r/{token}", details.QuerySelector("#report-link")!.GetAttribute("value"));
    }
}
