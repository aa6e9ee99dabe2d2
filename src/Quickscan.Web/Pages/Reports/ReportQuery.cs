using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// Reads a scan's report (never writes, except the kept summaries of other scans) in a fixed number of queries,
/// whatever the number of respondents or scans: the scan with its counts; the submitted respondents' stored scores
/// (never answers); notes; expert assessments; edited next steps; the previous scan and the benchmark candidates,
/// each with their kept <see cref="ScanSummaries"/> (no score row of another scan is read). The result is in no
/// language: steps carry both, and the document builder localises. The stamp is the scan's
/// results version (<see cref="ScanResultCounter"/>); this scan's aggregate is kept in the <see cref="StampedCache"/> by it, so a
/// report polled during a workshop reads scores only after a new submission, and then only the new ones.
/// </summary>
public sealed class ReportQuery(QuickscanDbContext db, QuestionnaireCache questionnaires, StampedCache cache, ScanSummaries summaries)
{
    /// <summary>A consultant's report: only scans the user may see (an admin sees all).</summary>
    public Task<ReportData?> ForConsultantAsync(Guid scanId, CurrentUser user, CancellationToken cancellationToken = default) =>
        LoadAsync(db.Scans.VisibleTo(user).Where(s => s.Id == scanId), cancellationToken);

    /// <summary>The sponsor's read-only report through its link; null for an unknown or revoked token.</summary>
    public Task<ReportData?> ForSponsorAsync(string reportToken, CancellationToken cancellationToken = default) =>
        Tokens.LooksValid(reportToken)
            ? LoadAsync(db.Scans.Where(s => s.ReportToken == reportToken), cancellationToken)
            : Task.FromResult<ReportData?>(null);

    /// <summary>
    /// Respondents in the figures (<see cref="ResponseFigures"/>: submitted, counted, not excluded as flagged)
    /// with a stored score: what every figure of a report is computed from.
    /// </summary>
    private IQueryable<Respondent> Scored => db.Respondents.InFigures().Where(r => r.Score != null);

    /// <summary>
    /// One indexed read: the stamp of the scan's figures (its results version, <see cref="ScanResultCounter"/>, which the database
    /// moves on with every change to them), or null when the user may not see the scan. What the live poll asks.
    /// </summary>
    public async Task<string?> StampAsync(Guid scanId, CurrentUser user, CancellationToken cancellationToken = default)
    {
        var version = await db.Scans.AsNoTracking().VisibleTo(user).Where(s => s.Id == scanId)
            .WithResultsVersion(db).Select(v => (long?)v.ResultsVersion)
            .SingleOrDefaultAsync(cancellationToken);
        return version is { } v ? Stamp(v) : null;
    }

    /// <summary>The stored scores of a scan's submitted respondents, with the role group they were scored with.</summary>
    private IQueryable<ScoreRow> SubmittedScores(Guid scanId, DateTimeOffset? scoredSince = null) =>
        Scored.AsNoTracking()
            .Where(r => r.ScanId == scanId)
            .Where(r => scoredSince == null || r.Score!.ScoredAt >= scoredSince)
            .Select(r => new ScoreRow(r.Id, r.ScanId, r.Score!.RoleGroup, r.Score.ScoresJson, r.Score.ScoredAt));

