using System.Globalization;

namespace Quickscan.Web.Pages.Reports;

/// <summary>How the report writes its figures, in the reader's culture.</summary>
public static class ReportFormat
{
    public static string Score(double? value, CultureInfo culture) => Quickscan.Domain.Arithmetic.ScoreFormat.Points(value, culture);

    /// <summary>An exact score, rounded half away from zero by the domain's one rounding rule (52.5 shows 53).</summary>
    public static string Score(Quickscan.Domain.Arithmetic.Rational? value, CultureInfo culture) => Quickscan.Domain.Arithmetic.ScoreFormat.Points(value, culture);

    public static string Decimal(double value, CultureInfo culture) => Quickscan.Domain.Arithmetic.ScoreFormat.Points(value, culture, 1);

    /// <summary>"–" without a value (the spread of a single respondent).</summary>
    public static string Decimal(double? value, CultureInfo culture) => Quickscan.Domain.Arithmetic.ScoreFormat.Points(value, culture, 1);

    /// <summary>A change with its sign: +5, −3 (a real minus sign), 0.</summary>
    public static string Change(double? value, CultureInfo culture) => value is { } v ? Math.Round(v).ToString("+0;−0;0", culture) : "–";

    /// <summary>An exact change with its sign, rounded half away from zero like every score.</summary>
    public static string Change(Quickscan.Domain.Arithmetic.Rational? value, CultureInfo culture) =>
        value is { } v ? Quickscan.Domain.Arithmetic.ScoreFormat.Rounded(v).ToString("+0;−0;0", culture) : "–";

    public static string Change(int? value, CultureInfo culture) => value is { } v ? v.ToString("+0;−0;0", culture) : "–";

    /// <summary>A 0–100 value as an SVG bar width (the bars are SVG: the page's CSP allows no inline styles).</summary>
    public static string Width(double? value) => Math.Clamp(value ?? 0, 0, 100).ToString("0.##", CultureInfo.InvariantCulture);
}
