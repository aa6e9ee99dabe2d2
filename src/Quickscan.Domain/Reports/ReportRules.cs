namespace Quickscan.Domain.Reports;

public enum BenchmarkScope
{
    /// <summary>Closed scans of organisations in the client's sector.</summary>
    Sector,

    /// <summary>Closed scans of every sector: the client has no sector, or too few closed scans exist in it.</summary>
    AllSectors,
}

/// <summary>A scan that may be compared with: its id and its organisation's sector.</summary>
public sealed record BenchmarkCandidate<TId>(TId Id, string? Sector);

/// <summary>The report's rules that are not scoring: the median overlay, the benchmark population, the anonymity of groups.</summary>
public static class ReportRules
{
    /// <summary>The middle value; the mean of the two middle values for an even count; null for none.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return null;
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The benchmark population: the scans in the client's sector when there are at least
    /// <paramref name="minimum"/> of them, otherwise every candidate (no sector, or too few in it).
    /// </summary>
    public static (BenchmarkScope Scope, IReadOnlyList<TId> Ids) Scope<TId>(string? sector, IReadOnlyCollection<BenchmarkCandidate<TId>> candidates, int minimum)
    {
        var inSector = sector is null ? [] : candidates.Where(c => c.Sector == sector).Select(c => c.Id).ToList();
        return inSector.Count >= minimum && inSector.Count > 0
            ? (BenchmarkScope.Sector, inSector)
            : (BenchmarkScope.AllSectors, candidates.Select(c => c.Id).ToList());
    }

    /// <summary>
    /// Whether a closed scan may enter another organisation's benchmark: only a comparable measurement. Not a test
    /// scan; at least its anonymity threshold of employee responses; and, where the questionnaire has an owner
    /// intake, at least one intake, or its Effectiveness and Organisation would rest on no facts.
    /// </summary>
    public static bool IsBenchmarkMember(bool isTest, int surveyResponses, int intakeResponses, int anonymityThreshold, bool questionnaireHasIntake) =>
        !isTest
        && surveyResponses >= Math.Max(anonymityThreshold, 1)
        && (!questionnaireHasIntake || intakeResponses > 0);

    /// <summary>The one anonymity rule for groups (role groups, departments): shown only from the threshold on.</summary>
    public static bool IsGroupShown(int respondents, int anonymityThreshold) => respondents >= Math.Max(anonymityThreshold, 1);
}
