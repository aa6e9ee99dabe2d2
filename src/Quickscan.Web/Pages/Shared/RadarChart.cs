using System.Globalization;

namespace Quickscan.Web.Pages.Shared;

/// <summary>One line on the radar chart: a score per axis (null where there is none).</summary>
public sealed record RadarSeries(string Name, IReadOnlyList<double?> Values, string CssClass);

/// <summary>
/// A radar chart of the four conditions as server-rendered SVG. The SVG is an image with a title and a
/// summary; the same figures are in the table that goes with it, for screen readers and for print.
/// </summary>
public sealed record RadarChart(string Title, IReadOnlyList<string> Axes, IReadOnlyList<RadarSeries> Series)
{
    public const double Size = 440;
    public const double CenterX = 220;
    public const double CenterY = 175;
    public const double Radius = 110;

    /// <summary>The height of the chart's viewBox.</summary>
    public const double Height = 350;

    /// <summary>The scale rings, each labelled with its score.</summary>
    public static IReadOnlyList<int> Rings { get; } = [20, 40, 60, 80, 100];

    /// <summary>Where a ring's score is written: just right of the first (upward) axis.</summary>
    public static (double X, double Y) RingLabelPosition(double score) =>
        (CenterX + 4, CenterY - (Radius * score / 100) + 11);

    public static (double X, double Y) Point(int axis, int axisCount, double score)
    {
        var angle = (2 * Math.PI * axis / axisCount) - (Math.PI / 2);
        var distance = Radius * Math.Clamp(score, 0, 100) / 100;
        return (CenterX + (distance * Math.Cos(angle)), CenterY + (distance * Math.Sin(angle)));
    }

    public static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public string Polygon(RadarSeries series) => string.Join(' ', series.Values.Select((v, i) =>
    {
        var (x, y) = Point(i, Axes.Count, v ?? 0);
        return $"{Format(x)},{Format(y)}";
    }));

    public string Ring(double score) => string.Join(' ', Axes.Select((_, i) =>
    {
        var (x, y) = Point(i, Axes.Count, score);
        return $"{Format(x)},{Format(y)}";
    }));

    /// <summary>Where an axis label goes, and how it is anchored so it grows away from the chart.</summary>
    public (double X, double Y, string Anchor) LabelPosition(int axis)
    {
        var (x, y) = Point(axis, Axes.Count, 100);
        var angle = (2 * Math.PI * axis / Axes.Count) - (Math.PI / 2);
        var dx = Math.Cos(angle);
        var dy = Math.Sin(angle);
        var anchor = Math.Abs(dx) < 0.3 ? "middle" : dx > 0 ? "start" : "end";
        return (x + (dx * 10), y + (dy * 14) + (dy > 0.3 ? 8 : 4), anchor);
    }

    /// <summary>Long labels break over two lines at the space nearest the middle.</summary>
    public static IReadOnlyList<string> LabelLines(string label)
    {
        if (label.Length <= 14 || !label.Contains(' '))
            return [label];
        var middle = label.Length / 2;
        var spaces = label.Select((c, i) => (c, i)).Where(x => x.c == ' ').Select(x => x.i);
        var split = spaces.OrderBy(i => Math.Abs(i - middle)).First();
        return [label[..split], label[(split + 1)..]];
    }
}
