using Quickscan.Domain.Comparisons;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Comparisons;

public class BenchmarkTests
{
    private static readonly Questionnaire Questionnaire = Create();

    [Fact]
    public void A_result_gets_a_percentile_per_condition()
    {
        ScoreProfile[] population =
        [
            Profile(10, 50, 50, 50),
            Profile(20, 50, 50, 50),
            Profile(30, 50, 50, 50),
            Profile(40, 50, 50, 50),
            Profile(50, 50, 50, 50),
        ];

        var benchmark = Benchmark.Rank(Questionnaire, Profile(35, 50, 100, 0), population)!;

        // usage 35: 3 of 5 below → 60. purposefulness 50: 5 ties → 50. organisation 100: all below → 100.
        Assert.Equal(60, benchmark.Condition(ConditionKeys.Usage).Percentile);
        Assert.Equal(50, benchmark.Condition(ConditionKeys.Purposefulness).Percentile);
        Assert.Equal(100, benchmark.Condition(ConditionKeys.Organisation).Percentile);
        Assert.Equal(0, benchmark.Condition(ConditionKeys.ProcessIntegration).Percentile);
        Assert.Equal(5, benchmark.PopulationSize);
        // index (35 + 50 + 100 + 2·0) / 5 = 37 against 42, 44, 46, 48, 50
        Assert.Equal(0, benchmark.IndexPercentile);
    }

    [Fact]
    public void There_is_no_benchmark_from_fewer_than_5_results()
    {
        var population = Enumerable.Range(0, 4).Select(i => Profile(i * 10, 50, 50, 50)).ToList();

        Assert.Null(Benchmark.Rank(Questionnaire, Profile(35, 50, 50, 50), population));
    }

    [Fact]
    public void A_condition_with_fewer_than_5_scores_in_the_population_gets_no_percentile()
    {
        var population = Enumerable.Range(0, 5).Select(i => Profile(i * 10, i < 4 ? 50 : null, 50, 50)).ToList();

        var benchmark = Benchmark.Rank(Questionnaire, Profile(35, 50, 50, 50), population)!;

        Assert.Null(benchmark.Condition(ConditionKeys.Purposefulness).Percentile);
        Assert.Equal(4, benchmark.Condition(ConditionKeys.Purposefulness).PopulationSize);
        Assert.NotNull(benchmark.Condition(ConditionKeys.Usage).Percentile);
        Assert.Null(benchmark.IndexPercentile);
    }
}
