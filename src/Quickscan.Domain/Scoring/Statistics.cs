namespace Quickscan.Domain.Scoring;

/// <summary>Descriptive figures of a set of scores. The standard deviation is the sample one (n − 1); 0 for one score.</summary>
public sealed record Statistics(int N, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>
/// Accumulates scores exactly, so that the order they arrive in can't change a figure: each score is
/// taken in fixed point (1/10,000 of a point) and summed as integers. Floating-point sums would differ
/// in the last bits between orders.
/// </summary>
internal struct StatisticsAccumulator
{
    private const double Scale = 10_000;

    private long _sum;
    private Int128 _sumOfSquares;
    private long _min;
    private long _max;

    public int N { get; private set; }

    public void Add(double score)
    {
        var fixedPoint = (long)Math.Round(score * Scale, MidpointRounding.AwayFromZero);
        if (N == 0)
        {
            _min = fixedPoint;
            _max = fixedPoint;
        }
        else
        {
            _min = Math.Min(_min, fixedPoint);
            _max = Math.Max(_max, fixedPoint);
        }

        N++;
        _sum += fixedPoint;
        _sumOfSquares += (Int128)fixedPoint * fixedPoint;
    }

    public readonly Statistics? ToStatistics()
    {
        if (N == 0)
            return null;
        var mean = _sum / (double)N / Scale;
        double sd = 0;
        if (N > 1)
        {
            // n·Σx² − (Σx)² is exact in 128-bit integers, so the variance has no cancellation error.
            var numerator = (N * _sumOfSquares) - ((Int128)_sum * _sum);
            sd = Math.Sqrt((double)numerator / ((double)N * (N - 1))) / Scale;
        }

        return new Statistics(N, mean, sd, _min / Scale, _max / Scale);
    }
}
