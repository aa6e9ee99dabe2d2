using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Comparisons;

/// <summary>One organisation's result in a year: its scan's condition scores and levels, and its bottleneck.</summary>
public sealed record OrganisationResult(
    string? Sector,
    string? SizeClass,
    int Year,
    IReadOnlyDictionary<string, double?> Scores,
    IReadOnlyDictionary<string, int?> Levels,
    string? Bottleneck);

/// <summary>A condition across a group of organisations: mean score and how many organisations are at each level.</summary>
public sealed record ConditionAcrossOrganisations(string Key, double? Mean, IReadOnlyList<int> LevelDistribution);

/// <summary>
/// A group of organisations (all, or one sector, size class or year). Figures is null when the group has
/// fewer organisations than the minimum: no figure is shown for a group that small.
/// </summary>
public sealed record StateGroup(string Dimension, string Value, int Organisations, StateFigures? Figures);

public sealed record StateFigures(IReadOnlyList<ConditionAcrossOrganisations> Conditions, IReadOnlyList<(string Condition, int Count)> Bottlenecks);

/// <summary>
/// The state of internal communities across organisations, the way the model's authors report it in
/// their benchmark: per condition the distribution of organisations over levels and the mean score, by
/// sector, size class and year, with the bottlenecks seen most often.
/// </summary>
public static class StateOfAffairs
{
    public const int DefaultMinimumGroup = 5;

    public static IReadOnlyList<StateGroup> Summarise(IReadOnlyCollection<OrganisationResult> results, int levelCount, int minimumGroup = DefaultMinimumGroup)
    {
        var groups = new List<StateGroup> { Group("all", "all", results, levelCount, minimumGroup) };
        groups.AddRange(By("sector", results, r => r.Sector, levelCount, minimumGroup));
        groups.AddRange(By("size", results, r => r.SizeClass, levelCount, minimumGroup));
        groups.AddRange(By("year", results, r => r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), levelCount, minimumGroup));
        return groups;
    }

    private static IEnumerable<StateGroup> By(string dimension, IEnumerable<OrganisationResult> results, Func<OrganisationResult, string?> key, int levelCount, int minimumGroup) =>
        results.Where(r => key(r) is not null)
            .GroupBy(r => key(r)!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(dimension, g.Key, g.ToList(), levelCount, minimumGroup));

    private static StateGroup Group(string dimension, string value, IReadOnlyCollection<OrganisationResult> results, int levelCount, int minimumGroup)
    {
        if (results.Count < minimumGroup)
            return new StateGroup(dimension, value, results.Count, null);

        var conditions = ConditionKeys.All.Select(key =>
        {
            var scores = results.Select(r => r.Scores.GetValueOrDefault(key)).OfType<double>().ToList();
            var distribution = new int[levelCount];
            foreach (var level in results.Select(r => r.Levels.GetValueOrDefault(key)).OfType<int>())
                distribution[Math.Clamp(level, 1, levelCount) - 1]++;
            return new ConditionAcrossOrganisations(key, scores.Count == 0 ? null : scores.Average(), distribution);
        }).ToList();
        var bottlenecks = results.Where(r => r.Bottleneck is not null)
            .GroupBy(r => r.Bottleneck!)
            .Select(g => (Condition: g.Key, Count: g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => ConditionKeys.All.ToList().IndexOf(b.Condition))
            .ToList();
        return new StateGroup(dimension, value, results.Count, new StateFigures(conditions, bottlenecks));
    }
}
