using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

public class ScanAggregationTests
{
    private static readonly Questionnaire Questionnaire = Create();

    [Fact]
    public void Statistics_per_condition_are_computed_as_by_hand()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, 20, 50, 50, 50, ("u.a", 10), ("u.b", 30)),
            Sheet(null, 40, 50, 50, 50, ("u.a", 30)),
            Sheet(null, 90, 50, 50, 50, ("u.a", 80), ("u.b", 100)),
        ];

        var usage = ScanAggregation.Aggregate(Questionnaire, sheets).Condition(ConditionKeys.Usage);

        // mean 50; sample SD = √((30² + 10² + 40²) / 2) = √1300 ≈ 36.06
        var statistics = usage.Statistics!;
        Assert.Equal(3, statistics.N);
        Assert.Equal(50, statistics.Mean, 10);
        Assert.Equal(Math.Sqrt(1300), statistics.StandardDeviation, 10);
        Assert.Equal(20, statistics.Min);
        Assert.Equal(90, statistics.Max);
        // 20 → level 2, 40 → level 3, 90 → level 5
        Assert.Equal([0, 1, 1, 0, 1], usage.LevelDistribution);
        Assert.Equal(3, usage.Level!.Number);
        Assert.True(usage.LacksConsensus);
        Assert.Equal(40, usage.Factors[0].Statistics!.Mean, 10);
        Assert.Equal(2, usage.Factors[1].Statistics!.N);
        Assert.Equal(65, usage.Factors[1].Statistics!.Mean, 10);
    }

    [Fact]
    public void Agreeing_respondents_are_not_flagged_and_one_respondent_has_no_spread()
    {
        var close = ScanAggregation.Aggregate(Questionnaire, [Sheet(null, 40, 50, 50, 50), Sheet(null, 60, 50, 50, 50)]);
        var single = ScanAggregation.Aggregate(Questionnaire, [Sheet(null, 40, 50, 50, 50)]);

        // SD of 40 and 60 = √200 ≈ 14.1, below the 20-point threshold.
        Assert.False(close.Condition(ConditionKeys.Usage).LacksConsensus);
        Assert.Equal(0, single.Condition(ConditionKeys.Usage).Statistics!.StandardDeviation);
    }

    [Fact]
    public void Respondents_with_insufficient_answers_are_left_out_of_that_condition_and_counted()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, 20, 80, 10, 70, ("u.a", 20)),
            Sheet(null, null, 60, 30, 80, ("u.a", 99)),
            Sheet(null, 40, null, 20, 90),
        ];

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        var usage = result.Condition(ConditionKeys.Usage);
        Assert.Equal(2, usage.Statistics!.N);
        Assert.Equal(1, usage.Excluded);
        Assert.Equal(30, usage.Mean);
        // The excluded respondent's factor score is left out too.
        Assert.Equal(20, usage.Factors[0].Statistics!.Mean);
        Assert.Equal(1, result.Condition(ConditionKeys.Purposefulness).Excluded);
        Assert.Equal(3, result.Respondents);
    }

    [Fact]
    public void The_scans_levels_index_and_bottleneck_come_from_the_aggregated_scores()
    {
        ScoreSheet[] sheets = [Sheet(null, 30, 70, 50, 60), Sheet(null, 50, 90, 10, 80)];

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        // means 40, 80, 30, 70; index = (40 + 80 + 30 + 2·70) / 5 = 58
        Assert.Equal(58, result.Index!.Value, 10);
        Assert.Equal(3, result.Level!.Number);
        Assert.Equal(ConditionKeys.Organisation, result.Bottleneck);
        Assert.Equal(5, result.Condition(ConditionKeys.Purposefulness).Level!.Number);
    }

    [Fact]
    public void A_condition_nobody_scored_has_no_figures_and_the_scan_no_index()
    {
        var result = ScanAggregation.Aggregate(Questionnaire, [Sheet(null, 30, null, 50, 60)]);

        Assert.Null(result.Condition(ConditionKeys.Purposefulness).Statistics);
        Assert.Null(result.Index);
        Assert.Equal(ConditionKeys.Usage, result.Bottleneck);
    }

    [Fact]
    public void Role_groups_below_the_anonymity_threshold_are_not_reported()
    {
        var sheets = Enumerable.Range(0, 5).Select(i => Sheet("employee", 40 + i, 50, 50, 50))
            .Concat(Enumerable.Range(0, 4).Select(_ => Sheet("management", 90, 90, 90, 90)))
            .Append(Sheet(null, 10, 10, 10, 10))
            .ToList();

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        var group = Assert.Single(result.RoleGroups);
        Assert.Equal("employee", group.RoleGroup);
        Assert.Equal(5, group.Respondents);
        Assert.Equal(42, group.Conditions[0].Mean!.Value, 10);
        Assert.Equal(1, result.HiddenRoleGroups);
        Assert.Equal(10, result.Respondents);
    }

    [Fact]
    public void The_anonymity_threshold_comes_from_the_questionnaire_version()
    {
        var questionnaire = Questionnaire.Create(Definition() with { Settings = new ScoringSettings { AnonymityThreshold = 2 } });

        var result = ScanAggregation.Aggregate(questionnaire, [Sheet("support", 1, 1, 1, 1), Sheet("support", 3, 3, 3, 3)]);

        Assert.Equal(2, Assert.Single(result.RoleGroups).Respondents);
    }

    [Fact]
    public void No_respondents_gives_an_empty_result()
    {
        var result = ScanAggregation.Aggregate(Questionnaire, []);

        Assert.Equal(0, result.Respondents);
        Assert.All(result.Conditions, c => Assert.Null(c.Statistics));
        Assert.Null(result.Bottleneck);
    }
}
