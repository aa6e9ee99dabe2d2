using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.SelfScan;

namespace Quickscan.Web.Pages.Admin.State;

/// <summary>Both populations' groups as the page shows them (size classes in size order), never mixed.</summary>
public sealed record StateOfAffairsView(IReadOnlyList<StateGroup> Groups, IReadOnlyList<StateGroup> SelfScanGroups)
{
    /// <summary>The stamp the figures were kept under: the page keys its rendered groups by it (not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Stamp { get; init; } = "";
}

/// <summary>
/// The state of affairs: every closed scan's result as one organisation's result in the year it closed (the latest
/// closed scan of an organisation counts once per year), from the scans' kept summaries (<see cref="ScanSummaries"/>),
/// and beside it the self-scans (<see cref="SelfScanPopulation"/>), summarised. Summarising reads every scan's figures
/// and every self-scan's scores, so the result is kept (in memory and as a <see cref="StateSnapshot"/> row for other
/// instances, restarts and the cache off) under a stamp of everything it depends on: each closed scan's id,
/// organisation, sector, size class, closing time and results version (see <see cref="ClosedScansAsync"/>), and the self-scans' count and latest time.
/// Reading the stamp costs a few bytes a scan; a view costs that and one small row whatever the installation's size.
/// </summary>
public sealed class StateQuery(QuickscanDbContext db, ScanSummaries summaries, SelfScanPopulation selfScans, StampedCache cache, TimeProvider clock)
{
    private const string Kind = "state-of-affairs";

    /// <summary>Part of the stamp: changed when what is summarised or how it is stored changes, so older snapshots no longer match.</summary>
    private const string Format = "state-1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    private sealed record ClosedScan(Guid Id, Guid OrganisationId, string? Sector, string? SizeClass, DateTimeOffset ClosedAt, long OwnVersion, long AllCounters);

    /// <summary>The closed scans' results, one per organisation and year (also the self-scan result's comparison).</summary>
    public async Task<IReadOnlyList<OrganisationResult>> LoadAsync(CancellationToken cancellationToken = default) =>
        await OrganisationResultsAsync(await ClosedScansAsync(cancellationToken), cancellationToken);

