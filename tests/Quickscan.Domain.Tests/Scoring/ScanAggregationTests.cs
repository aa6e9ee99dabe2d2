using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

public class ScanAggregationTests
{
    private static readonly Questionnaire Questionnaire = Create();

    /// <summary>A survey sheet whose factor scores equal its condition scores (usage's two factors both get the usage score).</summary>
    private static ScoreSheet Even(string? roleGroup, double? usage, double? purposefulness, double? organisation, double? processIntegration) =>
        Sheet(roleGroup, usage, purposefulness, organisation, processIntegration,
            ("u.a", usage), ("u.b", usage), ("p.a", purposefulness), ("o.a", organisation), ("pi.a", processIntegration));

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

        // The respondents' own usage scores: mean 50; sample SD = √((30² + 10² + 40²) / 2) = √1300 ≈ 36.06
        var statistics = usage.Statistics!;
        Assert.Equal(3, statistics.N);
        Exactly(50, statistics.Mean);
        Exactly(1300, statistics.Variance);
        Assert.Equal(Math.Sqrt(1300), statistics.StandardDeviation!.Value, 10);
        Exactly(20, statistics.Min);
        Exactly(90, statistics.Max);
        // 20 → level 2, 40 → level 3, 90 → level 5
        Assert.Equal([0, 1, 1, 0, 1], usage.LevelDistribution);
        Assert.True(usage.LacksConsensus);
        // Per factor over those who were asked it: u.a = (10 + 30 + 80) / 3 = 40 over 3, u.b = (30 + 100) / 2 = 65 over 2.
        Exactly(40, usage.Factors[0].Mean);
        Assert.Equal(2, usage.Factors[1].Statistics!.N);
        Exactly(65, usage.Factors[1].Mean);
        // The scan's usage = (1·40 + 3·65) / 4 = 58.75, level 3.
        Exactly(58.75, usage.Score);
        Assert.Equal(3, usage.Level!.Number);
    }

    [Fact]
    public void Agreeing_respondents_are_not_flagged_and_one_respondent_has_no_spread()
    {
        var close = ScanAggregation.Aggregate(Questionnaire, [Even(null, 40, 50, 50, 50), Even(null, 60, 50, 50, 50)]);
        var single = ScanAggregation.Aggregate(Questionnaire, [Even(null, 40, 50, 50, 50)]);

        // SD of 40 and 60 = √200 ≈ 14.1, below the 20-point threshold.
        Assert.False(close.Condition(ConditionKeys.Usage).LacksConsensus);
        Assert.Null(single.Condition(ConditionKeys.Usage).Statistics!.StandardDeviation);
        Assert.Null(single.Condition(ConditionKeys.Usage).Statistics!.Interval90);
        Assert.Equal("–", ScoreFormat.Points(single.Condition(ConditionKeys.Usage).Statistics!.StandardDeviation));
    }

    [Fact]
    public void A_spread_exactly_at_the_consensus_threshold_is_not_flagged()
    {
        // 30 and 70 → variance = (20² + 20²) / 1 = 800, SD = √800 ≈ 28.28 > 20: flagged. 36 and 64: variance 392 < 400. 
        // Exactly 20: values 50 ± 10√2 are not rational, so take three: 30, 50, 70 → variance (400 + 0 + 400) / 2 = 400.
        var atThreshold = ScanAggregation.Aggregate(Questionnaire, [Even(null, 30, 50, 50, 50), Even(null, 50, 50, 50, 50), Even(null, 70, 50, 50, 50)]);

        Exactly(400, atThreshold.Condition(ConditionKeys.Usage).Statistics!.Variance);
        Assert.False(atThreshold.Condition(ConditionKeys.Usage).LacksConsensus);
    }

    [Fact]
    public void Respondents_with_insufficient_answers_are_left_out_of_that_conditions_spread_and_counted()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, 20, 80, 10, 70, ("u.a", 20), ("u.b", 20)),
            Sheet(null, null, 60, 30, 80, ("u.a", 99), ("u.b", null)),
            Sheet(null, 40, null, 20, 90, ("u.a", 40), ("u.b", 40)),
        ];

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        var usage = result.Condition(ConditionKeys.Usage);
        Assert.Equal(2, usage.Statistics!.N);
        Assert.Equal(1, usage.Excluded);
        Exactly(30, usage.Statistics.Mean);
        // A factor counts everyone who answered it, also the respondent whose condition had too few answers:
        // u.a = (20 + 99 + 40) / 3 = 53, u.b = 30; usage = (53 + 3·30) / 4 = 35.75.
        Exactly(53, usage.Factors[0].Mean);
        Exactly(35.75, usage.Score);
        Assert.Equal(1, result.Condition(ConditionKeys.Purposefulness).Excluded);
        Assert.Equal(3, result.Respondents);
    }

    [Fact]
    public void The_scans_levels_index_and_bottleneck_come_from_the_aggregated_scores()
    {
        ScoreSheet[] sheets = [Even(null, 30, 70, 50, 60), Even(null, 50, 90, 10, 80)];

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        // means 40, 80, 30, 70; index = (40 + 80 + 30 + 2·70) / 5 = 58
        Exactly(58, result.Index);
        Assert.Equal(3, result.Level!.Number);
        // Organisation (30) is 10 below usage (40): exactly the scan margin, so it is named.
        Assert.Equal(ConditionKeys.Organisation, result.Bottleneck);
        Assert.Equal(5, result.Condition(ConditionKeys.Purposefulness).Level!.Number);
    }

    [Fact]
    public void A_condition_nobody_scored_has_no_figures_and_the_scan_no_index()
    {
        var result = ScanAggregation.Aggregate(Questionnaire, [Even(null, 30, null, 50, 60)]);

        Assert.Null(result.Condition(ConditionKeys.Purposefulness).Statistics);
        Assert.Null(result.Condition(ConditionKeys.Purposefulness).Score);
        Assert.Null(result.Index);
        // Usage (30) is the lowest scored, 20 below the next, but purposefulness has no score: it may lie there.
        Assert.Equal(ConditionKeys.Usage, result.Bottleneck);
        Assert.Equal([ConditionKeys.Purposefulness], result.Weakest.Unscored);
        Assert.True(result.Weakest.MayLieElsewhere);
    }

    [Fact]
    public void Role_groups_below_the_anonymity_threshold_are_not_reported()
    {
        var sheets = Enumerable.Range(0, 5).Select(i => Even("employee", 40 + i, 50, 50, 50))
            .Concat(Enumerable.Range(0, 4).Select(_ => Even("management", 90, 90, 90, 90)))
            .Append(Even(null, 10, 10, 10, 10))
            .ToList();

        var result = ScanAggregation.Aggregate(Questionnaire, sheets);

        var group = Assert.Single(result.RoleGroups);
        Assert.Equal("employee", group.RoleGroup);
        Assert.Equal(5, group.Respondents);
        Exactly(42, group.Conditions[0].Mean);
        Assert.Equal(1, result.HiddenRoleGroups);
        Assert.Equal(10, result.Respondents);
    }

    [Fact]
    public void The_anonymity_threshold_comes_from_the_questionnaire_version_or_the_scan()
    {
        var questionnaire = Questionnaire.Create(Definition() with { Settings = new ScoringSettings { AnonymityThreshold = 2 } });
        ScoreSheet[] sheets = [Even("support", 1, 1, 1, 1), Even("support", 3, 3, 3, 3)];

        Assert.Equal(2, Assert.Single(ScanAggregation.Aggregate(questionnaire, sheets).RoleGroups).Respondents);
        Assert.Empty(ScanAggregation.Aggregate(questionnaire, sheets, anonymityThreshold: 3).RoleGroups);
    }

    [Fact]
    public void No_respondents_gives_an_empty_result()
    {
        var result = ScanAggregation.Aggregate(Questionnaire, []);

        Assert.Equal(0, result.Respondents);
        Assert.All(result.Conditions, c => Assert.Null(c.Statistics));
        Assert.All(result.Conditions, c => Assert.Null(c.Score));
        Assert.Null(result.Bottleneck);
    }
}
