using Quickscan.Domain.Advice;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Advice;

public class AdvicePlannerTests
{
    private static readonly Questionnaire Questionnaire = Create();

    [Fact]
    public void The_bottleneck_comes_first_then_weight_times_the_distance_to_100()
    {
        // organisation 10 is the bottleneck (15 below purposefulness, margin 5). Then: process integration 45 →
        // 2 × (100 − 45) = 110; purposefulness 25 → 1 × 75 = 75; usage 50 → 1 × 50 = 50.
        var profile = Profile(50, 25, 10, 45, ("u.a", 30), ("u.b", 57), ("o.a", 10));

        var steps = AdvicePlanner.Plan(Questionnaire, profile);

        Assert.Equal(
            [
                (ConditionKeys.Organisation, (string?)null),
                (ConditionKeys.ProcessIntegration, null),
                (ConditionKeys.Purposefulness, null),
                (ConditionKeys.Usage, null),
                (ConditionKeys.Usage, "u.a"),
            ],
            steps.Select(s => (s.ConditionKey, s.FactorKey)));
        Assert.Equal([1, 2, 3, 4, 5], steps.Select(s => s.Rank));
        Assert.Equal([true, true, true, false, false], steps.Select(s => s.IsPriority));
    }

    [Fact]
    public void A_step_uses_the_advice_of_the_current_level_and_says_why()
    {
        var steps = AdvicePlanner.Plan(Questionnaire, Profile(50, 25, 10, 45));

        var first = steps[0];
        Assert.Equal(Questionnaire.ConditionLevel(ConditionKeys.Organisation, 1).Advice, first.Advice);
        Assert.Equal(new NextStepReason(ConditionKeys.Organisation, 10, 1, 2, IsBottleneck: true) { Priority = 90 }, first.Why);
        Assert.Equal(
            "organisation (en) scores 10, level 1 (Level 1 (en)); next is level 2 (Level 2 (en)). This is the bottleneck: the weakest precondition limits lasting success.",
            first.Why.Describe(Questionnaire, Language.En));
        Assert.StartsWith("organisation (nl) scoort 10, niveau 1", first.Why.Describe(Questionnaire, Language.Nl));
    }

    [Theory]
    [InlineData(35, true)]
    [InlineData(35.1, false)]
    public void Factor_advice_appears_where_a_factor_lies_15_or_more_points_below_its_condition(double factorScore, bool expected)
    {
        var steps = AdvicePlanner.Plan(Questionnaire, Profile(50, 50, 50, 50, ("u.a", factorScore)));

        var factorStep = steps.SingleOrDefault(s => s.FactorKey == "u.a");
        Assert.Equal(expected, factorStep is not null);
        if (factorStep is not null)
        {
            Assert.Equal(Questionnaire.Factor("u.a").Advice, factorStep.Advice);
            TestQuestionnaire.Exactly(factorScore, factorStep.Why.FactorScore);
            Assert.Contains("15 points below", factorStep.Why.Describe(Questionnaire, Language.En));
        }
    }

    [Fact]
    public void Lagging_factors_follow_their_condition_largest_gap_first()
    {
        var definition = Definition();
        var usage = definition.Conditions[0] with
        {
            Factors = [.. definition.Conditions[0].Factors, Factor("u.c", 1, Agreement("u.c.1"), Agreement("u.c.2"))],
        };
        var questionnaire = Questionnaire.Create(definition with { Conditions = [usage, .. definition.Conditions.Skip(1)] });

        var steps = AdvicePlanner.Plan(questionnaire, Profile(60, 10, 70, 70, ("u.a", 40), ("u.b", 80), ("u.c", 20)));

        Assert.Equal(
            [(ConditionKeys.Purposefulness, (string?)null), (ConditionKeys.ProcessIntegration, null), (ConditionKeys.Usage, null), (ConditionKeys.Usage, "u.c"), (ConditionKeys.Usage, "u.a")],
            steps.Take(5).Select(s => (s.ConditionKey, s.FactorKey)));
    }

    [Fact]
    public void A_condition_at_the_top_level_gets_advice_to_stay_there_and_comes_last()
    {
        var steps = AdvicePlanner.Plan(Questionnaire, Profile(90, 50, 50, 50));

        var last = steps[^1];
        Assert.Equal(ConditionKeys.Usage, last.ConditionKey);
        Assert.Null(last.Why.TargetLevel);
        Assert.Equal(Questionnaire.ConditionLevel(ConditionKeys.Usage, 5).Advice, last.Advice);
        Assert.EndsWith("keep it there.", last.Why.Describe(Questionnaire, Language.En));
    }

    [Fact]
    public void Conditions_without_a_score_get_no_step()
    {
        var steps = AdvicePlanner.Plan(Questionnaire, Profile(null, 50, null, 30));

        Assert.Equal([ConditionKeys.ProcessIntegration, ConditionKeys.Purposefulness], steps.Select(s => s.ConditionKey));
    }

    [Fact]
    public void A_scans_advice_comes_from_its_aggregated_scores()
    {
        var scan = ScanAggregation.Aggregate(Questionnaire,
        [
            Sheet(null, 70, 70, 20, 70, ("u.a", 70), ("u.b", 70), ("p.a", 70), ("o.a", 20), ("pi.a", 70)),
            Sheet(null, 90, 90, 40, 90, ("u.a", 90), ("u.b", 90), ("p.a", 90), ("o.a", 40), ("pi.a", 90)),
        ]);

        var steps = AdvicePlanner.Plan(Questionnaire, scan);

        Assert.Equal(ConditionKeys.Organisation, steps[0].ConditionKey);
        Assert.True(steps[0].Why.IsBottleneck);
        Exactly(30, steps[0].Why.ConditionScore);
    }
}
