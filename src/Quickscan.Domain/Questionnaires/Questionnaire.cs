namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// A questionnaire version that has passed validation, with the look-ups scoring needs.
/// Immutable: build one per published version and share it.
/// </summary>
public sealed class Questionnaire
{
    private readonly Dictionary<string, QuestionDefinition> _questions;
    private readonly Dictionary<string, ConditionDefinition> _conditions;
    private readonly Dictionary<string, (ConditionDefinition Condition, FactorDefinition Factor)> _factors;

    private Questionnaire(QuestionnaireDefinition definition)
    {
        Definition = definition;
        _conditions = definition.Conditions.ToDictionary(c => c.Key, StringComparer.Ordinal);
        _factors = definition.Conditions
            .SelectMany(c => c.Factors.Select(f => (c, f)))
            .ToDictionary(x => x.f.Key, x => (x.c, x.f), StringComparer.Ordinal);
        _questions = definition.Conditions
            .SelectMany(c => c.Factors)
            .SelectMany(f => f.Questions)
            .ToDictionary(q => q.Key, StringComparer.Ordinal);
        ScoredQuestionCount = _questions.Values.Count(q => q.IsScored());
    }

    public QuestionnaireDefinition Definition { get; }

    public string Key => Definition.Key;

    public int Version => Definition.Version;

    public ScoringSettings Settings => Definition.Settings;

    public IReadOnlyList<ConditionDefinition> Conditions => Definition.Conditions;

    public IReadOnlyList<LevelDefinition> Levels => Definition.Levels;

    public int ScoredQuestionCount { get; }

    public static Questionnaire Create(QuestionnaireDefinition definition)
    {
        var problems = QuestionnaireValidator.Validate(definition);
        if (problems.Count > 0)
            throw new InvalidQuestionnaireException(problems);
        return new Questionnaire(definition);
    }

    public static bool TryCreate(QuestionnaireDefinition definition, out Questionnaire? questionnaire, out IReadOnlyList<QuestionnaireProblem> problems)
    {
        problems = QuestionnaireValidator.Validate(definition);
        questionnaire = problems.Count == 0 ? new Questionnaire(definition) : null;
        return questionnaire is not null;
    }

    public ConditionDefinition Condition(string key) => _conditions[key];

    public FactorDefinition Factor(string key) => _factors[key].Factor;

    public ConditionDefinition ConditionOfFactor(string factorKey) => _factors[factorKey].Condition;

    public bool TryGetQuestion(string key, out QuestionDefinition question) =>
        _questions.TryGetValue(key, out question!);

    public IEnumerable<QuestionDefinition> Questions => Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions);

    /// <summary>The level a 0–100 score falls in: From inclusive, To exclusive, except that 100 is in the top level.</summary>
    public LevelDefinition LevelOf(double score)
    {
        var levels = Definition.Levels;
        for (var i = 0; i < levels.Count; i++)
        {
            if (score < levels[i].To)
                return levels[i];
        }

        return levels[^1];
    }

    public LevelDefinition Level(int number) => Definition.Levels[number - 1];

    public ConditionLevelDefinition ConditionLevel(string conditionKey, int level) =>
        Condition(conditionKey).Levels.First(l => l.Level == level);

    /// <summary>
    /// The weighted mean of the condition scores. The four are preconditions, so without a score for
    /// each of them there is no meaningful overall index.
    /// </summary>
    public double? OverallIndex(IReadOnlyDictionary<string, double?> conditionScores)
    {
        double sum = 0, weights = 0;
        foreach (var condition in Conditions)
        {
            if (!conditionScores.TryGetValue(condition.Key, out var score) || score is null)
                return null;
            sum += condition.Weight * score.Value;
            weights += condition.Weight;
        }

        return sum / weights;
    }

    /// <summary>
    /// The lowest-scoring condition: the weakest precondition limits lasting success.
    /// On a tie the heavier condition is named, then the earlier one.
    /// </summary>
    public string? Bottleneck(IReadOnlyDictionary<string, double?> conditionScores)
    {
        ConditionDefinition? lowest = null;
        double lowestScore = double.MaxValue;
        foreach (var condition in Conditions)
        {
            if (!conditionScores.TryGetValue(condition.Key, out var score) || score is null)
                continue;
            if (score.Value < lowestScore || (score.Value == lowestScore && condition.Weight > lowest!.Weight))
            {
                lowest = condition;
                lowestScore = score.Value;
            }
        }

        return lowest?.Key;
    }
}

public static class QuestionDefinitionExtensions
{
    public static bool IsScored(this QuestionDefinition question) => question.Kind != QuestionKind.OpenText;
}
