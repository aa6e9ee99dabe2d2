using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>The scores of one factor for one respondent. Score is null when none of its scored questions was answered.</summary>
public sealed record FactorScore(string Key, double? Score, int Answered, int Scored);

/// <summary>
/// The scores of one condition for one respondent. Score and Level are null ("insufficient answers")
/// when Coverage, the share of its scored questions answered, is below the questionnaire's threshold.
/// </summary>
public sealed record ConditionScore(
    string Key,
    double? Score,
    LevelDefinition? Level,
    double Coverage,
    int Answered,
    int Scored,
    IReadOnlyList<FactorScore> Factors)
{
    public bool IsSufficient => Score is not null;
}

/// <summary>One respondent's result: per condition, the overall index and level, and the bottleneck.</summary>
public sealed record RespondentResult(
    IReadOnlyList<ConditionScore> Conditions,
    double? Index,
    LevelDefinition? Level,
    string? Bottleneck)
{
    public ConditionScore Condition(string key) => Conditions.First(c => c.Key == key);

    public ScoreProfile Profile => new(
        Conditions.ToDictionary(c => c.Key, c => c.Score),
        Conditions.SelectMany(c => c.Factors).ToDictionary(f => f.Key, f => f.Score));

    /// <summary>What is stored per respondent and later aggregated: the scores, not the answers.</summary>
    public ScoreSheet ToSheet(string? roleGroup)
    {
        var profile = Profile;
        return new(roleGroup, profile.Conditions, profile.Factors);
    }
}

/// <summary>Scores per condition and factor, whoever they belong to: a respondent, a scan, an earlier scan.</summary>
public sealed record ScoreProfile(
    IReadOnlyDictionary<string, double?> Conditions,
    IReadOnlyDictionary<string, double?> Factors)
{
    public double? ConditionScore(string key) => Conditions.TryGetValue(key, out var score) ? score : null;

    public double? FactorScore(string key) => Factors.TryGetValue(key, out var score) ? score : null;
}

/// <summary>A respondent's stored scores, with the role group they chose (if any), as input for aggregation.</summary>
public sealed record ScoreSheet(
    string? RoleGroup,
    IReadOnlyDictionary<string, double?> Conditions,
    IReadOnlyDictionary<string, double?> Factors);
