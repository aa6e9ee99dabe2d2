namespace Quickscan.Web.Data;

/// <summary>A scan with its results version, for a query to project from.</summary>
public sealed class VersionedScan
{
    public Scan Scan { get; init; } = null!;
    public long ResultsVersion { get; init; }
}

public static class ResultsVersions
{
    /// <summary>
    /// The scans with their results version: the scan's own part plus its <see cref="ScanResultCounter"/> slots, in
    /// the same query (one indexed sum per scan). The one place that says how the version is read.
    /// </summary>
    public static IQueryable<VersionedScan> WithResultsVersion(this IQueryable<Scan> scans, QuickscanDbContext db) =>
        scans.Select(s => new VersionedScan
        {
            Scan = s,
            ResultsVersion = s.ResultsVersion + db.ScanResultCounters.Where(c => c.ScanId == s.Id).Sum(c => c.Changes),
        });
}
