namespace Quickscan.Domain.Tests;

/// <summary>
/// A small questionnaire with round numbers, so expected scores can be worked out by hand:
/// <code>
/// usage (w1)               u.a (w1): u.a.1 agreement w1, u.a.2 agreement w3 reversed
///                          u.b (w3): u.b.1 single choice none 0 / some 40 / all 100, u.b.2 open text
/// purposefulness (w1)      p.a (w1): p.a.1, p.a.2 agreement
/// organisation (w1)        o.a (w1): o.a.1, o.a.2 agreement
/// process-integration (w2) pi.a (w1): pi.a.1, pi.a.2 agreement
/// levels 0–20–40–60–80–100, coverage threshold 0.6
/// </code>
/// </summary>
public static class TestQuestionnaire
{
    public static LocalizedText T(string text) => new($"{text} (nl)", $"{text} (en)");

    public static QuestionDefinition Agreement(string key, double weight = 1, bool reversed = false) => new()
    {
        Key = key,
        Kind = QuestionKind.Agreement,
        Text = T(key),
        Weight = (decimal)weight,
        Reversed = reversed,
    };

    public static FactorDefinition Factor(string key, double weight, params QuestionDefinition[] questions) => new()
    {
        Key = key,
        Weight = (decimal)weight,
        Name = T(key),
        Advice = T($"advice for {key}"),
        Questions = questions,
    };

    public static ConditionDefinition Condition(string key, double weight, params FactorDefinition[] factors) => new()
    {
        Key = key,
        Weight = (decimal)weight,
        Name = T(key),
        Description = T($"about {key}"),
        Levels = Enumerable.Range(1, 5)
            .Select(level => new ConditionLevelDefinition { Level = level, Description = T($"{key} at {level}"), Advice = T($"{key} from {level}") })
            .ToList(),
        Factors = factors,
    };

    public static QuestionnaireDefinition Definition() => new()
    {
        Key = "test",
        Version = 1,
        Title = T("Test"),
        Levels = Enumerable.Range(0, 5)
            .Select(i => new LevelDefinition { Number = i + 1, Name = T($"Level {i + 1}"), From = i * 20, To = (i + 1) * 20 })
            .ToList(),
        Conditions =
        [
            Condition(ConditionKeys.Usage, 1,
                Factor("u.a", 1, Agreement("u.a.1"), Agreement("u.a.2", weight: 3, reversed: true)),
                Factor("u.b", 3,
                    new QuestionDefinition
                    {
                        Key = "u.b.1",
                        Kind = QuestionKind.SingleChoice,
                        Text = T("u.b.1"),
                        Options =
                        [
                            new OptionDefinition { Key = "none", Label = T("none"), Score = 0 },
                            new OptionDefinition { Key = "some", Label = T("some"), Score = 40 },
                            new OptionDefinition { Key = "all", Label = T("all"), Score = 100 },
                        ],
                    },
                    new QuestionDefinition { Key = "u.b.2", Kind = QuestionKind.OpenText, Text = T("u.b.2") })),
            Condition(ConditionKeys.Purposefulness, 1, Factor("p.a", 1, Agreement("p.a.1"), Agreement("p.a.2"))),
            Condition(ConditionKeys.Organisation, 1, Factor("o.a", 1, Agreement("o.a.1"), Agreement("o.a.2"))),
            Condition(ConditionKeys.ProcessIntegration, 2, Factor("pi.a", 1, Agreement("pi.a.1"), Agreement("pi.a.2"))),
        ],
    };

    public static Questionnaire Create() => Questionnaire.Create(Definition());

    /// <summary>The worked example used across the tests; see RespondentScoringTests for the arithmetic.</summary>
    public static Answer[] WorkedExample() =>
    [
        new ScaleAnswer("u.a.1", 4),
        new ScaleAnswer("u.a.2", 4),
        new ChoiceAnswer("u.b.1", "some"),
        new TextAnswer("u.b.2", "We use it for news."),
        new ScaleAnswer("p.a.1", 5),
        new ScaleAnswer("p.a.2", 3),
        new ScaleAnswer("o.a.1", 1),
        new ScaleAnswer("o.a.2", 2),
        new ScaleAnswer("pi.a.1", 4),
        new ScaleAnswer("pi.a.2", 5),
    ];

    public static ScoreProfile Profile(double? usage, double? purposefulness, double? organisation, double? processIntegration, params (string Key, double? Score)[] factors) => new(
        new Dictionary<string, Rational?>
        {
            [ConditionKeys.Usage] = R(usage),
            [ConditionKeys.Purposefulness] = R(purposefulness),
            [ConditionKeys.Organisation] = R(organisation),
            [ConditionKeys.ProcessIntegration] = R(processIntegration),
        },
        factors.ToDictionary(f => f.Key, f => R(f.Score)));

    /// <summary>A test's literal, taken exactly as written (39.375 is 39.375).</summary>
    public static Rational? R(double? value) => value is { } v ? Rational.FromDouble(v) : null;

    /// <summary>Asserts an exact value.</summary>
    public static void Exactly(double expected, Rational? actual) => Assert.Equal(R(expected), actual);

    public static ScoreSheet Sheet(string? roleGroup, double? usage, double? purposefulness, double? organisation, double? processIntegration, params (string Key, double? Score)[] factors)
    {
        var profile = Profile(usage, purposefulness, organisation, processIntegration, factors);
        return new ScoreSheet(roleGroup, profile.Conditions, profile.Factors);
    }
}