    private static string Stamp(long resultsVersion) => resultsVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The scan's current result and the steps the advice planner makes of it: what a step edit needs when
    /// the list is still the generated one. Two queries (the scan and its score stamp; new scores, if any).
    /// </summary>
    public async Task<IReadOnlyList<ReportStep>?> GeneratedStepsAsync(Guid scanId, CancellationToken cancellationToken = default)
    {
        var scored = Scored;
        var header = await db.Scans.AsNoTracking().Where(s => s.Id == scanId)
            .WithResultsVersion(db).Select(v => new
            {
                v.Scan.QuestionnaireVersionId,
                v.Scan.AnonymityThreshold,
                v.ResultsVersion,
                Scores = scored.Count(r => r.ScanId == v.Scan.Id),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null)
            return null;
        var questionnaire = await questionnaires.GetAsync(header.QuestionnaireVersionId);
        var figures = await CurrentFiguresAsync(scanId, header.QuestionnaireVersionId, questionnaire, header.AnonymityThreshold, header.Scores, header.ResultsVersion, cancellationToken);
        return ReportSteps.Generated(questionnaire, figures.Result);
    }

    private async Task<ReportData?> LoadAsync(IQueryable<Scan> scans, CancellationToken cancellationToken)
    {
        // 1. The scan, its organisation and its counts.
        var header = await scans.AsNoTracking()
            .WithResultsVersion(db).Select(v => new
            {
                Scan = new ReportScan(v.Scan.Id, v.Scan.Title, v.Scan.Status, v.Scan.OrganisationId, v.Scan.Organisation.Name, v.Scan.Organisation.Sector,
                    v.Scan.Organisation.Owner == null ? null : v.Scan.Organisation.Owner.DisplayName,
                    v.Scan.QuestionnaireVersionId, v.Scan.AnonymityThreshold, v.Scan.CreatedAt, v.Scan.ClosedAt, v.Scan.ReportToken, v.Scan.ResponsesDeletedAt, v.Scan.PlatformName),
                v.Scan.HeadcountsJson,
                // In the same query: the open answers the consultant hid (few rows), read on every view because they change without a new response.
                Hidden = db.HiddenQuotes.Where(h => h.ScanId == v.Scan.Id).Select(h => new { h.RespondentId, h.QuestionKey }).ToList(),
                v.Scan.ExcludeFlagged,
                v.Scan.Version,
                v.ResultsVersion,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null)
            return null;
        var counts = await db.Respondents.AsNoTracking().Where(r => r.ScanId == header.Scan.Id).Counts(header.ExcludeFlagged)
            .SingleOrDefaultAsync(cancellationToken) ?? ResponseCounts.None;

        var scan = header.Scan;
        var stamp = Stamp(header.ResultsVersion);
        var questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);

        // 2. The submitted respondents' figures: their stored scores aggregated by the domain library, and the instrument's counts.
        // Those in the figures are the score rows the merge must add up to: a submit writes the score in its own transaction.
        var figures = await CurrentFiguresAsync(scan.Id, scan.QuestionnaireVersionId, questionnaire, scan.AnonymityThreshold, counts.Submitted, header.ResultsVersion, cancellationToken);
        var result = figures.Result;

        // 3–5. The consultant's notes, expert assessments and edited next steps.
        var notes = await db.ReportNotes.AsNoTracking().Where(n => n.ScanId == scan.Id).ToDictionaryAsync(n => n.ConditionKey, StringComparer.Ordinal, cancellationToken);
        var assessments = await db.ExpertAssessments.AsNoTracking().Where(a => a.ScanId == scan.Id).ToDictionaryAsync(a => a.ConditionKey, StringComparer.Ordinal, cancellationToken);
        var editedSteps = await db.ReportNextSteps.AsNoTracking().Where(s => s.ScanId == scan.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var steps = editedSteps.Count > 0 ? ReportSteps.FromRows(editedSteps) : ReportSteps.Generated(questionnaire, result);

        var previous = await LoadPreviousAsync(scan, questionnaire, result, cancellationToken);
        var (benchmark, candidates) = await LoadBenchmarkAsync(scan, questionnaire, result, cancellationToken);

        // 10. The instrument with the open answers as quotes (held with the figures, or read from their kept references), hidden quotes and headcounts of now.
        var hidden = header.Hidden.Select(h => (h.RespondentId, h.QuestionKey)).ToHashSet();
        var instrument = ReportInstrument.From(
            figures.Instrument,
            figures.OpenAnswers ?? await KeptOpenAnswersAsync(scan.Id, questionnaire, figures.KeptQuotes!, hidden, cancellationToken),
            scan.AnonymityThreshold,
            hidden,
            ReportHeadcounts.Read(header.HeadcountsJson));

        return new ReportData(
            scan,
            questionnaire,
            result,
            new ReportCounts(counts.Started, counts.Submitted, counts.Interviews, counts.LastResponseAt,
                new ReportQuality(counts.NotCounted, counts.StraightLining, counts.TooFast, counts.Flagged, header.ExcludeFlagged, header.Version)),
            notes,
            assessments,
            steps,
            editedSteps.Count > 0,
            previous,
            benchmark,
            candidates,
            stamp,
            instrument);
    }

    /// <summary>The answers of these respondents (all of the scan's in the figures when null), in one query.</summary>
    private async Task<List<AnswerSheet>> AnswerSheetsAsync(Guid scanId, IReadOnlyCollection<Guid>? respondentIds, CancellationToken cancellationToken)
    {
        var rows = await Scored.AsNoTracking()
            .Where(r => r.ScanId == scanId && (respondentIds == null || respondentIds.Contains(r.Id)))
            .Select(r => new
            {
                r.Id,
                r.Track,
                r.Score!.RoleGroup,
                r.Department,
                Answers = r.Answers.ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AnswerSheet(r.Id, r.Track, r.RoleGroup, r.Department, r.Answers.Select(a => a.ToDomain()).ToList())).ToList();
    }

    /// <summary>
    /// The non-blank open answers of the scan's respondents in the figures, in order: only those answer rows are read,
    /// of these questions (all open ones when null) and these respondents (all when null).
    /// </summary>
    private async Task<IReadOnlyList<OpenAnswer>> OpenAnswersAsync(Guid scanId, Questionnaire questionnaire, CancellationToken cancellationToken, IReadOnlyCollection<string>? questions = null, IReadOnlyCollection<Guid>? respondents = null)
    {
        var open = questionnaire.AllQuestions.Where(q => q.Kind == QuestionKind.OpenText && (questions is null || questions.Contains(q.Key))).Select(q => q.Key).ToList();
        if (open.Count == 0 || respondents is { Count: 0 })
            return [];
        var answers = db.RespondentAnswers.AsNoTracking().Where(a => open.Contains(a.QuestionKey) && a.Text != null && a.Text != "");
        if (respondents is not null)
            answers = answers.Where(a => respondents.Contains(a.RespondentId));
        var rows = await answers
            .Join(Scored.Where(r => r.ScanId == scanId), a => a.RespondentId, r => r.Id, (a, r) => new { r.Track, r.Id, a.QuestionKey, a.Text })
            .ToListAsync(cancellationToken);
        return OpenAnswer.InOrder(rows.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select(r => new OpenAnswer(r.Track, r.Id, r.QuestionKey, r.Text!.Trim())));
    }

    /// <summary>
    /// The open answers a report draws, from a kept result's references (<see cref="KeptQuotes"/>): the texts of each
    /// question's first ones (by key: they are in the figures of the results version they were kept for) and of every
    /// hidden one in the figures, a few rows whatever the number of respondents. When more of a question's answers are
    /// hidden than its kept ones cover beyond what the report draws, every answer is read.
    /// </summary>
    private async Task<OpenAnswerSet> KeptOpenAnswersAsync(Guid scanId, Questionnaire questionnaire, IReadOnlyList<KeptQuotes> kept, IReadOnlySet<(Guid RespondentId, string QuestionKey)> hidden, CancellationToken cancellationToken)
    {
        var tracks = kept.SelectMany(k => k.First.Select(id => (Key: (id, k.QuestionKey), k.Track))).ToDictionary(x => x.Key, x => x.Track);
        var ids = tracks.Keys.Select(k => k.id).Distinct().ToList();
        var keys = kept.Select(k => k.QuestionKey).Distinct().ToList();
        var firstOnes = ids.Count == 0 ? [] : await db.RespondentAnswers.AsNoTracking()
            .Where(a => ids.Contains(a.RespondentId) && keys.Contains(a.QuestionKey) && a.Text != null)
            .Select(a => new { a.RespondentId, a.QuestionKey, a.Text })
            .ToListAsync(cancellationToken);
        var answers = firstOnes
            .Where(a => tracks.ContainsKey((a.RespondentId, a.QuestionKey)))
            .Select(a => new OpenAnswer(tracks[(a.RespondentId, a.QuestionKey)], a.RespondentId, a.QuestionKey, a.Text!.Trim()))
            .ToList();
        if (hidden.Count > 0)
            answers.AddRange((await OpenAnswersAsync(scanId, questionnaire, cancellationToken, respondents: [.. hidden.Select(h => h.RespondentId).Distinct()]))
                .Where(a => hidden.Contains((a.RespondentId, a.QuestionKey)) && !tracks.ContainsKey((a.RespondentId, a.QuestionKey))));
        var covered = kept.All(k => k.Count <= k.First.Count
            || answers.Count(a => a.Track == k.Track && a.QuestionKey == k.QuestionKey && hidden.Contains((a.RespondentId, a.QuestionKey))) <= OpenAnswerSet.PreviewSize - QuotesBlock.OnReport);
        return covered
            ? new OpenAnswerSet(OpenAnswer.InOrder(answers), kept.ToDictionary(k => (k.Track, k.QuestionKey), k => k.Count))
            : OpenAnswerSet.Of(await OpenAnswersAsync(scanId, questionnaire, cancellationToken));
    }

    /// <summary>
    /// Every quote of the report's questions (those whose group is shown: the instrument's <see cref="ReportInstrument.QuoteCounts"/>),
    /// or of one of them, in order, hidden ones marked: the report holds only the first ones; the page of all of a
    /// question's answers and the export read them all.
    /// </summary>
    public async Task<IReadOnlyList<ReportQuote>> AllQuotesAsync(ReportData data, (Track Track, string QuestionKey)? only = null, CancellationToken cancellationToken = default)
    {
        var groups = (data.Instrument?.QuoteCounts.Keys ?? []).Where(g => only is null || g == only).ToHashSet();
        if (groups.Count == 0)
            return [];
        var keys = groups.Select(g => g.QuestionKey).Distinct().ToList();
        var hidden = (await db.HiddenQuotes.AsNoTracking().Where(h => h.ScanId == data.Scan.Id && keys.Contains(h.QuestionKey))
            .Select(h => new { h.RespondentId, h.QuestionKey }).ToListAsync(cancellationToken)).Select(h => (h.RespondentId, h.QuestionKey)).ToHashSet();
        return [.. (await OpenAnswersAsync(data.Scan.Id, data.Questionnaire, cancellationToken, questions: keys))
            .Where(a => groups.Contains((a.Track, a.QuestionKey)))
            .Select(a => new ReportQuote(a.Track, a.RespondentId, a.QuestionKey, a.Text, hidden.Contains((a.RespondentId, a.QuestionKey))))];
    }

    /// <summary>
    /// This scan's figures now. In memory with the tally of the score sheets they were computed from, by results version;
    /// else the kept figures in the database (<see cref="ScanSummaries.ResultAsync"/>: one row, shared by every
    /// instance, whatever the number of respondents); else computed from every score and answer and kept in both.
    /// When the version moved on (new submissions) and the tally is in memory, only the respondents scored since
    /// the last read are read and added to a copy of the tally, so a report polled during a workshop neither reads nor
    /// aggregates every stored score or answer again after each submission, and writes nothing. If the merged respondents don't add up to the
    /// stored count (a response was deleted) or a respondent was scored again, everything is read again.
    /// </summary>
    private async Task<ScanFigures> CurrentFiguresAsync(Guid scanId, int questionnaireVersionId, Questionnaire questionnaire, int threshold, int count, long resultsVersion, CancellationToken cancellationToken)
    {
        var key = $"{Stamp(resultsVersion)}/{questionnaireVersionId}/{threshold}";
        var cached = cache.GetAny<ScanScores>("scan-scores", scanId);
        if (cached is { } hit && hit.Stamp == key)
            return hit.Value.Figures;
        if (cache.TryGet<ScanFigures>("scan-figures", scanId, key, out var keptInMemory))
            return keptInMemory;

        if (cached?.Value is { } kept && kept.ScoredAt.Count > 0 && kept.Figures.QuestionnaireVersionId == questionnaireVersionId
            && await MergeAsync(scanId, questionnaire, threshold, count, kept, cancellationToken) is { } merged)
        {
            cache.Set("scan-scores", scanId, key, merged, merged.ScoredAt.Count);
            return merged.Figures;
        }

        // Nothing in memory to build on (the cache is off, or this instance has not read the scan yet).
        if (await summaries.ResultAsync(scanId, resultsVersion, threshold, cancellationToken) is { } stored)
        {
            // The open answers are read with the hidden quotes of now, from the kept references (see KeptOpenAnswersAsync).
            var fromDatabase = new ScanFigures(questionnaireVersionId, stored.Result, stored.Instrument, null, stored.Quotes);
            cache.Set("scan-figures", scanId, key, fromDatabase);
            return fromDatabase;
        }

        var rows = await SubmittedScores(scanId).ToListAsync(cancellationToken);
        var answers = await AnswerSheetsAsync(scanId, null, cancellationToken);
        var sheets = rows.Select(r => r.ToSheet()).ToList();
        var tally = ScanTally.Of(questionnaire, sheets);
        var scores = new ScanScores(
            rows.ToDictionary(r => r.RespondentId, r => r.ScoredAt),
            tally,
            new ScanFigures(
                questionnaireVersionId,
                tally.ToResult(threshold),
                ReportInstrument.Figures(questionnaire, answers),
                OpenAnswerSet.Of(OpenAnswer.InOrder(OpenAnswer.Of(questionnaire, answers)))));
        cache.Set("scan-scores", scanId, key, scores, scores.ScoredAt.Count);
        // Kept for other instances and cache-off reads only when scores and answers were read of the same respondents
        // (a submission may land between the two reads; then the next version's read keeps them).
        if (answers.Count == rows.Count && answers.All(a => scores.ScoredAt.ContainsKey(a.Id)))
            await summaries.KeepResultAsync(scanId, resultsVersion, questionnaireVersionId, threshold, sheets, scores.Figures.Result, scores.Figures.Instrument, scores.Figures.OpenAnswers!.Keep(), cancellationToken);
        return scores.Figures;
    }

    /// <summary>
    /// The kept figures with the respondents scored since they were read: their scores and answers only (two queries),
    /// added to a copy of the kept tally (others may be reading it). Null when that can't give the current figures:
    /// the count doesn't add up, or a respondent was scored again.
    /// </summary>
    private async Task<ScanScores?> MergeAsync(Guid scanId, Questionnaire questionnaire, int threshold, int count, ScanScores kept, CancellationToken cancellationToken)
    {
        // From a little before the latest kept scoring time: a submission takes its time before it commits, so one that
        // committed after a later one may carry an earlier time. Rows already kept are skipped.
        var since = kept.ScoredAt.Values.Max() - CommitSkew;
        var added = (await SubmittedScores(scanId, since).ToListAsync(cancellationToken))
            .Where(r => !(kept.ScoredAt.TryGetValue(r.RespondentId, out var at) && at == r.ScoredAt))
            .ToList();
        if (added.Any(r => kept.ScoredAt.ContainsKey(r.RespondentId)) || kept.ScoredAt.Count + added.Count != count)
            return null;

        var answers = added.Count == 0 ? [] : await AnswerSheetsAsync(scanId, added.Select(r => r.RespondentId).ToList(), cancellationToken);
        if (answers.Count != added.Count)
            return null;
        var scoredAt = new Dictionary<Guid, DateTimeOffset>(kept.ScoredAt);
        foreach (var row in added)
            scoredAt[row.RespondentId] = row.ScoredAt;
        var tally = kept.Tally.With(added.Select(r => r.ToSheet()));

        return new ScanScores(scoredAt, tally, new ScanFigures(
            kept.Figures.QuestionnaireVersionId,
            tally.ToResult(threshold),
            ReportInstrument.Figures(questionnaire, answers, kept.Figures.Instrument),
            added.Count == 0 ? kept.Figures.OpenAnswers : OpenAnswerSet.Of(OpenAnswer.InOrder(kept.Figures.OpenAnswers!.Answers.Concat(OpenAnswer.Of(questionnaire, answers))))));
    }

    /// <summary>How much earlier than the latest kept one a score committed later may be timed (a submission's transaction is far shorter).</summary>
    private static readonly TimeSpan CommitSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A scan's figures for one results version, with its open answers (the quotes before the threshold and hidden ones
    /// are applied): all of them when computed from the answers, or the kept references to the first ones (read from the database).
    /// </summary>
    private sealed record ScanFigures(int QuestionnaireVersionId, ScanResult Result, InstrumentFigures Instrument, OpenAnswerSet? OpenAnswers, IReadOnlyList<KeptQuotes>? KeptQuotes = null);

    /// <summary>
    /// A scan's scoring times by respondent (which respondents are in, and from when to read new ones), the tally of
    /// their score sheets (never added to: a merge adds to a copy), and the figures computed from them and their answers.
    /// </summary>
    private sealed record ScanScores(Dictionary<Guid, DateTimeOffset> ScoredAt, ScanTally Tally, ScanFigures Figures);

    /// <summary>
    /// 6–7. The same organisation's latest earlier scan with a submitted response, and its kept summary
    /// (<see cref="ScanSummaries"/>): no score row of it is read.
    /// </summary>
    private async Task<ReportPrevious?> LoadPreviousAsync(ReportScan scan, Questionnaire questionnaire, ScanResult result, CancellationToken cancellationToken)
    {
        var scored = Scored;
        var previous = await db.Scans.AsNoTracking()
            .Where(p => p.OrganisationId == scan.OrganisationId && p.Id != scan.Id && p.CreatedAt < scan.CreatedAt
                        && scored.Any(r => r.ScanId == p.Id))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Title, p.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null || (await summaries.GetAsync([previous.Id], cancellationToken)).GetValueOrDefault(previous.Id) is not { } summary)
            return null;

        // Scored on its own questionnaire version; Rescan.Compare places both on this scan's levels.
        var profile = summary.Figures.Profile;
        return new ReportPrevious(previous.Id, previous.Title, previous.CreatedAt, summary.Scores, profile,
            Rescan.Compare(questionnaire, profile, result.Profile));
    }

    /// <summary>
    /// 8–9. Every closed scan of another organisation on the same questionnaire version that
    /// <see cref="ReportRules.IsBenchmarkMember"/> admits, with their kept summaries (<see cref="ScanSummaries"/>):
    /// the cost grows with the number of scans, never with their respondents. The population is chosen by
    /// <see cref="ReportRules.Scope"/>: the client's sector when it has enough such scans, else every sector.
    /// </summary>
    private async Task<(ReportBenchmark? Benchmark, int Candidates)> LoadBenchmarkAsync(ReportScan scan, Questionnaire questionnaire, ScanResult result, CancellationToken cancellationToken)
    {
        // The same questionnaire version: its key and number, so wording-only revisions (another row) count too.
        var hasIntake = questionnaire.HasIntake();
        var closed = await db.Scans.AsNoTracking()
            .Where(c => c.Status == ScanStatus.Closed && !c.IsTest && c.OrganisationId != scan.OrganisationId
                        && c.QuestionnaireVersion.Key == questionnaire.Key && c.QuestionnaireVersion.Version == questionnaire.Version)
            .Select(c => new { c.Id, c.Organisation.Sector, c.IsTest, c.AnonymityThreshold })
            .ToListAsync(cancellationToken);
        var kept = await summaries.GetAsync(closed.Select(c => c.Id).ToList(), cancellationToken);
        var candidates = closed
            .Where(c => kept.ContainsKey(c.Id))
            // Only comparable measurements: enough employees, an intake where the questionnaire has one, no test runs.
            .Where(c => ReportRules.IsBenchmarkMember(c.IsTest, kept[c.Id].Scores - kept[c.Id].Intakes, kept[c.Id].Intakes, c.AnonymityThreshold, hasIntake))
            .ToList();
        var profiles = candidates.ToDictionary(c => c.Id, c => kept[c.Id].Figures.Profile);

        var (scope, ids) = ReportRules.Scope(scan.Sector, candidates.Select(c => new BenchmarkCandidate<Guid>(c.Id, c.Sector)).ToList(), questionnaire.Settings.BenchmarkMinimum);
        var population = ids.Where(profiles.ContainsKey).Select(id => profiles[id]).ToList();

        var ranked = Benchmark.Rank(questionnaire, result.Profile, population);
        if (ranked is null)
            return (null, candidates.Count);
        var median = questionnaire.Conditions.ToDictionary(
            c => c.Key,
            c => ReportRules.Median(population.Select(p => p.ConditionScore(c.Key)).OfType<Quickscan.Domain.Arithmetic.Rational>().Select(r => r.ToDouble()).ToList()),
            StringComparer.Ordinal);
        return (new ReportBenchmark(ranked, scope, scope == BenchmarkScope.Sector ? scan.Sector : null, median), candidates.Count);
    }

    private sealed record ScoreRow(Guid RespondentId, Guid ScanId, string? RoleGroup, string ScoresJson, DateTimeOffset ScoredAt)
    {
        public ScoreSheet ToSheet() => ScoreSheetJson.Read(ScoresJson, RoleGroup);
    }
}
