using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Reports;

/// <summary>The app with the report's in-memory cache off: every figure comes from the database.</summary>
public sealed class UncachedApp : QuickscanApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quickscan:ReportCache", "false");
    }
}

/// <summary>
/// The scan's ResultsVersion (bumped by database triggers with every change to what its figures are computed
/// from) and the kept ScanSummary rows built on it: written when a scan closes, recomputed once they are behind,
/// shared by instances. With the in-memory cache off, so every read goes to the database.
/// </summary>
public sealed class ResultsVersionTests(UncachedApp app) : IClassFixture<UncachedApp>
{
    private static readonly Domain.Questionnaires.Questionnaire Questionnaire = Domain.DefaultQuestionnaire.DefaultQuestionnaire.Load();

    /// <summary>The scan's results version: its own part plus its counter slots.</summary>
    private Task<long> VersionAsync(Guid scanId) => app.QueryAsync(db => db.Scans.Where(s => s.Id == scanId)
        .Select(s => s.ResultsVersion + db.ScanResultCounters.Where(c => c.ScanId == s.Id).Sum(c => c.Changes)).SingleAsync());

    private Task<ScanSummary?> StoredSummaryAsync(Guid scanId) => app.QueryAsync(db => db.ScanSummaries.AsNoTracking().SingleOrDefaultAsync(s => s.ScanId == scanId));

    private async Task<KeptSummary?> SummaryAsync(Guid scanId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var kept = await scope.ServiceProvider.GetRequiredService<ScanSummaries>().GetAsync([scanId]);
        return kept.GetValueOrDefault(scanId);
    }

    private async Task<ScoreProfile> ProfileFromScoresAsync(Guid scanId)
    {
        var rows = await app.QueryAsync(db => db.RespondentScores.Where(s => s.ScanId == scanId).Select(s => new { s.RoleGroup, s.ScoresJson }).ToListAsync());
        return ScanAggregation.Aggregate(Questionnaire, rows.Select(r => ScoreSheetJson.Read(r.ScoresJson, r.RoleGroup)).ToList()).Profile;
    }

    /// <summary>Runs a change and tells whether the scan's ResultsVersion moved on with it.</summary>
    private async Task<bool> MovesAsync(Guid scanId, Func<QuickscanDbContext, Task> change)
    {
        var before = await VersionAsync(scanId);
        await app.ExecuteAsync(change);
        return await VersionAsync(scanId) > before;
    }

