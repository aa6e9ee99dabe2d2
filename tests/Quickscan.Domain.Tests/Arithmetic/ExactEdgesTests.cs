using System.Globalization;
using Quickscan.Domain.Advice;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Arithmetic;

/// <summary>
/// Hand-computed values at the edges where floating point went wrong (issue 8): exact ties, exact thresholds
/// and exact .5 means, on the small test questionnaire (weights 1, 1, 1, 2; levels 0–20–40–60–80–100).
/// </summary>
public class ExactEdgesTests
{
    private static readonly Questionnaire Questionnaire = Create();

    private static Dictionary<string, Rational?> Scores(Rational? usage, Rational? purposefulness, Rational? organisation, Rational? processIntegration) => new()
    {
        [ConditionKeys.Usage] = usage,
        [ConditionKeys.Purposefulness] = purposefulness,
        [ConditionKeys.Organisation] = organisation,
        [ConditionKeys.ProcessIntegration] = processIntegration,
    };

    [Fact]
    public void Thirds_add_up_exactly_where_doubles_do_not()
    {
        var third = Rational.Of(1, 3);

        Assert.Equal(Rational.One, third + third + third);
        Assert.Equal((Rational)0.3m, (Rational)0.1m + (Rational)0.2m);
        Assert.Equal("175/3", Rational.Of(350, 6).ToString());
        Assert.Equal("52.5", Rational.Of(105, 2).ToString());
        Assert.Equal(Rational.Of(105, 2), Rational.Parse("52.5"));
        Assert.Equal(Rational.Of(-7, 3), Rational.Parse("14/-6"));
    }

    [Fact]
    public void An_index_of_exactly_20_is_level_2_not_level_1()
    {
        // usage = purposefulness = organisation = 100/3 (one of three statements agreed fully), process integration 0:
        // index = 3 · 100/3 / 5 = 20 exactly. In doubles 33.333333333333336 · 3 / 5 need not be 20.
        var third = Rational.Of(100, 3);
        var index = Questionnaire.OverallIndex(Scores(third, third, third, 0));

        Assert.Equal((Rational)20, index);
        Assert.Equal(2, Questionnaire.LevelOf(index!.Value).Number);
        Assert.Equal(1, Questionnaire.LevelOf(index.Value - Rational.Of(1, 1_000_000)).Number);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(19.999, 1)]
    [InlineData(20, 2)]
    [InlineData(39.999, 2)]
    [InlineData(40, 3)]
    [InlineData(59.999, 3)]
    [InlineData(60, 4)]
    [InlineData(79.999, 4)]
    [InlineData(80, 5)]
    [InlineData(99.999, 5)]
    [InlineData(100, 5)]
    public void Every_threshold_belongs_to_the_level_above_it(double score, int level) =>
        Assert.Equal(level, Questionnaire.LevelOf(R(score)!.Value).Number);

    [Theory]
    [InlineData(52.5, "53")]
    [InlineData(53.5, "54")]
    [InlineData(0.5, "1")]
    [InlineData(99.5, "100")]
    [InlineData(52.49, "52")]
    [InlineData(-2.5, "-3")]
    [InlineData(-0.5, "-1")]
    [InlineData(-2.49, "-2")]
    [InlineData(60, "60")]
    public void Display_rounds_exact_halves_away_from_zero(double value, string shown) =>
        Assert.Equal(shown, ScoreFormat.Points(R(value)));

    [Theory]
    [InlineData(52.25, 1, "52.3")]
    [InlineData(-52.25, 1, "-52.3")]
    [InlineData(52.24, 1, "52.2")]
    public void Rounding_to_a_decimal_is_half_away_from_zero_too(double value, int decimals, string shown) =>
        Assert.Equal(shown, ScoreFormat.Points(R(value), CultureInfo.InvariantCulture, decimals));

    [Fact]
    public void A_share_of_exactly_five_eighths_shows_63_percent_and_two_thirds_67()
    {
        Assert.Equal("63", ScoreFormat.Percent(Rational.Of(5, 8)));
        Assert.Equal("67", ScoreFormat.Percent(Rational.Of(2, 3)));
        Assert.Equal("–", ScoreFormat.Percent(null));
    }

