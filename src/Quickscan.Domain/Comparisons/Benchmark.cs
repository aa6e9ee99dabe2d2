using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Comparisons;

/// <summary>Where a result stands in a population, as a percentile rank 0–100 (null where too few results have a score).</summary>
public sealed record ConditionPercentile(string Key, Rational? Percentile, int PopulationSize);

public sealed record BenchmarkResult(int PopulationSize, IReadOnlyList<ConditionPercentile> Conditions, Rational? IndexPercentile)
{
    public ConditionPercentile Condition(string key) => Conditions.First(c => c.Key == key);
}

public static class Benchmark
{
    /// <summary>
    /// A result against a population of results (e.g. other organisations' closed scans). Percentile rank =
    /// share of the population below the result, counting ties as half. No benchmark at all from fewer
    /// results than the questionnaire's minimum, and none per condition where fewer than that have a score.
    /// </summary>
    public static BenchmarkResult? Rank(Questionnaire questionnaire, ScoreProfile result, IReadOnlyCollection<ScoreProfile> population)
    {
        var minimum = questionnaire.Settings.BenchmarkMinimum;
        if (population.Count < minimum)
            return null;

        var conditions = questionnaire.Conditions
            .Select(c =>
            {
                var scores = population.Select(p => p.ConditionScore(c.Key)).OfType<Rational>().ToList();
                var own = result.ConditionScore(c.Key);
                var percentile = own is { } value && scores.Count >= minimum ? PercentileRank(value, scores) : (Rational?)null;
                return new ConditionPercentile(c.Key, percentile, scores.Count);
            })
            .ToList();

        var indexes = population.Select(p => questionnaire.OverallIndex(p.Conditions)).OfType<Rational>().ToList();
        var ownIndex = questionnaire.OverallIndex(result.Conditions);
        var indexPercentile = ownIndex is { } index && indexes.Count >= minimum ? PercentileRank(index, indexes) : (Rational?)null;
        return new BenchmarkResult(population.Count, conditions, indexPercentile);
    }

    /// <summary>Exact, so a tie is a tie.</summary>
    public static Rational PercentileRank(Rational value, IReadOnlyCollection<Rational> population)
    {
        var below = population.Count(p => p < value);
        var equal = population.Count(p => p == value);
        return Rational.Of((2 * below) + equal, 2) * 100 / population.Count;
    }
}
