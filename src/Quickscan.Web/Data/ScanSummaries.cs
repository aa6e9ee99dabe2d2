using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Data;

/// <summary>A scan's kept figures with the counts the benchmark's membership rule needs.</summary>
/// <summary>
/// One question's (and track's) open answers as a scan's kept result holds them: how many there are and who wrote the
/// first ones in the report's order (respondents' ids only, never their text), so a report without its cache reads
/// the texts of those few instead of every open answer.
/// </summary>
public sealed record KeptQuotes(Track Track, string QuestionKey, int Count, IReadOnlyList<Guid> First);

public sealed record KeptSummary(Guid ScanId, long ResultsVersion, int QuestionnaireVersionId, int Scores, int Intakes, ScanFigures Figures);

/// <summary>
/// The <see cref="ScanSummary"/> rows: other scans' figures for a report's benchmark and rescan comparison and for
/// the state of affairs, in a fixed number of small queries whatever the number of respondents. A row is written
/// when a scan closes; a scan without one, or with one behind its results version (<see cref="ScanResultCounter"/>; a response
/// deleted, flagged responses excluded after closing, a scan closed before summaries existed), is computed from its
/// stored scores on the first read and written for every later one and every app instance. Parsed figures are also
/// kept in the <see cref="StampedCache"/> by scan and version.
/// </summary>
public sealed class ScanSummaries(QuickscanDbContext db, QuestionnaireCache questionnaires, StampedCache cache, TimeProvider clock)
{
    private const string Kind = "scan-summary";

