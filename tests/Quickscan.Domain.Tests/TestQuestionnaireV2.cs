using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests;

/// <summary>
/// A small version-2 questionnaire with audiences, role groups, showIf, ladders and a variant, round numbers:
/// <code>
/// context.size             small / large (intake only, unscored)
/// usage (w1)               u.a (w1): u.a.1, u.a.2 agreement
///                          u.c (w1): u.c.1 single choice yes 100 / no 0; u.c.2 agreement, shown if u.c.1 = yes
///                          u.m (w1): u.m.1, u.m.2 agreement, role group management only
/// purposefulness (w1)      p.f (w2, owner): p.f.1 ladder none 10 (L1) / some 50 (L3) / all 90 (L5)
///                          p.e (w1): p.e.1, p.e.2 agreement
/// organisation (w1)        o.m (w1, owner): o.m.1 ladder central 30 (L2; small organisation: 90, L5) / spread 70 (L4)
///                          o.p (w1): o.p.1, o.p.2 agreement
/// process-integration (w2) pi.a (w1): pi.a.1, pi.a.2 agreement (pi.a.2 offers not applicable)
/// levels 0–20–40–60–80–100, coverage threshold 0.6, margins 5 (respondent) and 10 (scan)
/// </code>
/// </summary>
public static class TestQuestionnaireV2
{
    public static QuestionDefinition Owner(QuestionDefinition question) => question with { Audience = Audience.Owner };

    public static OptionDefinition Option(string key, decimal score, int? level = null, params OptionVariant[] variants) =>
        new() { Key = key, Label = T(key), Score = score, Level = level, Variants = variants.Length == 0 ? null : variants };

    public static QuestionDefinition Choice(string key, params OptionDefinition[] options) =>
        new() { Key = key, Kind = QuestionKind.SingleChoice, Text = T(key), Options = options };

    public static QuestionnaireDefinition Definition()
    {
        var v1 = TestQuestionnaire.Definition();
        var ladder = Choice("p.f.1", Option("none", 10, 1), Option("some", 50, 3), Option("all", 90, 5));
        var model = Choice("o.m.1",
            Option("central", 30, 2, new OptionVariant { When = new AnswerMatch { Question = "context.size", Options = ["small"] }, Score = 90, Level = 5 }),
            Option("spread", 70, 4));
        return v1 with
        {
            Version = 2,
            DefaultPlatformName = new LocalizedText("het platform", "the platform"),
            Context =
            [
                new QuestionDefinition
                {
                    Key = "context.size",
                    Kind = QuestionKind.SingleChoice,
                    Audience = Audience.Owner,
                    Text = T("context.size"),
                    Options = [new OptionDefinition { Key = "small", Label = T("small") }, new OptionDefinition { Key = "large", Label = T("large") }],
                },
            ],
            Conditions =
            [
                Condition(ConditionKeys.Usage, 1,
                    Factor("u.a", 1, Agreement("u.a.1"), Agreement("u.a.2")),
                    Factor("u.c", 1,
                        Choice("u.c.1", Option("yes", 100), Option("no", 0)),
                        Agreement("u.c.2") with { ShowIf = new AnswerMatch { Question = "u.c.1", Options = ["yes"] } }),
                    Factor("u.m", 1,
                        Agreement("u.m.1") with { RoleGroups = [RoleGroupKeys.Management] },
                        Agreement("u.m.2") with { RoleGroups = [RoleGroupKeys.Management] })),
                Condition(ConditionKeys.Purposefulness, 1,
                    Factor("p.f", 2, Owner(ladder)),
                    Factor("p.e", 1, Agreement("p.e.1"), Agreement("p.e.2"))),
                Condition(ConditionKeys.Organisation, 1,
                    Factor("o.m", 1, Owner(model)),
                    Factor("o.p", 1, Agreement("o.p.1"), Agreement("o.p.2"))),
                Condition(ConditionKeys.ProcessIntegration, 2,
                    Factor("pi.a", 1, Agreement("pi.a.1"), Agreement("pi.a.2") with { NotApplicable = true })),
            ],
        };
    }

    public static Questionnaire Create() => Questionnaire.Create(Definition());

    public static RespondentProfile Employee { get; } = new(Track.Survey, RoleGroupKeys.Employee);

    public static RespondentProfile Manager { get; } = new(Track.Survey, RoleGroupKeys.Management);

    /// <summary>Every agreement question an employee is asked, answered with the same value, and u.c.1 = yes.</summary>
    public static Answer[] EmployeeAnswers(int value) =>
    [
        new ScaleAnswer("u.a.1", value), new ScaleAnswer("u.a.2", value),
        new ChoiceAnswer("u.c.1", "yes"), new ScaleAnswer("u.c.2", value),
        new ScaleAnswer("p.e.1", value), new ScaleAnswer("p.e.2", value),
        new ScaleAnswer("o.p.1", value), new ScaleAnswer("o.p.2", value),
        new ScaleAnswer("pi.a.1", value), new ScaleAnswer("pi.a.2", value),
    ];
}
