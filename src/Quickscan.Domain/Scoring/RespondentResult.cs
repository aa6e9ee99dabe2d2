using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>
/// The scores of one factor for one respondent, exact. Scored counts the factor's scored questions the
/// respondent was shown (0: the factor was not asked); Answered those with a scored answer. Score is null when
/// none was answered. Don't-know and not-applicable answers are counted apart and left out of the score.
/// </summary>
public sealed record FactorScore(string Key, Rational? Score, int Answered, int Scored)
{
    public int DontKnow { get; init; }

    public int NotApplicable { get; init; }

    public bool Asked => Scored > 0;
}

/// <summary>
/// The scores of one condition for one respondent. Score and Level are null ("insufficient answers") when
/// Coverage, the share of its shown scored questions answered, is below the questionnaire's threshold, or when
/// none was shown (Asked is false). Level is the score's level, capped by the lowest level the answered ladder
/// items describe (LadderCap, from the questions in CappedBy); ScoreLevel is the score's own level.
/// </summary>
public sealed record ConditionScore(
    string Key,
    Rational? Score,
    LevelDefinition? Level,
    Rational Coverage,
    int Answered,
    int Scored,
    IReadOnlyList<FactorScore> Factors)
{
    public LevelDefinition? ScoreLevel { get; init; }

    public int? LadderCap { get; init; }

    public IReadOnlyList<string> CappedBy { get; init; } = [];

    public int DontKnow => Factors.Sum(f => f.DontKnow);

    public int NotApplicable => Factors.Sum(f => f.NotApplicable);

    public bool IsSufficient => Score is not null;

    public bool Asked => Scored > 0;

    /// <summary>Whether the ladder items hold the level below what the score alone would give.</summary>
    public bool IsCapped => Level is not null && ScoreLevel is not null && Level.Number < ScoreLevel.Number;
}

/// <summary>
/// One respondent's result: per condition, the overall index and level, and where the bottleneck lies. It covers
/// what the respondent was asked and says so: Covered lists the conditions with a score, NotAsked those the
/// respondent was not asked, Insufficient those asked but with too few answers.
/// </summary>
public sealed record RespondentResult(
    IReadOnlyList<ConditionScore> Conditions,
    Rational? Index,
    LevelDefinition? Level,
    string? Bottleneck)
{
    public RespondentProfile Respondent { get; init; } = RespondentProfile.Survey;

    public WeakestConditions Weakest { get; init; } = WeakestConditions.None;

    /// <summary>Questions shown to the respondent (every kind, context included).</summary>
    public int Shown { get; init; }

    /// <summary>Shown questions with an answer of substance: a scale value, an option, or a text; not don't-know or not-applicable.</summary>
    public int AnsweredQuestions { get; init; }

    /// <summary>AnsweredQuestions / Shown (0 when nothing was shown).</summary>
    public Rational AnsweredShare => Shown == 0 ? Rational.Zero : Rational.Of(AnsweredQuestions, Shown);

    public ConditionScore Condition(string key) => Conditions.First(c => c.Key == key);

    public IReadOnlyList<string> Covered => [.. Conditions.Where(c => c.IsSufficient).Select(c => c.Key)];

    public IReadOnlyList<string> NotAsked => [.. Conditions.Where(c => !c.Asked).Select(c => c.Key)];

    public IReadOnlyList<string> Insufficient => [.. Conditions.Where(c => c.Asked && !c.IsSufficient).Select(c => c.Key)];

    public IReadOnlyList<string> CoveredFactors => [.. Conditions.SelectMany(c => c.Factors).Where(f => f.Score is not null).Select(f => f.Key)];

    public ScoreProfile Profile => new(
        Conditions.ToDictionary(c => c.Key, c => c.Score),
        Conditions.SelectMany(c => c.Factors).ToDictionary(f => f.Key, f => f.Score));

    /// <summary>
    /// What is stored per respondent and later aggregated: the exact scores of what was asked (a condition or
    /// factor not asked is absent; asked without a score is null), the track and the ladder caps.
    /// </summary>
    public ScoreSheet ToSheet(string? roleGroup) => new(
        roleGroup,
        Conditions.Where(c => c.Asked).ToDictionary(c => c.Key, c => c.Score),
        Conditions.SelectMany(c => c.Factors).Where(f => f.Asked).ToDictionary(f => f.Key, f => f.Score))
    {
        Track = Respondent.Track,
        LadderCaps = Conditions.Where(c => c.LadderCap is not null).ToDictionary(c => c.Key, c => c.LadderCap!.Value),
    };
}

/// <summary>Scores per condition and factor, whoever they belong to: a respondent, a scan, an earlier scan.</summary>
public sealed record ScoreProfile(
    IReadOnlyDictionary<string, Rational?> Conditions,
    IReadOnlyDictionary<string, Rational?> Factors)
{
    public Rational? ConditionScore(string key) => Conditions.TryGetValue(key, out var score) ? score : null;

    public Rational? FactorScore(string key) => Factors.TryGetValue(key, out var score) ? score : null;
}

/// <summary>
/// A respondent's stored scores, with the role group they chose (if any), as input for aggregation. A key that
/// is absent was not asked; a null value was asked but has no score.
/// </summary>
public sealed record ScoreSheet(
    string? RoleGroup,
    IReadOnlyDictionary<string, Rational?> Conditions,
    IReadOnlyDictionary<string, Rational?> Factors)
{
    public Track Track { get; init; } = Track.Survey;

    /// <summary>Per condition, the lowest level the respondent's answered ladder items describe.</summary>
    public IReadOnlyDictionary<string, int> LadderCaps { get; init; } = new Dictionary<string, int>();
}
