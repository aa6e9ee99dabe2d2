using Quickscan.Domain.Reports;

namespace Quickscan.Domain.Tests.Reports;

public sealed class ReportRulesTests
{
    [Fact]
    public void The_median_of_nothing_is_null() => Assert.Null(ReportRules.Median([]));

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value_whatever_the_order() =>
        Assert.Equal(55.0, ReportRules.Median([70, 40, 55]));

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values() =>
        // sorted 20, 45, 50, 90: (45 + 50) / 2
        Assert.Equal(47.5, ReportRules.Median([90, 20, 50, 45]));

    [Fact]
    public void One_extreme_value_does_not_move_the_median() =>
        Assert.Equal(60.0, ReportRules.Median([58, 60, 62, 0, 100]));

    private static readonly BenchmarkCandidate<int>[] Candidates =
    [
        new(1, "care"), new(2, "care"), new(3, "care"), new(4, "education"), new(5, null),
    ];

    [Fact]
    public void The_sector_is_the_population_when_it_has_the_minimum()
    {
        var (scope, ids) = ReportRules.Scope("care", Candidates, minimum: 3);
        Assert.Equal(BenchmarkScope.Sector, scope);
        Assert.Equal([1, 2, 3], ids);
    }

    [Fact]
    public void Too_few_in_the_sector_falls_back_to_every_sector()
    {
        var (scope, ids) = ReportRules.Scope("care", Candidates, minimum: 4);
        Assert.Equal(BenchmarkScope.AllSectors, scope);
        Assert.Equal([1, 2, 3, 4, 5], ids);
    }

    [Fact]
    public void A_client_without_a_sector_is_compared_with_every_sector()
    {
        var (scope, ids) = ReportRules.Scope<int>(null, Candidates, minimum: 1);
        Assert.Equal(BenchmarkScope.AllSectors, scope);
        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public void An_unknown_sector_falls_back_even_with_a_minimum_of_zero()
    {
        var (scope, _) = ReportRules.Scope("retail", Candidates, minimum: 0);
        Assert.Equal(BenchmarkScope.AllSectors, scope);
    }

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(5, 5, true)]
    [InlineData(6, 5, true)]
    [InlineData(1, 1, true)]
    [InlineData(0, 1, false)]
    [InlineData(0, 0, false)]
    public void A_group_is_shown_from_the_threshold_on(int respondents, int threshold, bool shown) =>
        Assert.Equal(shown, ReportRules.IsGroupShown(respondents, threshold));

    [Theory]
    [InlineData(false, 5, 1, 5, true, true)]    // enough employees and an intake
    [InlineData(false, 5, 0, 5, true, false)]   // no intake where the questionnaire has one: Effectiveness and Organisation rest on nothing
    [InlineData(false, 5, 0, 5, false, true)]   // v1: no intake to ask for
    [InlineData(false, 4, 1, 5, true, false)]   // one employee short of the threshold
    [InlineData(false, 3, 0, 3, false, true)]   // the scan's own threshold counts
    [InlineData(true, 50, 2, 5, true, false)]   // a test scan never
    [InlineData(false, 1, 0, 0, false, true)]   // a threshold of 0 still needs a response
    [InlineData(false, 0, 0, 0, false, false)]
    public void A_closed_scan_enters_a_benchmark_only_as_a_comparable_measurement(bool isTest, int survey, int intake, int threshold, bool hasIntake, bool member) =>
        Assert.Equal(member, ReportRules.IsBenchmarkMember(isTest, survey, intake, threshold, hasIntake));
}
