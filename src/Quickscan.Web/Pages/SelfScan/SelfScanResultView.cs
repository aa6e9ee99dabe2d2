using Quickscan.Domain.Advice;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>One population the result is compared with: its size, and its mean per condition (null: fewer than five organisations).</summary>
public sealed record Comparison(string Population, string? Group, int Organisations, IReadOnlyDictionary<string, double?>? Means)
{
    public bool IsShown => Means is not null;
}

/// <summary>What the result page shows: levels per condition, the bottleneck, three next steps and the comparisons.</summary>
public sealed record SelfScanResultView(
    StoredSelfScan SelfScan,
    IReadOnlyList<string> Weakest,
    IReadOnlyList<NextStep> Priorities,
    IReadOnlyList<Comparison> Comparisons)
{
    public Questionnaire Questionnaire => SelfScan.Version.Questionnaire;

    public RespondentResult Result => SelfScan.Result;

    /// <summary>The one bottleneck, or null when two or more conditions are jointly weakest (or none has a score).</summary>
    public string? Bottleneck => Weakest is [var single] ? single : null;

    /// <summary>
    /// The weakest condition, or the jointly weakest ones: every scored condition within the self-scan's bottleneck
    /// margin (settings.bottleneckMargin) of the lowest.
    /// </summary>
    public static IReadOnlyList<string> WeakestOf(Questionnaire questionnaire, IReadOnlyDictionary<string, Quickscan.Domain.Arithmetic.Rational?> scores) =>
        questionnaire.Weakest(scores).JointlyWeakest;

    public static SelfScanResultView Build(StoredSelfScan selfScan, IReadOnlyList<OrganisationResult> quickscans, IReadOnlyList<OrganisationResult> selfScans)
    {
        var questionnaire = selfScan.Version.Questionnaire;
        var profile = selfScan.Result.Profile;
        var priorities = AdvicePlanner.Plan(questionnaire, profile).Where(s => s.IsPriority).ToList();
        var comparisons = new List<Comparison>();
        comparisons.AddRange(Compare("quickscan", quickscans, selfScan.Sector, questionnaire));
        comparisons.AddRange(Compare("self-scan", selfScans, selfScan.Sector, questionnaire));
        return new SelfScanResultView(selfScan, WeakestOf(questionnaire, profile.Conditions), priorities, comparisons);
    }

    /// <summary>All organisations of a population, and those of the visitor's sector when they named one: only groups of five or more show figures.</summary>
    private static IEnumerable<Comparison> Compare(string population, IReadOnlyList<OrganisationResult> results, string? sector, Questionnaire questionnaire)
    {
        var groups = StateOfAffairs.Summarise(results, questionnaire.Levels.Count, StateOfAffairs.DefaultMinimumGroup);
        var all = groups.Single(g => g.Dimension == "all");
        yield return ToComparison(population, null, all);
        if (sector is not null && groups.SingleOrDefault(g => g.Dimension == "sector" && g.Value == sector) is { } own)
            yield return ToComparison(population, sector, own);
    }

    private static Comparison ToComparison(string population, string? group, StateGroup state) => new(
        population,
        group,
        state.Organisations,
        state.Figures?.Conditions.ToDictionary(c => c.Key, c => c.Mean));
}
