using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Admin;

/// <summary>
/// Retention on PostgreSQL: the pass deletes the responses of scans closed longer than their period and the
/// audit entries older than the audit period; the admin and the consultant set the periods through the forms.
/// The tests share one database, so each asserts on its own scans and entries, and the policy test restores it.
/// </summary>
public sealed class RetentionTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<RetentionOutcome> PassAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPass>().RunAsync();
    }

    private async Task<Scan> ClosedScanWithResponsesAsync(int closedDaysAgo, int? retentionDays = null)
    {
        var scan = await app.CreateScanAsync(s =>
        {
            s.Status = ScanStatus.Closed;
            s.ClosedAt = Now.AddDays(-closedDaysAgo);
            s.RetentionDays = retentionDays;
        });
        await ResponseSeeding.AddAsync(app, scan.Id, ["management", null, null], seed: closedDaysAgo, at: Now.AddDays(-closedDaysAgo - 1));
        return scan;
    }

    private Task<int> RespondentsAsync(Guid scanId) => app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == scanId));

    [Fact]
    public async Task A_deleted_scans_results_version_slots_are_swept_and_a_live_scans_are_kept()
    {
        var deleted = await app.CreateScanAsync();
        var live = await app.CreateScanAsync();
        foreach (var scan in new[] { deleted, live })
            await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management"], seed: 90);
        Task<int> SlotsAsync(Guid scanId) => app.QueryAsync(db => db.ScanResultCounters.CountAsync(c => c.ScanId == scanId));
        Assert.True(await SlotsAsync(deleted.Id) > 0);
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == deleted.Id).ExecuteDeleteAsync());
        // The cascade to its scores counted once more: the slots outlive the scan until the pass.
        Assert.True(await SlotsAsync(deleted.Id) > 0);

        await PassAsync();

        Assert.Equal(0, await SlotsAsync(deleted.Id));
        Assert.True(await SlotsAsync(live.Id) > 0);
    }

    [Fact]
    public async Task A_scan_past_its_retention_period_loses_its_responses_keeps_its_notes_and_the_deletion_is_audited()
    {
        // Default period 365 days: closed 400 days ago is due, closed 300 days ago is not.
        var due = await ClosedScanWithResponsesAsync(closedDaysAgo: 400);
        var kept = await ClosedScanWithResponsesAsync(closedDaysAgo: 300);
        await app.ExecuteAsync(async db =>
        {
            db.ReportNotes.Add(new ReportNote { ScanId = due.Id, ConditionKey = "usage", Text = "Blijft staan.", UpdatedAt = Now });
            await db.SaveChangesAsync();
        });
        Assert.Equal(3, await RespondentsAsync(due.Id));

        await PassAsync();

        Assert.Equal(0, await RespondentsAsync(due.Id));
        Assert.Empty(await app.AnswersAsync(due.Id));
        Assert.False(await app.QueryAsync(db => db.RespondentScores.AnyAsync(s => s.ScanId == due.Id)));
        var scan = await app.QueryAsync(db => db.Scans.AsNoTracking().SingleAsync(s => s.Id == due.Id));
        Assert.NotNull(scan.ResponsesDeletedAt);
        Assert.True(await app.QueryAsync(db => db.ReportNotes.AnyAsync(n => n.ScanId == due.Id)));
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == RetentionPass.ResponsesDeletedAction && a.EntityId == due.Id.ToString()));
        Assert.Equal(RetentionPass.Actor, entry.UserName);
        Assert.Contains("3 responses deleted", entry.Summary);

        Assert.Equal(3, await RespondentsAsync(kept.Id));
        Assert.Null(await app.QueryAsync(db => db.Scans.Where(s => s.Id == kept.Id).Select(s => s.ResponsesDeletedAt).SingleAsync()));

        // The next pass finds nothing more to do for it: one audit entry, not one per pass.
        await PassAsync();
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == RetentionPass.ResponsesDeletedAction && a.EntityId == due.Id.ToString())));
    }

    [Fact]
    public async Task A_scans_own_period_wins_over_the_default_both_ways()
    {
        var shortOwn = await ClosedScanWithResponsesAsync(closedDaysAgo: 40, retentionDays: 30);
        var longOwn = await ClosedScanWithResponsesAsync(closedDaysAgo: 400, retentionDays: 730);
        // An open scan whose closing date passed counts as closed from that date.
        var lapsed = await app.CreateScanAsync(s => { s.ClosesAt = Now.AddDays(-31); s.OpensAt = Now.AddDays(-60); s.RetentionDays = 30; });
        await ResponseSeeding.AddAsync(app, lapsed.Id, [null], seed: 7, at: Now.AddDays(-40));

        await PassAsync();

        Assert.Equal(0, await RespondentsAsync(shortOwn.Id));
        Assert.Equal(3, await RespondentsAsync(longOwn.Id));
        Assert.Equal(0, await RespondentsAsync(lapsed.Id));
    }

    [Fact]
    public async Task The_background_worker_runs_a_pass_a_minute_after_start_and_then_every_interval_on_its_clock()
    {
        var first = await ClosedScanWithResponsesAsync(closedDaysAgo: 600);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var worker = new RetentionWorker(app.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Microsoft.Extensions.Options.Options.Create(new RetentionOptions { IntervalMinutes = 60 }), Microsoft.Extensions.Logging.Abstractions.NullLogger<RetentionWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(300);
            Assert.Equal(3, await RespondentsAsync(first.Id));

            clock.Advance(TimeSpan.FromMinutes(1));
            await WaitUntilAsync(async () => await RespondentsAsync(first.Id) == 0);

            var second = await ClosedScanWithResponsesAsync(closedDaysAgo: 700);
            await Task.Delay(300);
            Assert.Equal(3, await RespondentsAsync(second.Id));
            clock.Advance(TimeSpan.FromMinutes(60));
            await WaitUntilAsync(async () => await RespondentsAsync(second.Id) == 0);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
            await Task.Delay(100);
        Assert.True(await condition(), "the worker did not run the pass within 10 s");
    }

    [Fact]
    public async Task Two_instances_running_the_pass_at_once_delete_each_scan_once()
    {
        var due = await ClosedScanWithResponsesAsync(closedDaysAgo: 500);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(PassAsync)));

        Assert.Equal(1, outcomes.Count(o => o.ScansCleared.Contains(due.Id)));
        Assert.Equal(3, outcomes.Where(o => o.ScansCleared.Contains(due.Id)).Sum(o => o.RespondentsDeleted));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == RetentionPass.ResponsesDeletedAction && a.EntityId == due.Id.ToString())));
        Assert.Equal(0, await RespondentsAsync(due.Id));
    }

    [Fact]
    public async Task The_scan_page_and_the_report_say_when_the_responses_were_deleted()
    {
        var consultant = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = Now.AddDays(-800); }, organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, [null, null], seed: 3, at: Now.AddDays(-801));
        await PassAsync();
        var client = await SignedInClient.SignInAsync(app, consultant);

        var (details, detailsPage) = await client.GetAsync($"/scans/{scan.Id}");
        var (report, reportPage) = await client.GetAsync($"/scans/{scan.Id}/report");

        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var date = DateTimeOffset.UtcNow.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("verwijderd volgens de bewaartermijn", detailsPage.QuerySelector("#responses-deleted")!.TextContent);
        Assert.Contains(date, detailsPage.QuerySelector("#responses-deleted")!.TextContent);
        Assert.Contains("verwijderd volgens de bewaartermijn", reportPage.QuerySelector("#responses-deleted")!.TextContent);
        // The PDF's cover says it too.
        var pdf = await client.Http.GetAsync($"/scans/{scan.Id}/export/pdf?lang=nl");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Concat(document.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("Antwoordenverwijderd(bewaartermijn)", text);
    }

    [Fact]
    public async Task The_admin_sets_the_default_and_the_audit_period_and_old_audit_entries_go()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = await SignedInClient.SignInAsync(app, admin);
        var old = new AuditEntry { At = Now.AddDays(-100), UserName = "test", Action = "test.old", EntityType = "test", EntityId = Guid.NewGuid().ToString() };
        var recent = new AuditEntry { At = Now.AddDays(-80), UserName = "test", Action = "test.recent", EntityType = "test", EntityId = Guid.NewGuid().ToString() };
        await app.ExecuteAsync(async db =>
        {
            db.AuditEntries.AddRange(old, recent);
            await db.SaveChangesAsync();
        });
        try
        {
            var save = await client.SubmitAsync("/admin/retention", [new("Input.ResponseDays", "400"), new("Input.AuditDays", "90")]);

            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
            var policy = await app.QueryAsync(db => db.RetentionPolicies.AsNoTracking().SingleAsync());
            Assert.Equal(400, policy.ResponseDays);
            Assert.Equal(90, policy.AuditDays);
            Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "retention.changed" && a.UserId == admin.Id)));
            var (_, page) = await client.GetAsync("/admin/retention?saved=true");
            Assert.Equal("400", page.QuerySelector("#response-days")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector("[role=status]"));

            var outcome = await PassAsync();

            Assert.True(outcome.AuditEntriesDeleted >= 1);
            Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Id == old.Id)));
            Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Id == recent.Id)));
            Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == RetentionPass.AuditPurgedAction)));
        }
        finally
        {
            // The other tests count on the default period.
            await app.ExecuteAsync(db => db.RetentionPolicies.ExecuteDeleteAsync());
        }
    }

    [Theory]
    [InlineData("29", "")]
    [InlineData("3651", "")]
    [InlineData("abc", "")]
    [InlineData("", "")]
    [InlineData("365", "10")]
    [InlineData("365", "x")]
    [InlineData("365", "1e3")]
    public async Task Invalid_admin_input_gives_a_400_page_and_changes_nothing(string responseDays, string auditDays)
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var client = await SignedInClient.SignInAsync(app, admin);

        var response = await client.SubmitAsync("/admin/retention", [new("Input.ResponseDays", responseDays), new("Input.AuditDays", auditDays)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.NotNull(page.QuerySelector(".field-error"));
        Assert.Equal(0, await app.QueryAsync(db => db.RetentionPolicies.CountAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "retention.changed" && a.UserId == admin.Id)));
    }

    [Fact]
    public async Task A_consultant_cannot_open_the_retention_settings()
    {
        var consultant = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, consultant);

        var (response, _) = await client.GetAsync("/admin/retention");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("60", HttpStatusCode.Redirect, 60)]
    [InlineData("", HttpStatusCode.Redirect, null)]
    [InlineData("29", HttpStatusCode.BadRequest, 120)]
    [InlineData("4000", HttpStatusCode.BadRequest, 120)]
    [InlineData("abc", HttpStatusCode.BadRequest, 120)]
    [InlineData("-1", HttpStatusCode.BadRequest, 120)]
    public async Task A_consultant_sets_a_scans_own_period_on_the_edit_form_within_bounds(string days, HttpStatusCode expected, int? stored)
    {
        var consultant = await app.CreateUserAsync();
        var organisation = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => s.RetentionDays = 120, organisation);
        var client = await SignedInClient.SignInAsync(app, consultant);
        var (_, form) = await client.GetAsync($"/scans/{scan.Id}/edit");
        Assert.Equal("120", form.QuerySelector("#retention")!.GetAttribute("value"));

        var response = await client.PostAsync($"/scans/{scan.Id}/edit", form,
        [
            new("Input.Title", "Met bewaartermijn"), new("Input.QuestionnaireVersionId", scan.QuestionnaireVersionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Languages", "nl"), new("Input.AnonymityThreshold", "5"), new("Input.RetentionDays", days),
            new("Input.Version", form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!),
        ]);

        Assert.Equal(expected, response.StatusCode);
        var saved = await app.QueryAsync(db => db.Scans.AsNoTracking().SingleAsync(s => s.Id == scan.Id));
        Assert.Equal(stored, saved.RetentionDays);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("Quickscan 2026", saved.Title);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.NotNull(page.QuerySelector("#retention-error"));
        }
    }
}

