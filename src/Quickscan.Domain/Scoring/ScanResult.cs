using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>
/// A factor over a scan: Statistics over those who were asked it, from the track its questions are for (the
/// intake for owner-only factors, the survey otherwise). Survey and Intake keep the two tracks apart; Asked
/// counts the respondents of the source track who were asked the factor.
/// </summary>
public sealed record FactorAggregate(string Key, Statistics? Statistics)
{
    public Track Source { get; init; } = Track.Survey;

    public int Asked { get; init; }

    public Statistics? Survey { get; init; }

    public Statistics? Intake { get; init; }

    public Rational? Mean => Statistics?.Mean;
}

/// <summary>What a scan figure lacks.</summary>
public enum ScanGap
{
    None,

    /// <summary>The condition rests on owner-only facts and the scan has no owner intake.</summary>
    NoIntake,

    /// <summary>The condition needs the employees' answers and the scan has none.</summary>
    NoSurvey,

    /// <summary>Respondents were asked, but too few of the condition's questions have a value.</summary>
    TooFewAnswers,
}

/// <summary>
/// A condition over a scan. Score is the weighted mean of its factors, each over those who were asked it; null
/// when the factors with a value carry less than the coverage threshold of the condition's questions (Lacks says
/// why). Level is Score's level, capped by the lowest level the intake's ladder answers describe (IntakeCap).
/// Statistics, Excluded, LevelDistribution and LacksConsensus describe the survey respondents' own condition
/// scores (the employees' view): respondents with insufficient answers are left out of those and counted in
/// Excluded. LevelDistribution[i] counts respondents at level i + 1.
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
    public Rational? Score { get; init; }

    public Rational Coverage { get; init; }

    public ScanGap Lacks { get; init; }

    public LevelDefinition? ScoreLevel { get; init; }

    public int? IntakeCap { get; init; }

    /// <summary>The intake respondents' own condition scores.</summary>
    public Statistics? Intake { get; init; }

    public Rational? Mean => Score;

    public bool IsCapped => Level is not null && ScoreLevel is not null && Level.Number < ScoreLevel.Number;
}

/// <summary>
/// How differently groups see a condition: the owner team (intake) against employees, and management against
/// employees (survey respondents of other role groups), all on the same factors (Factors: the survey's factors
/// every group present has a value for; owner-only facts are never part of it). A group under the anonymity
/// threshold has no mean here; the owner team is not anonymous and has no threshold. The counts are the group's
/// respondents with a value on at least one of the condition's survey factors.
/// </summary>
public sealed record PerceptionGap(string Key, Rational? OwnerTeam, Rational? Management, Rational? Employees, int OwnerTeamCount, int ManagementCount, int EmployeesCount)
{
    /// <summary>The factors the three figures are computed over, in the questionnaire's order.</summary>
    public IReadOnlyList<string> Factors { get; init; } = [];

    public Rational? OwnerVsEmployees => OwnerTeam - Employees;

    public Rational? ManagementVsEmployees => Management - Employees;
}

/// <summary>The figures of one role group; only produced for groups at or above the anonymity threshold.</summary>
public sealed record RoleGroupAggregate(string RoleGroup, int Respondents, IReadOnlyList<ConditionAggregate> Conditions);

/// <summary>A scan's result: levels, index and bottleneck come from the aggregated condition scores.</summary>
public sealed record ScanResult(
    int Respondents,
    IReadOnlyList<ConditionAggregate> Conditions,
    Rational? Index,
    LevelDefinition? Level,
    string? Bottleneck,
    IReadOnlyList<RoleGroupAggregate> RoleGroups,
    int HiddenRoleGroups)
{
    public int SurveyRespondents { get; init; }

    public int IntakeRespondents { get; init; }

    public bool HasIntake => IntakeRespondents > 0;

    public WeakestConditions Weakest { get; init; } = WeakestConditions.None;

    public IReadOnlyList<PerceptionGap> PerceptionGaps { get; init; } = [];

    public ConditionAggregate Condition(string key) => Conditions.First(c => c.Key == key);

    public PerceptionGap Gap(string key) => PerceptionGaps.First(g => g.Key == key);

    public ScoreProfile Profile => new(
        Conditions.ToDictionary(c => c.Key, c => c.Score),
        Conditions.SelectMany(c => c.Factors).ToDictionary(f => f.Key, f => f.Mean));
}
