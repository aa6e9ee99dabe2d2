using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Questionnaires;

public class QuestionnaireValidatorTests
{
    private static IReadOnlyList<QuestionnaireProblem> Validate(QuestionnaireDefinition definition) => QuestionnaireValidator.Validate(definition);

    private static QuestionnaireDefinition WithCondition(int index, Func<ConditionDefinition, ConditionDefinition> change)
    {
        var definition = Definition();
        var conditions = definition.Conditions.ToList();
        conditions[index] = change(conditions[index]);
        return definition with { Conditions = conditions };
    }

    private static QuestionnaireDefinition WithFirstQuestion(Func<QuestionDefinition, QuestionDefinition> change) =>
        WithCondition(0, c => c with
        {
            Factors = [c.Factors[0] with { Questions = [change(c.Factors[0].Questions[0]), .. c.Factors[0].Questions.Skip(1)] }, .. c.Factors.Skip(1)],
        });

    [Fact]
    public void The_test_questionnaire_is_valid() => Assert.Empty(Validate(Definition()));

    [Fact]
    public void Duplicate_keys_are_reported_with_their_path()
    {
        var definition = WithFirstQuestion(q => q with { Key = "u.a.2" });

        var problem = Assert.Single(Validate(definition));

        Assert.Equal("conditions[usage].factors[u.a].questions[u.a.2].key", problem.Path);
        Assert.Contains("more than once", problem.Message);
    }

    [Fact]
    public void A_factor_key_may_not_repeat_a_question_key() =>
        Assert.Contains(
            Validate(WithCondition(1, c => c with { Factors = [c.Factors[0] with { Key = "u.a.1" }] })),
            p => p.Path == "conditions[purposefulness].factors[u.a.1].key");

    [Fact]
    public void A_missing_translation_is_reported_per_language()
    {
        var definition = WithFirstQuestion(q => q with { Text = new LocalizedText("Vraag", " ") });

        var problem = Assert.Single(Validate(definition));

        Assert.Equal("conditions[usage].factors[u.a].questions[u.a.1].text.en", problem.Path);
    }

    [Fact]
    public void A_missing_text_is_reported()
    {
        var definition = WithCondition(2, c => c with { Name = null! });

        Assert.Equal("conditions[organisation].name", Assert.Single(Validate(definition)).Path);
    }

    [Fact]
    public void A_gap_between_thresholds_is_reported()
    {
        var definition = Definition();
        var levels = definition.Levels.ToList();
        levels[2] = levels[2] with { From = 45 };

        var problem = Assert.Single(Validate(definition with { Levels = levels }));

        Assert.Equal("levels[2].from", problem.Path);
        Assert.Contains("Gap", problem.Message);
    }

    [Fact]
    public void Overlapping_thresholds_are_reported()
    {
        var definition = Definition();
        var levels = definition.Levels.ToList();
        levels[3] = levels[3] with { From = 50 };

        var problem = Assert.Single(Validate(definition with { Levels = levels }));

        Assert.Equal("levels[3].from", problem.Path);
        Assert.Contains("Overlaps", problem.Message);
    }

    [Fact]
    public void The_scale_must_run_from_0_to_100()
    {
        var definition = Definition();
        var levels = definition.Levels.ToList();
        levels[0] = levels[0] with { From = 5 };
        levels[4] = levels[4] with { To = 90 };

        var paths = Validate(definition with { Levels = levels }).Select(p => p.Path).ToList();

        Assert.Equal(["levels[0].from", "levels[4].to"], paths);
    }

    [Fact]
    public void There_must_be_five_levels()
    {
        var definition = Definition();

        Assert.Contains(Validate(definition with { Levels = definition.Levels.Take(4).ToList() }), p => p.Path == "levels");
    }

    [Fact]
    public void An_option_without_a_score_is_reported()
    {
        var definition = WithCondition(0, c => c with
        {
            Factors =
            [
                c.Factors[0],
                c.Factors[1] with
                {
                    Questions =
                    [
                        c.Factors[1].Questions[0] with
                        {
                            Options = [.. c.Factors[1].Questions[0].Options!.Take(2), c.Factors[1].Questions[0].Options![2] with { Score = null }],
                        },
                        c.Factors[1].Questions[1],
                    ],
                },
            ],
        });

        Assert.Equal("conditions[usage].factors[u.b].questions[u.b.1].options[all].score", Assert.Single(Validate(definition)).Path);
    }

    [Fact]
    public void A_condition_without_scored_questions_is_reported()
    {
        var definition = WithCondition(1, c => c with
        {
            Factors = [c.Factors[0] with { Questions = [new QuestionDefinition { Key = "p.open", Kind = QuestionKind.OpenText, Text = T("open") }] }],
        });

        var paths = Validate(definition).Select(p => p.Path).ToList();

        Assert.Contains("conditions[purposefulness].factors", paths);
        Assert.Contains("conditions[purposefulness].factors[p.a].questions", paths);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Weights_must_be_above_zero(double weight)
    {
        var definition = WithCondition(3, c => c with
        {
            Weight = (decimal)weight,
            Factors = [c.Factors[0] with { Weight = (decimal)weight, Questions = [c.Factors[0].Questions[0] with { Weight = (decimal)weight }, c.Factors[0].Questions[1]] }],
        });

        var paths = Validate(definition).Select(p => p.Path).ToList();

        Assert.Equal(
            [
                "conditions[process-integration].weight",
                "conditions[process-integration].factors[pi.a].weight",
                "conditions[process-integration].factors[pi.a].questions[pi.a.1].weight",
            ],
            paths);
    }

    [Fact]
    public void A_level_without_description_or_advice_is_reported()
    {
        var definition = WithCondition(0, c => c with
        {
            Levels = [.. c.Levels.Take(2), c.Levels[2] with { Advice = null! }, c.Levels[3]],
        });

        var paths = Validate(definition).Select(p => p.Path).ToList();

        Assert.Equal(["conditions[usage].levels[3].advice", "conditions[usage].levels[5]"], paths);
    }

    [Fact]
    public void Conditions_must_be_the_four_fixed_ones()
    {
        var definition = WithCondition(3, c => c with { Key = "culture" });

        var paths = Validate(definition).Select(p => p.Path).ToList();

        Assert.Contains("conditions[culture].key", paths);
        Assert.Contains(Validate(definition), p => p.Path == "conditions" && p.Message.Contains("process-integration"));
    }

    [Fact]
    public void Reversed_is_only_for_agreement_questions()
    {
        var definition = WithCondition(0, c => c with
        {
            Factors = [c.Factors[0], c.Factors[1] with { Questions = [c.Factors[1].Questions[0] with { Reversed = true }, c.Factors[1].Questions[1]] }],
        });

        Assert.Equal("conditions[usage].factors[u.b].questions[u.b.1].reversed", Assert.Single(Validate(definition)).Path);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var definition = WithFirstQuestion(q => q with { Key = "u.a.2", Weight = 0, Text = new LocalizedText("", "") });
        var levels = definition.Levels.ToList();
        levels[1] = levels[1] with { Name = new LocalizedText("Niveau", "") };

        var problems = Validate(definition with { Levels = levels, Title = null! });

        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Create_refuses_an_invalid_definition_and_names_the_problems()
    {
        var definition = WithFirstQuestion(q => q with { Weight = -2 });

        var error = Assert.Throws<InvalidQuestionnaireException>(() => Questionnaire.Create(definition));

        Assert.Equal("conditions[usage].factors[u.a].questions[u.a.1].weight", Assert.Single(error.Problems).Path);
    }
}
