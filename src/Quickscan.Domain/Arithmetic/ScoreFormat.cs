using System.Globalization;

namespace Quickscan.Domain.Arithmetic;

/// <summary>
/// The one place figures are rounded for display: half away from zero (52.5 shows 53, −2.5 shows −3), from the
/// exact value. A figure without a value (no score, or the spread of a single respondent) shows as "–".
/// </summary>
public static class ScoreFormat
{
    public const string NoValue = "–";

    /// <summary>Rounded half away from zero to a number of decimals.</summary>
    public static decimal Rounded(Rational value, int decimals = 0) => value.Round(decimals);

    /// <summary>A double (a standard deviation, an interval bound) rounded the same way.</summary>
    public static decimal Rounded(double value, int decimals = 0) =>
        Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Points on the 0–100 scale, e.g. "53"; "–" without a value.</summary>
    public static string Points(Rational? value, IFormatProvider? culture = null, int decimals = 0) =>
        value is { } v ? Rounded(v, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), culture ?? CultureInfo.InvariantCulture) : NoValue;

    public static string Points(double? value, IFormatProvider? culture = null, int decimals = 0) =>
        value is { } v && double.IsFinite(v) ? Rounded(v, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), culture ?? CultureInfo.InvariantCulture) : NoValue;

    /// <summary>A share 0–1 as whole percentage points without the sign: 0.625 → "63".</summary>
    public static string Percent(Rational? share, IFormatProvider? culture = null) =>
        share is { } s ? Points(s * 100, culture) : NoValue;
}