    /// <summary>The page's summarised state, kept under its stamp.</summary>
    public async Task<StateOfAffairsView> StateAsync(CancellationToken cancellationToken = default)
    {
        var scans = await ClosedScansAsync(cancellationToken);
        // Self-scans are only ever added: their number and the latest one tell whether the population changed.
        var selfScanStamp = await db.SelfScanResponses.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Latest = g.Max(r => r.SubmittedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var stamp = Stamp(scans, selfScanStamp?.Count ?? 0, selfScanStamp?.Latest);

        if (cache.TryGet(Kind, Guid.Empty, stamp, out StateOfAffairsView? kept) && kept is not null)
            return kept;
        var json = await db.StateSnapshots.AsNoTracking().Where(s => s.Key == Kind && s.Stamp == stamp).Select(s => s.Json).SingleOrDefaultAsync(cancellationToken);
        if (json is not null && Read(json) is { } stored)
        {
            stored = stored with { Stamp = stamp };
            cache.Set(Kind, Guid.Empty, stamp, stored);
            return stored;
        }

        // The figures are read after the stamp, so they are at least as new as it: a snapshot is never behind its stamp.
        var state = new StateOfAffairsView(
            InOrder(StateOfAffairs.Summarise(await OrganisationResultsAsync(scans, cancellationToken), IndexModel.Levels)),
            InOrder(StateOfAffairs.Summarise(await selfScans.LoadAsync(cancellationToken: cancellationToken), IndexModel.Levels)))
        {
            Stamp = stamp,
        };
        await StoreAsync(stamp, JsonSerializer.Serialize(state, Json), cancellationToken);
        cache.Set(Kind, Guid.Empty, stamp, state);
        return state;
    }

    /// <summary>
    /// The closed scans with their own part of the results version, and on every row the sum of all their counter
    /// slots (one uncorrelated subquery, computed once). For the stamp that is as good as each scan's results
    /// version: the set of scans is in the stamp exactly and versions only grow, so any change of any of them makes
    /// the sum grow, while a sum per scan (<see cref="ResultsVersions"/>) costs an index lookup per scan, the larger
    /// part of this query at 140 scans.
    /// </summary>
    private Task<List<ClosedScan>> ClosedScansAsync(CancellationToken cancellationToken) =>
        db.Scans.AsNoTracking()
            .Where(s => s.Status == ScanStatus.Closed && s.ClosedAt != null && !s.IsTest)
            .Select(s => new ClosedScan(s.Id, s.OrganisationId, s.Organisation.Sector, s.Organisation.SizeClass, s.ClosedAt!.Value, s.ResultsVersion,
                db.ScanResultCounters
                    .Where(c => db.Scans.Where(x => x.Status == ScanStatus.Closed && x.ClosedAt != null && !x.IsTest).Select(x => x.Id).Contains(c.ScanId))
                    .Sum(c => c.Changes)))
            .ToListAsync(cancellationToken);

    private async Task<List<OrganisationResult>> OrganisationResultsAsync(List<ClosedScan> scans, CancellationToken cancellationToken)
    {
        var latest = scans
            .GroupBy(s => (s.OrganisationId, s.ClosedAt.Year))
            .Select(g => g.OrderByDescending(s => s.ClosedAt).First())
            .ToList();
        var kept = await summaries.GetAsync(latest.Select(s => s.Id).ToList(), cancellationToken);
        return latest
            .Where(s => kept.ContainsKey(s.Id))
            .Select(s => new OrganisationResult(
                s.Sector,
                s.SizeClass,
                s.ClosedAt.Year,
                kept[s.Id].Figures.Profile.Conditions.ToDictionary(c => c.Key, c => c.Value is { } mean ? mean.ToDouble() : (double?)null),
                kept[s.Id].Figures.Levels,
                kept[s.Id].Figures.Bottleneck))
            .ToList();
    }

    private static string Stamp(List<ClosedScan> scans, int selfScans, DateTimeOffset? latestSelfScan)
    {
        var text = new StringBuilder(Format).Append(';').Append(selfScans.ToString(CultureInfo.InvariantCulture))
            .Append(';').Append(latestSelfScan?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        text.Append(';').Append(scans.Count > 0 ? scans[0].AllCounters.ToString(CultureInfo.InvariantCulture) : "");
        foreach (var scan in scans.OrderBy(s => s.Id))
        {
            text.Append(';').Append(scan.Id.ToString("N")).Append(',').Append(scan.OrganisationId.ToString("N"))
                .Append(',').Append(scan.Sector).Append(',').Append(scan.SizeClass)
                .Append(',').Append(scan.ClosedAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(scan.OwnVersion.ToString(CultureInfo.InvariantCulture));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Replaces the snapshot, or inserts the first. Two requests with different stamps may write in either order; a
    /// snapshot left with an older stamp matches no later stamp, so it is only recomputed once more, never shown stale.
    /// </summary>
    private async Task StoreAsync(string stamp, string json, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await db.StateSnapshots.Where(s => s.Key == Kind)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stamp, stamp).SetProperty(x => x.Json, json).SetProperty(x => x.ComputedAt, now), cancellationToken) > 0)
            return;
        var row = new StateSnapshot { Key = Kind, Stamp = stamp, Json = json, ComputedAt = now };
        db.StateSnapshots.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request inserted it first: its snapshot serves as well as ours.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>A stored snapshot, or null when it can't be read (then it is computed again and replaced).</summary>
    private static StateOfAffairsView? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<StateOfAffairsView>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Size classes in size order (1-49 before 250-999 before 5000+), not as text; other groups as they come.</summary>
    private static List<StateGroup> InOrder(IReadOnlyList<StateGroup> groups) =>
        groups.GroupBy(g => g.Dimension)
            .SelectMany(d => d.Key == "size" ? d.OrderBy(g => SizeRank(g.Value)) : d.AsEnumerable())
            .ToList();

    private static int SizeRank(string sizeClass) =>
        Clients.ClientOptions.SizeClasses.ToList().IndexOf(sizeClass) is var rank and >= 0 ? rank : int.MaxValue;
}
