using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public sealed record FactorAggregate(string Key, Statistics? Statistics);

/// <summary>
/// A condition over a scan's respondents. Respondents with insufficient answers for it are left out of
/// every figure here and counted in Excluded. LevelDistribution[i] counts respondents at level i + 1.
/// </summary>
public sealed record ConditionAggregate(
    string Key,
    Statistics? Statistics,
    LevelDefinition? Level,
    int Excluded,
    IReadOnlyList<int> LevelDistribution,
    bool LacksConsensus,
    IReadOnlyList<FactorAggregate> Factors)
{
    public double? Mean => Statistics?.Mean;
}

/// <summary>The figures of one role group; only produced for groups at or above the anonymity threshold.</summary>
public sealed record RoleGroupAggregate(string RoleGroup, int Respondents, IReadOnlyList<ConditionAggregate> Conditions);

/// <summary>A scan's result: levels, index and bottleneck come from the aggregated (mean) condition scores.</summary>
public sealed record ScanResult(
    int Respondents,
    IReadOnlyList<ConditionAggregate> Conditions,
    double? Index,
    LevelDefinition? Level,
    string? Bottleneck,
    IReadOnlyList<RoleGroupAggregate> RoleGroups,
    int HiddenRoleGroups)
{
    public ConditionAggregate Condition(string key) => Conditions.First(c => c.Key == key);

    public ScoreProfile Profile => new(
        Conditions.ToDictionary(c => c.Key, c => c.Mean),
        Conditions.SelectMany(c => c.Factors).ToDictionary(f => f.Key, f => f.Statistics?.Mean));
}