/// <summary>The same pass on the SQLite default: its dates are numbers there, compared in SQL the same way.</summary>
public sealed class SqliteRetentionTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_scan_past_its_period_loses_its_responses_and_one_within_keeps_them()
    {
        var now = DateTimeOffset.UtcNow;
        var due = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = now.AddDays(-31); s.RetentionDays = 30; });
        var kept = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = now.AddDays(-29); s.RetentionDays = 30; });
        await ResponseSeeding.AddAsync(app, due.Id, [null, null], seed: 1, at: now.AddDays(-32));
        await ResponseSeeding.AddAsync(app, kept.Id, [null], seed: 2, at: now.AddDays(-30));

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RetentionPass>().RunAsync();

        Assert.False(await app.QueryAsync(db => db.Respondents.AnyAsync(r => r.ScanId == due.Id)));
        Assert.Empty(await app.AnswersAsync(due.Id));
        Assert.NotNull(await app.QueryAsync(db => db.Scans.Where(s => s.Id == due.Id).Select(s => s.ResponsesDeletedAt).SingleAsync()));
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == RetentionPass.ResponsesDeletedAction && a.EntityId == due.Id.ToString())));
        Assert.Equal(1, await app.QueryAsync(db => db.Respondents.CountAsync(r => r.ScanId == kept.Id)));
    }
}