    [Fact]
    public void A_scan_mean_of_exactly_52_5_stays_52_5_and_shows_53()
    {
        // Two respondents: usage 37.5 and 67.5 → mean (37.5 + 67.5) / 2 = 52.5 exactly (rounding each first would give 38 and 68 → 53, or 37 and 67 → 52).
        ScoreSheet[] sheets = [Sheet(null, 37.5, 50, 50, 50, ("u.a", 37.5), ("u.b", 37.5)), Sheet(null, 67.5, 50, 50, 50, ("u.a", 67.5), ("u.b", 67.5))];

        var usage = ScanAggregation.Aggregate(Questionnaire, sheets).Condition(ConditionKeys.Usage);

        Exactly(52.5, usage.Statistics!.Mean);
        Exactly(52.5, usage.Score);
        Assert.Equal("53", ScoreFormat.Points(usage.Score));
        Assert.Equal(3, usage.Level!.Number);
    }

    [Fact]
    public void A_scan_mean_of_exactly_60_is_level_4_even_when_no_score_is_a_whole_number()
    {
        // Three respondents at 175/3, 185/3 and 180/3 (= 60): mean (175 + 185 + 180) / 9 = 60 exactly.
        static ScoreSheet Thirds(int numerator)
        {
            Rational score = Rational.Of(numerator, 3);
            return new ScoreSheet(null,
                new Dictionary<string, Rational?> { [ConditionKeys.Usage] = score, [ConditionKeys.Purposefulness] = 50, [ConditionKeys.Organisation] = 50, [ConditionKeys.ProcessIntegration] = 50 },
                new Dictionary<string, Rational?> { ["u.a"] = score, ["u.b"] = score, ["p.a"] = 50, ["o.a"] = 50, ["pi.a"] = 50 });
        }

        var usage = ScanAggregation.Aggregate(Questionnaire, [Thirds(175), Thirds(185), Thirds(180)]).Condition(ConditionKeys.Usage);

        Exactly(60, usage.Score);
        Exactly(60, usage.Statistics!.Mean);
        Assert.Equal(4, usage.Level!.Number);
        // The respondents themselves: 58.33 is level 3, 61.67 and 60 are level 4.
        Assert.Equal([0, 0, 1, 2, 0], usage.LevelDistribution);
    }

    [Fact]
    public void An_exact_tie_between_the_two_weakest_names_no_bottleneck_and_both_as_jointly_weakest()
    {
        // 100/3 and 33.3333… written differently are the same number: a tie, not a bottleneck by a rounding error.
        var weakest = Questionnaire.Weakest(Scores(Rational.Of(100, 3), Rational.Of(200, 6), 60, 70));

        Assert.Null(weakest.Bottleneck);
        Assert.Equal([ConditionKeys.Usage, ConditionKeys.Purposefulness], weakest.JointlyWeakest);
    }

    [Fact]
    public void A_difference_of_exactly_the_scan_margin_names_the_bottleneck_and_a_hair_less_does_not()
    {
        // Scan margin 10: organisation 30 against usage 40 is exactly 10 below: named.
        Assert.Equal(ConditionKeys.Organisation, Questionnaire.ScanWeakest(Scores(40, 50, 30, 60)).Bottleneck);
        var justUnder = Questionnaire.ScanWeakest(Scores(40, 50, 30 + Rational.Of(1, 1_000_000), 60));
        Assert.Null(justUnder.Bottleneck);
        Assert.Equal([ConditionKeys.Usage, ConditionKeys.Organisation], justUnder.JointlyWeakest);
    }

    [Fact]
    public void Equal_priorities_keep_the_questionnaires_order_and_an_exact_third_does_not_break_the_tie()
    {
        // usage 40 → 1 × 60 = 60, purposefulness 40 → 60, process integration 70 → 2 × 30 = 60, organisation 80 → 20.
        // Usage and purposefulness tie as weakest, so there is no bottleneck to put first; the three-way tie on 60
        // keeps the questionnaire's order.
        var profile = new ScoreProfile(Scores(40, 40, 80, 70), new Dictionary<string, Rational?>());

        var steps = AdvicePlanner.Plan(Questionnaire, profile);

        Assert.Equal([ConditionKeys.Usage, ConditionKeys.Purposefulness, ConditionKeys.ProcessIntegration, ConditionKeys.Organisation], steps.Select(s => s.ConditionKey));
        Assert.Equal([(Rational)60, 60, 60, 20], steps.Select(s => s.Why.Priority));
        // Process integration at 70 − 1/3: 2 × (30 + 1/3) = 60 + 2/3 > 60, so it moves first; at 70 + 1/3 it stays third.
        var above = AdvicePlanner.Plan(Questionnaire, new ScoreProfile(Scores(40, 40, 80, 70 - Rational.Of(1, 3)), new Dictionary<string, Rational?>()));
        Assert.Equal(ConditionKeys.ProcessIntegration, above[0].ConditionKey);
        Assert.Equal(Rational.Of(182, 3), above[0].Why.Priority);
    }
}