    /// <summary>The current summaries of these scans (a scan without a score in its figures has none), keyed by scan.</summary>
    public async Task<IReadOnlyDictionary<Guid, KeptSummary>> GetAsync(IReadOnlyCollection<Guid> scanIds, CancellationToken cancellationToken = default)
    {
        if (scanIds.Count == 0)
            return new Dictionary<Guid, KeptSummary>();

        // 1. The scans' versions (a few bytes each), so kept values need no JSON read.
        var versions = await db.Scans.AsNoTracking().Where(s => scanIds.Contains(s.Id))
            .WithResultsVersion(db).Select(v => new { v.Scan.Id, v.ResultsVersion }).ToListAsync(cancellationToken);
        var found = new Dictionary<Guid, KeptSummary>();
        var wanted = new Dictionary<Guid, long>();
        foreach (var scan in versions)
        {
            if (cache.TryGet<KeptSummary?>(Kind, scan.Id, Stamp(scan.ResultsVersion), out var kept))
            {
                if (kept is not null)
                    found[scan.Id] = kept;
            }
            else
            {
                wanted[scan.Id] = scan.ResultsVersion;
            }
        }

        if (wanted.Count == 0)
            return found;

        // 2. The stored rows of the scans not in memory, where they are current.
        var ids = wanted.Keys.ToList();
        // Without the scans' whole results: other scans' pages need their figures only.
        var rows = await db.ScanSummaries.AsNoTracking().Where(s => ids.Contains(s.ScanId))
            .Select(s => new ScanSummary
            {
                ScanId = s.ScanId, ResultsVersion = s.ResultsVersion, QuestionnaireVersionId = s.QuestionnaireVersionId,
                Scores = s.Scores, Intakes = s.Intakes, FiguresJson = s.FiguresJson, ResultJson = "", InstrumentJson = "",
            })
            .ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.ResultsVersion == wanted[r.ScanId]))
        {
            var summary = ToKept(row);
            Keep(summary.ScanId, summary.ResultsVersion, summary);
            found[row.ScanId] = summary;
            wanted.Remove(row.ScanId);
        }

        // 3. The rest from their scores, written for the next reader.
        if (wanted.Count > 0)
        {
            var stale = rows.Select(r => r.ScanId).ToHashSet();
            foreach (var (id, summary) in await ComputeAsync(wanted.Keys.ToList(), stale, cancellationToken))
            {
                if (summary is not null)
                    found[id] = summary;
            }
        }

        return found;
    }

    /// <summary>
    /// The scan's own kept result and instrument figures (one query), when they were computed for this results version
    /// with this anonymity threshold; null otherwise (then the caller computes and stores them with <see cref="KeepResultAsync"/>).
    /// </summary>
    public async Task<(ScanResult Result, InstrumentFigures Instrument, IReadOnlyList<KeptQuotes> Quotes)?> ResultAsync(Guid scanId, long resultsVersion, int threshold, CancellationToken cancellationToken = default)
    {
        var row = await db.ScanSummaries.AsNoTracking()
            // A row written when the scan closed, or from before whole results (or their quotes) were kept, lacks them.
            .Where(s => s.ScanId == scanId && s.ResultsVersion == resultsVersion && s.AnonymityThreshold == threshold && s.ResultJson != "" && s.InstrumentJson != "" && s.QuotesJson != "")
            .Select(s => new { s.ResultJson, s.InstrumentJson, s.QuotesJson })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (ScanResultJson.Read(row.ResultJson), ScanResultJson.ReadInstrument(row.InstrumentJson), ScanResultJson.ReadQuotes(row.QuotesJson));
    }

    /// <summary>
    /// Stores a result and instrument figures the caller computed from the scan's score sheets and answers for this
    /// results version, replacing an older row or one without them; a row of a newer version stays.
    /// </summary>
    public async Task KeepResultAsync(Guid scanId, long resultsVersion, int questionnaireVersionId, int threshold, IReadOnlyCollection<ScoreSheet> sheets, ScanResult result, InstrumentFigures instrument, IReadOnlyList<KeptQuotes> quotes, CancellationToken cancellationToken = default)
    {
        if (sheets.Count == 0)
            return;
        var row = ToRow(scanId, resultsVersion, questionnaireVersionId, threshold, sheets, result, clock.GetUtcNow());
        row.InstrumentJson = ScanResultJson.WriteInstrument(instrument);
        row.QuotesJson = ScanResultJson.WriteQuotes(quotes);
        if (await ReplaceAsync(row, cancellationToken) == 0 && !await db.ScanSummaries.AnyAsync(s => s.ScanId == scanId, cancellationToken))
            await InsertAsync([row], cancellationToken);
    }

    /// <summary>Computes and stores a scan's summary now (when it closes), so no later reader has to.</summary>
    public async Task RefreshAsync(Guid scanId, CancellationToken cancellationToken = default)
    {
        var stored = await db.ScanSummaries.AnyAsync(s => s.ScanId == scanId, cancellationToken);
        await ComputeAsync([scanId], stored ? new HashSet<Guid> { scanId } : [], cancellationToken);
    }

    /// <summary>
    /// Reads the scans' versions and their scores in one snapshot (a repeatable-read transaction), so a summary is
    /// never stored under a version whose scores it doesn't hold, then stores them: rows in <paramref name="stored"/>
    /// are replaced unless a newer one is there, the others inserted together.
    /// </summary>
    private async Task<Dictionary<Guid, KeptSummary?>> ComputeAsync(List<Guid> scanIds, IReadOnlySet<Guid> stored, CancellationToken cancellationToken)
    {
        var read = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var scans = await db.Scans.AsNoTracking().Where(s => scanIds.Contains(s.Id))
                .WithResultsVersion(db).Select(v => new { v.Scan.Id, v.ResultsVersion, v.Scan.QuestionnaireVersionId, v.Scan.AnonymityThreshold }).ToListAsync(cancellationToken);
            var scores = await db.Respondents.AsNoTracking().InFigures()
                .Where(r => scanIds.Contains(r.ScanId) && r.Score != null)
                .Select(r => new { r.ScanId, r.Score!.RoleGroup, r.Score.ScoresJson })
                .ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (Scans: scans, Scores: scores.ToLookup(s => s.ScanId));
        });

        var now = clock.GetUtcNow();
        var computed = new Dictionary<Guid, KeptSummary?>();
        var inserts = new List<ScanSummary>();
        foreach (var scan in read.Scans)
        {
            var sheets = read.Scores[scan.Id].Select(s => ScoreSheetJson.Read(s.ScoresJson, s.RoleGroup)).ToList();
            KeptSummary? summary = null;
            if (sheets.Count > 0)
            {
                var questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);
                var row = ToRow(scan.Id, scan.ResultsVersion, scan.QuestionnaireVersionId, scan.AnonymityThreshold, sheets,
                    ScanAggregation.Aggregate(questionnaire, sheets, scan.AnonymityThreshold), now);
                if (stored.Contains(scan.Id))
                    await ReplaceAsync(row, cancellationToken);
                else
                    inserts.Add(row);
                summary = ToKept(row);
            }

            Keep(scan.Id, scan.ResultsVersion, summary);
            computed[scan.Id] = summary;
        }

        await InsertAsync(inserts, cancellationToken);
        return computed;
    }

    private static ScanSummary ToRow(Guid scanId, long resultsVersion, int questionnaireVersionId, int threshold, IReadOnlyCollection<ScoreSheet> sheets, ScanResult result, DateTimeOffset now) => new()
    {
        ScanId = scanId,
        ResultsVersion = resultsVersion,
        QuestionnaireVersionId = questionnaireVersionId,
        Scores = sheets.Count,
        Intakes = sheets.Count(s => s.Track == Track.Intake),
        FiguresJson = ScanSummaryJson.Write(result),
        ResultJson = ScanResultJson.Write(result),
        InstrumentJson = "",
        AnonymityThreshold = threshold,
        ComputedAt = now,
    };

    /// <summary>
    /// Replaces an older row, or one of the same version aggregated with another anonymity threshold; a row of a
    /// newer version written meanwhile stays.
    /// </summary>
    private Task<int> ReplaceAsync(ScanSummary row, CancellationToken cancellationToken) =>
        db.ScanSummaries
            .Where(s => s.ScanId == row.ScanId && (s.ResultsVersion < row.ResultsVersion
                || (s.ResultsVersion == row.ResultsVersion && (s.AnonymityThreshold != row.AnonymityThreshold
                    || (s.InstrumentJson == "" && row.InstrumentJson != "") || (s.QuotesJson == "" && row.QuotesJson != "")))))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ResultsVersion, row.ResultsVersion)
                .SetProperty(x => x.QuestionnaireVersionId, row.QuestionnaireVersionId)
                .SetProperty(x => x.Scores, row.Scores)
                .SetProperty(x => x.Intakes, row.Intakes)
                .SetProperty(x => x.FiguresJson, row.FiguresJson)
                .SetProperty(x => x.ResultJson, row.ResultJson)
                .SetProperty(x => x.InstrumentJson, row.InstrumentJson)
                .SetProperty(x => x.QuotesJson, row.QuotesJson)
                .SetProperty(x => x.AnonymityThreshold, row.AnonymityThreshold)
                .SetProperty(x => x.ComputedAt, row.ComputedAt), cancellationToken);

    /// <summary>
    /// Inserts new rows in one batch. When another request stored one of them first (the same figures, or newer)
    /// or its scan was deleted meanwhile, the batch is refused as a whole and each row is tried on its own.
    /// </summary>
    private async Task InsertAsync(List<ScanSummary> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0 || await TryInsertAsync(rows, cancellationToken) || rows.Count == 1)
            return;
        foreach (var row in rows)
            await TryInsertAsync([row], cancellationToken);
    }

    private async Task<bool> TryInsertAsync(List<ScanSummary> rows, CancellationToken cancellationToken)
    {
        db.ScanSummaries.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() || e.IsForeignKeyViolation())
        {
            return false;
        }
        finally
        {
            foreach (var row in rows)
                db.Entry(row).State = EntityState.Detached;
        }
    }

    private void Keep(Guid scanId, long version, KeptSummary? summary) => cache.Set(Kind, scanId, Stamp(version), summary);

    private static string Stamp(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static KeptSummary ToKept(ScanSummary row) =>
        new(row.ScanId, row.ResultsVersion, row.QuestionnaireVersionId, row.Scores, row.Intakes, ScanSummaryJson.Read(row.FiguresJson));
}
