using MathNet.Numerics.Distributions;
using Quickscan.Domain.Arithmetic;

namespace Quickscan.Domain.Scoring;

/// <summary>A two-sided confidence interval around a mean.</summary>
public sealed record ConfidenceInterval(double Low, double High, double Level);

/// <summary>
/// Descriptive figures of a set of scores. Mean, Min, Max and Variance are exact; the standard deviation is the
/// sample one (n − 1) and has no value for a single score (shown as "–", not 0), nor has the interval.
/// </summary>
public sealed record Statistics(int N, Rational Mean, double? StandardDeviation, Rational Min, Rational Max)
{
    /// <summary>The sample variance, exact; null for one score.</summary>
    public Rational? Variance { get; init; }

    /// <summary>The 90% confidence interval of the mean (Student's t with n − 1 degrees of freedom); null for one score.</summary>
    public ConfidenceInterval? Interval90 { get; init; }

    /// <summary>Whether the standard deviation is above a threshold, decided exactly on the variance.</summary>
    public bool SpreadAbove(Rational threshold) => Variance is { } variance && variance > threshold * threshold;

    public static Statistics? Of(IEnumerable<Rational> scores)
    {
        var accumulator = new StatisticsAccumulator();
        foreach (var score in scores)
            accumulator.Add(score);
        return accumulator.ToStatistics();
    }

    /// <summary>
    /// Mean ± t(1 − (1 − level)/2; n − 1) · s / √n. For n = 2 and level 0.9, t = 6.314; n = 5: 2.132; n = 20: 1.729.
    /// </summary>
    public static ConfidenceInterval? Interval(int n, Rational mean, double? standardDeviation, double level = 0.9)
    {
        if (n < 2 || standardDeviation is not { } sd)
            return null;
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - level) / 2));
        var half = t * sd / Math.Sqrt(n);
        var centre = mean.ToDouble();
        return new ConfidenceInterval(centre - half, centre + half, level);
    }
}

/// <summary>
/// Accumulates scores exactly (fractions, no rounding of any score), so the order they arrive in can't change
/// a figure and an exact mean of 60 stays 60.
/// </summary>
internal sealed class StatisticsAccumulator
{
    private Rational _sum;
    private Rational _sumOfSquares;
    private Rational _min;
    private Rational _max;

    public int N { get; private set; }

    /// <summary>The mean so far; null before the first score.</summary>
    public Rational? Mean => N == 0 ? null : _sum / N;

    /// <summary>A copy to add to on its own (a Rational is immutable, so the fields are all it takes).</summary>
    public StatisticsAccumulator Copy() => (StatisticsAccumulator)MemberwiseClone();

    public void Add(Rational score)
    {
        if (N == 0)
        {
            _min = score;
            _max = score;
        }
        else
        {
            _min = Rational.Min(_min, score);
            _max = Rational.Max(_max, score);
        }

        N++;
        _sum += score;
        _sumOfSquares += score * score;
    }

    public Statistics? ToStatistics()
    {
        if (N == 0)
            return null;
        var mean = _sum / N;
        if (N == 1)
            return new Statistics(N, mean, null, _min, _max);

        // (n·Σx² − (Σx)²) / (n(n − 1)), exact.
        var variance = ((N * _sumOfSquares) - (_sum * _sum)) / (N * (N - 1));
        var sd = Math.Sqrt(variance.ToDouble());
        return new Statistics(N, mean, sd, _min, _max)
        {
            Variance = variance,
            Interval90 = Statistics.Interval(N, mean, sd),
        };
    }
}
