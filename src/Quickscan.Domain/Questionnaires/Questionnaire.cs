using Quickscan.Domain.Arithmetic;

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
    private readonly Dictionary<string, (ConditionDefinition Condition, FactorDefinition Factor)> _factorOfQuestion;

    private Questionnaire(QuestionnaireDefinition definition)
    {
        Definition = definition;
        _conditions = definition.Conditions.ToDictionary(c => c.Key, StringComparer.Ordinal);
        _factors = definition.Conditions
            .SelectMany(c => c.Factors.Select(f => (c, f)))
            .ToDictionary(x => x.f.Key, x => (x.c, x.f), StringComparer.Ordinal);
        _factorOfQuestion = definition.Conditions
            .SelectMany(c => c.Factors.SelectMany(f => f.Questions.Select(q => (q.Key, c, f))))
            .ToDictionary(x => x.Key, x => (x.c, x.f), StringComparer.Ordinal);
        ContextQuestions = definition.Context ?? [];
        Questions = [.. definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions)];
        AllQuestions = [.. ContextQuestions, .. Questions];
        _questions = AllQuestions.ToDictionary(q => q.Key, StringComparer.Ordinal);
        ScoredQuestionCount = Questions.Count(q => q.IsScored());
    }

    public QuestionnaireDefinition Definition { get; }

    public string Key => Definition.Key;

    public int Version => Definition.Version;

    public QuestionnaireKind Kind => Definition.Kind;

    public ScoringSettings Settings => Definition.Settings;

    public IReadOnlyList<ConditionDefinition> Conditions => Definition.Conditions;

    public IReadOnlyList<LevelDefinition> Levels => Definition.Levels;

    /// <summary>The questions of the conditions, in order: scored ones and open ones. Context questions are not among them.</summary>
    public IReadOnlyList<QuestionDefinition> Questions { get; }

    /// <summary>The unscored facts about the organisation asked in the intake.</summary>
    public IReadOnlyList<QuestionDefinition> ContextQuestions { get; }

    /// <summary>Every question in the order they are asked: context first, then the conditions'.</summary>
    public IReadOnlyList<QuestionDefinition> AllQuestions { get; }

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

    /// <summary>Context and condition questions alike.</summary>
    public bool TryGetQuestion(string key, out QuestionDefinition question) =>
        _questions.TryGetValue(key, out question!);

    /// <summary>The factor a condition's question belongs to; false for context questions and unknown keys.</summary>
    public bool TryGetFactorOf(string questionKey, out ConditionDefinition condition, out FactorDefinition factor)
    {
        var found = _factorOfQuestion.TryGetValue(questionKey, out var pair);
        (condition, factor) = pair;
        return found;
    }

    public bool IsContext(string questionKey) => _questions.ContainsKey(questionKey) && !_factorOfQuestion.ContainsKey(questionKey);

    /// <summary>The level a 0–100 score falls in: From inclusive, To exclusive, except that 100 is in the top level. Exact.</summary>
    public LevelDefinition LevelOf(Rational score)
    {
        var levels = Definition.Levels;
        for (var i = 0; i < levels.Count; i++)
        {
            if (score < (Rational)levels[i].To)
                return levels[i];
        }

        return levels[^1];
    }

    public LevelDefinition Level(int number) => Definition.Levels[number - 1];

    public ConditionLevelDefinition ConditionLevel(string conditionKey, int level) =>
        Condition(conditionKey).Levels.First(l => l.Level == level);

    /// <summary>
    /// The weighted mean of the condition scores, exact. The four are preconditions, so without a score for
    /// each of them there is no meaningful overall index.
    /// </summary>
    public Rational? OverallIndex(IReadOnlyDictionary<string, Rational?> conditionScores)
    {
        Rational sum = 0, weights = 0;
        foreach (var condition in Conditions)
        {
            if (!conditionScores.TryGetValue(condition.Key, out var score) || score is null)
                return null;
            sum += condition.Weight * score.Value;
            weights += condition.Weight;
        }

        return sum / weights;
    }

    /// <summary>The bottleneck with a respondent's margin (settings.bottleneckMargin).</summary>
    public WeakestConditions Weakest(IReadOnlyDictionary<string, Rational?> conditionScores) =>
        WeakestConditions.Find(this, conditionScores, Settings.BottleneckMargin);

    /// <summary>The bottleneck with a scan's margin (settings.scanBottleneckMargin).</summary>
    public WeakestConditions ScanWeakest(IReadOnlyDictionary<string, Rational?> conditionScores) =>
        WeakestConditions.Find(this, conditionScores, Settings.ScanBottleneckMargin);

    /// <summary>Whether a question is a ladder item: single choice whose options each describe a level.</summary>
    public static bool IsLadder(QuestionDefinition question) =>
        question.Kind == QuestionKind.SingleChoice && question.Options is { Count: > 0 } options && options.All(o => o.Level is not null);

    /// <summary>
    /// The score and level an option stands for, given the respondent's other answers (or the intake's facts):
    /// the first variant whose condition matches, otherwise the option itself.
    /// </summary>
    public static (Rational Score, int? Level) Resolve(OptionDefinition option, Func<string, string?> chosenOption)
    {
        foreach (var variant in option.Variants ?? [])
        {
            if (variant.When.Matches(chosenOption))
                return (variant.Score ?? option.Score!.Value, variant.Level ?? option.Level);
        }

        return (option.Score!.Value, option.Level);
    }
}

public static class QuestionDefinitionExtensions
{
    public static bool IsScored(this QuestionDefinition question) => question.Kind != QuestionKind.OpenText;

    public static bool Matches(this AnswerMatch match, Func<string, string?> chosenOption) =>
        chosenOption(match.Question) is { } option && match.Options.Contains(option, StringComparer.Ordinal);
}