    [Fact]
    public async Task The_results_version_moves_on_with_every_change_to_the_figures_whatever_makes_it_and_only_then()
    {
        var scan = await app.CreateScanAsync();
        var other = await app.CreateScanAsync();
        Assert.Equal(0, await VersionAsync(scan.Id));
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee"], seed: 11);
        await ResponseSeeding.AddAsync(app, other.Id, ["employee"], seed: 12);
        Assert.True(await VersionAsync(scan.Id) > 0);
        var otherVersion = await VersionAsync(other.Id);
        var respondents = await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id).Select(r => r.Id).ToListAsync());

        // What the figures are computed from: score rows, counted and flagged marks, the exclusion of flagged responses.
        Assert.True(await MovesAsync(scan.Id, db => db.RespondentScores.Where(s => s.RespondentId == respondents[0])
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ScoredAt, DateTimeOffset.UtcNow))));
        Assert.True(await MovesAsync(scan.Id, db => db.Respondents.Where(r => r.Id == respondents[0]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Counted, false))));
        Assert.True(await MovesAsync(scan.Id, db => db.Respondents.Where(r => r.Id == respondents[1]).ExecuteUpdateAsync(s => s.SetProperty(x => x.TooFast, true))));
        Assert.True(await MovesAsync(scan.Id, async db =>
        {
            var tracked = await db.Scans.SingleAsync(s => s.Id == scan.Id);
            tracked.ExcludeFlagged = true;
            await db.SaveChangesAsync();
        }));
        Assert.True(await MovesAsync(scan.Id, db => db.Respondents.Where(r => r.Id == respondents[2]).ExecuteDeleteAsync()));

        // What they are not: an answer saved, the same mark written again, a title edited.
        Assert.False(await MovesAsync(scan.Id, db => db.Respondents.Where(r => r.Id == respondents[1])
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, DateTimeOffset.UtcNow).SetProperty(x => x.TooFast, true))));
        Assert.False(await MovesAsync(scan.Id, db => db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, "Quickscan 2027"))));
        // And never another scan's.
        Assert.Equal(otherVersion, await VersionAsync(other.Id));

        // A scan with responses can still be deleted: the cascade's score deletions find no scan row to bump.
        await app.ExecuteAsync(async db =>
        {
            db.Scans.Remove(await db.Scans.SingleAsync(s => s.Id == scan.Id));
            await db.SaveChangesAsync();
        });
        Assert.False(await app.QueryAsync(db => db.RespondentScores.AnyAsync(s => s.ScanId == scan.Id)));
    }

    [Fact]
    public async Task Submissions_to_one_scan_at_the_same_moment_neither_deadlock_nor_lose_a_bump()
    {
        var scan = await app.CreateScanAsync();
        var now = DateTimeOffset.UtcNow;
        var respondents = Enumerable.Range(0, 24).Select(_ => new Respondent
        {
            ScanId = scan.Id, ResumeTokenHash = Quickscan.Web.Infrastructure.Tokens.Hash(Quickscan.Web.Infrastructure.Tokens.New()), StartedAt = now, LastActivityAt = now,
        }).ToList();
        await app.ExecuteAsync(async db =>
        {
            db.Respondents.AddRange(respondents);
            await db.SaveChangesAsync();
        });
        var before = await VersionAsync(scan.Id);

        // As a submission does: its marks changed (one bump), then its score row stored (another), in one transaction.
        // The retrying strategy would hide a deadlock (a transient error): every attempt is counted.
        var attempts = 0;
        await Task.WhenAll(respondents.Select(r => app.ExecuteAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            Interlocked.Increment(ref attempts);
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Respondents.Where(x => x.Id == r.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.SubmittedAt, now).SetProperty(y => y.Counted, false));
            // The scoring in between, so the transactions overlap as submissions under load do.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.05)");
            db.RespondentScores.Add(new RespondentScore { RespondentId = r.Id, ScanId = scan.Id, ScoresJson = "{}", ScoredAt = now });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }))));

        Assert.Equal(respondents.Count, attempts);
        Assert.Equal(before + 48, await VersionAsync(scan.Id));
    }

    [Fact]
    public async Task A_summary_is_written_when_the_scan_closes_and_recomputed_once_after_a_response_is_deleted()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee", "employee"], seed: 21);
        Assert.Null(await StoredSummaryAsync(scan.Id));

        var closed = await client.SubmitAsync($"/scans/{scan.Id}", [], $"/scans/{scan.Id}?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var written = await StoredSummaryAsync(scan.Id);
        Assert.NotNull(written);
        Assert.Equal(await VersionAsync(scan.Id), written.ResultsVersion);
        Assert.Equal(6, written.Scores);
        Assert.Equal(await ProfileFromScoresAsync(scan.Id), (await SummaryAsync(scan.Id))!.Figures.Profile, ProfileComparer.Instance);

        // One response deleted after closing: the kept row is behind, the next read computes and stores the new figures.
        var respondent = await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id && r.RoleGroup == "management").Select(r => r.Id).SingleAsync());
        await app.ExecuteAsync(db => db.Respondents.Where(r => r.Id == respondent).ExecuteDeleteAsync());
        var summary = await SummaryAsync(scan.Id);
        Assert.Equal(5, summary!.Scores);
        Assert.Equal(await ProfileFromScoresAsync(scan.Id), summary.Figures.Profile, ProfileComparer.Instance);
        var rewritten = await StoredSummaryAsync(scan.Id);
        Assert.Equal(await VersionAsync(scan.Id), rewritten!.ResultsVersion);
        Assert.Equal(5, rewritten.Scores);

        // Read again: the stored row is current and is used as it is.
        app.Queries.Reset();
        Assert.Equal(5, (await SummaryAsync(scan.Id))!.Scores);
        Assert.Equal(2, app.Queries.CountWithoutSessionChecks);
        Assert.Equal(rewritten.ComputedAt, (await StoredSummaryAsync(scan.Id))!.ComputedAt);
    }

    [Fact]
    public async Task Readers_racing_to_store_the_same_missing_summaries_all_get_them_and_one_row_each_is_stored()
    {
        var scans = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var scan = await app.CreateScanAsync(s => { s.Status = ScanStatus.Closed; s.ClosedAt = DateTimeOffset.UtcNow; });
            await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee"], seed: 30 + i);
            scans.Add(scan.Id);
        }

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ScanSummaries>().GetAsync(scans);
        }));

        Assert.All(reads, read => Assert.Equal(scans.Order(), read.Keys.Order()));
        Assert.Equal(4, await app.QueryAsync(db => db.ScanSummaries.CountAsync(s => scans.Contains(s.ScanId))));
        foreach (var id in scans)
            Assert.Equal(await ProfileFromScoresAsync(id), reads[0][id].Figures.Profile, ProfileComparer.Instance);
    }

    [Fact]
    public async Task With_the_cache_off_the_live_poll_answers_from_the_version_and_sees_a_deleted_response()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "employee", "management"], seed: 41);
        var (_, page) = await client.GetAsync($"/scans/{scan.Id}/report");
        var body = page.QuerySelector("[data-report-body]")!;
        var live = body.GetAttribute("data-live-url")!;
        var stamp = body.GetAttribute("data-stamp")!;
        Assert.Equal("3", body.GetAttribute("data-responses"));

        app.Queries.Reset();
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.GetAsync($"{live}&since={Uri.EscapeDataString(stamp)}")).StatusCode);
        Assert.Equal(1, app.Queries.CountWithoutSessionChecks);

        var respondent = await app.QueryAsync(db => db.Respondents.Where(r => r.ScanId == scan.Id && r.RoleGroup == "management").Select(r => r.Id).SingleAsync());
        await app.ExecuteAsync(db => db.Respondents.Where(r => r.Id == respondent).ExecuteDeleteAsync());
        var (changed, fragment) = await client.GetAsync($"{live}&since={Uri.EscapeDataString(stamp)}");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("2", fragment.QuerySelector("[data-report-body]")!.GetAttribute("data-responses"));
    }

    [Fact]
    public async Task With_the_cache_off_a_report_viewed_again_reads_its_kept_result_instead_of_every_score_and_shows_the_same()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(organisation: organisation);
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee", "management", "employee", "support", "employee", "management"], seed: 51);
        var url = $"/scans/{scan.Id}/report";

        var (_, first) = await client.GetAsync(url);
        var stored = await StoredSummaryAsync(scan.Id);
        Assert.NotNull(stored);
        Assert.Equal(await VersionAsync(scan.Id), stored.ResultsVersion);
        Assert.Equal(scan.AnonymityThreshold, stored.AnonymityThreshold);
        Assert.NotEqual("", stored.ResultJson);

        app.Queries.Reset();
        var (_, second) = await client.GetAsync(url);
        Assert.DoesNotContain(app.Queries.Commands, c => c.Contains("\"ScoresJson\"", StringComparison.Ordinal));
        foreach (var section in new[] { "#summary", "#profile", "#groups", "#perception" })
            Assert.Equal(first.QuerySelector(section)?.TextContent, second.QuerySelector(section)?.TextContent);

        // A lower threshold shows more role groups: the kept result (aggregated with the old one) is not used.
        await app.ExecuteAsync(db => db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AnonymityThreshold, 2)));
        await client.GetAsync(url);
        Assert.Equal(2, (await StoredSummaryAsync(scan.Id))!.AnonymityThreshold);

        // One response more: the version moved on, the report reads the scores again and counts it.
        await ResponseSeeding.AddAsync(app, scan.Id, ["employee"], seed: 52);
        var (_, third) = await client.GetAsync(url);
        Assert.Equal("7", third.QuerySelector("[data-report-body]")!.GetAttribute("data-responses"));
    }

    [Fact]
    public async Task With_the_cache_off_the_instrument_comes_from_its_kept_counts_and_only_the_open_answers_are_read_again()
    {
        var me = await app.CreateUserAsync();
        var client = await SignedInClient.SignInAsync(app, me);
        var organisation = await app.CreateClientAsync(me);
        var scan = await app.CreateScanAsync(organisation: organisation);
        var open = Questionnaire.AllQuestions.First(q => q.Kind == Domain.Questionnaires.QuestionKind.OpenText);
        var random = new Random(61);
        ResponseSeeding.Seeded Respondent(int i, string department) => new(
            [.. ResponseSeeding.Answers(Questionnaire, random, lean: 1 + i % 5), new TextAnswer(open.Key, $"Antwoord nummer {i}")],
            i % 2 == 0 ? "employee" : "management", department);
        var ids = await ResponseSeeding.AddAnsweredAsync(app, scan.Id,
            [Respondent(1, "Sales"), Respondent(2, "sales "), Respondent(3, "HR"), Respondent(4, "HR"), Respondent(5, "Sales"), Respondent(6, "ICT")]);
        var url = $"/scans/{scan.Id}/report";
        string[] sections = ["#response", "#dontknow", "#distributions", "#quotes"];

        var (_, first) = await client.GetAsync(url);
        Assert.NotEqual("", (await StoredSummaryAsync(scan.Id))!.InstrumentJson);
        Assert.Contains("Antwoord nummer 6", first.QuerySelector("#quotes")!.TextContent);

        // Viewed again: the kept counts (one row) and the open answers only; no score and no other answer is read.
        app.Queries.Reset();
        var (_, second) = await client.GetAsync(url);
        Assert.DoesNotContain(app.Queries.Commands, c => c.Contains("\"ScoresJson\"", StringComparison.Ordinal) || c.Contains("\"ScaleValue\"", StringComparison.Ordinal));
        foreach (var section in sections)
            Assert.Equal(first.QuerySelector(section)?.TextContent, second.QuerySelector(section)?.TextContent);

        // A deleted response: its answer is gone from the quotes and from every count at once.
        await app.ExecuteAsync(db => db.Respondents.Where(r => r.Id == ids[5]).ExecuteDeleteAsync());
        var (_, third) = await client.GetAsync(url);
        Assert.DoesNotContain("Antwoord nummer 6", third.QuerySelector("#quotes")?.TextContent ?? "");
        Assert.Equal("5", third.QuerySelector("[data-report-body]")!.GetAttribute("data-responses"));
        app.Queries.Reset();
        var (_, fourth) = await client.GetAsync(url);
        Assert.DoesNotContain(app.Queries.Commands, c => c.Contains("\"ScaleValue\"", StringComparison.Ordinal));
        foreach (var section in sections)
            Assert.Equal(third.QuerySelector(section)?.TextContent, fourth.QuerySelector(section)?.TextContent);
    }

    /// <summary>Profiles are equal when every condition and factor score is (records compare dictionaries by reference).</summary>
    private sealed class ProfileComparer : IEqualityComparer<ScoreProfile>
    {
        public static readonly ProfileComparer Instance = new();

        public bool Equals(ScoreProfile? x, ScoreProfile? y) =>
            x is not null && y is not null && Same(x.Conditions, y.Conditions) && Same(x.Factors, y.Factors);

        private static bool Same(IReadOnlyDictionary<string, Domain.Arithmetic.Rational?> a, IReadOnlyDictionary<string, Domain.Arithmetic.Rational?> b) =>
            a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

        public int GetHashCode(ScoreProfile obj) => obj.Conditions.Count;
    }
}
