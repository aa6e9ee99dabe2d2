using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Singular and plural in both languages through one helper, never "scan(s)": a text with a count lives in the
/// resx files as <c>KEY.One</c> and <c>KEY.Other</c> (Dutch and English need only these two forms, CLDR "one" is
/// exactly 1 for both). The count is argument {0}; further arguments follow as {1}, {2}, …
/// </summary>
public static class Plurals
{
    public const string One = ".One";
    public const string Other = ".Other";

    /// <summary>The resource key for <paramref name="count"/>: KEY.One for exactly 1, KEY.Other otherwise (0 too).</summary>
    public static string KeyFor(string key, long count) => key + (count == 1 ? One : Other);

    /// <summary>The text for this count in the current language, e.g. T.Plural("Report.Basis", 1) gives "Based on 1 submitted response."</summary>
    public static LocalizedString Plural(this IStringLocalizer text, string key, long count, params object?[] more)
    {
        var arguments = new object?[more.Length + 1];
        arguments[0] = count.ToString("N0", CultureInfo.CurrentCulture);
        more.CopyTo(arguments, 1);
        return text[KeyFor(key, count), arguments!];
    }
}
