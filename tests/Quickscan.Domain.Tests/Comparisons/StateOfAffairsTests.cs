using Quickscan.Domain.Comparisons;

namespace Quickscan.Domain.Tests.Comparisons;

public class StateOfAffairsTests
{
    private static OrganisationResult Result(string sector, int year, double usage, int usageLevel, string bottleneck) => new(
        sector,
        "250-999",
        year,
        new Dictionary<string, double?> { [ConditionKeys.Usage] = usage, [ConditionKeys.Purposefulness] = 30, [ConditionKeys.Organisation] = null, [ConditionKeys.ProcessIntegration] = 20 },
        new Dictionary<string, int?> { [ConditionKeys.Usage] = usageLevel, [ConditionKeys.Purposefulness] = 2, [ConditionKeys.Organisation] = null, [ConditionKeys.ProcessIntegration] = 2 },
        bottleneck);

    [Fact]
    public void Groups_of_five_or_more_get_means_level_distributions_and_bottlenecks()
    {
        OrganisationResult[] results =
        [
            Result("care", 2025, 50, 3, ConditionKeys.ProcessIntegration),
            Result("care", 2025, 70, 4, ConditionKeys.ProcessIntegration),
            Result("care", 2025, 10, 1, ConditionKeys.Usage),
            Result("care", 2026, 30, 2, ConditionKeys.ProcessIntegration),
            Result("care", 2026, 90, 5, ConditionKeys.Purposefulness),
            Result("government", 2026, 40, 3, ConditionKeys.Usage),
        ];

        var groups = StateOfAffairs.Summarise(results, levelCount: 5);

        var all = groups.Single(g => g.Dimension == "all");
        Assert.Equal(6, all.Organisations);
        var usage = all.Figures!.Conditions.Single(c => c.Key == ConditionKeys.Usage);
        Assert.Equal(290.0 / 6, usage.Mean!.Value, 10);
        Assert.Equal([1, 1, 2, 1, 1], usage.LevelDistribution);
        Assert.Null(all.Figures.Conditions.Single(c => c.Key == ConditionKeys.Organisation).Mean);
        Assert.Equal((ConditionKeys.ProcessIntegration, 3), all.Figures.Bottlenecks[0]);
        Assert.Equal((ConditionKeys.Usage, 2), all.Figures.Bottlenecks[1]);

        var care = groups.Single(g => g is { Dimension: "sector", Value: "care" });
        Assert.Equal(5, care.Organisations);
        Assert.Equal(50, care.Figures!.Conditions[0].Mean!.Value, 10);
    }

    [Fact]
    public void No_figure_is_given_for_a_group_of_fewer_than_five_organisations()
    {
        var results = Enumerable.Range(0, 6).Select(i => Result(i < 4 ? "care" : "ict", 2026, 50, 3, ConditionKeys.Usage)).ToList();

        var groups = StateOfAffairs.Summarise(results, levelCount: 5);

        Assert.Null(groups.Single(g => g.Value == "care").Figures);
        Assert.Equal(4, groups.Single(g => g.Value == "care").Organisations);
        Assert.Null(groups.Single(g => g.Value == "ict").Figures);
        Assert.NotNull(groups.Single(g => g is { Dimension: "year", Value: "2026" }).Figures);
    }
}
