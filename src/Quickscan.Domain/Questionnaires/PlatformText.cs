namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// The <c>{platform}</c> placeholder: every questionnaire text may name the platform, which becomes the scan's
/// platform name (for example "Viva Engage"), or the questionnaire's defaultPlatformName when the scan names none.
/// </summary>
public static class PlatformText
{
    public const string Placeholder = "{platform}";

    public static LocalizedText DefaultName { get; } = new("het platform", "the platform");

    /// <summary>The name that replaces the placeholder in one language.</summary>
    public static string PlatformName(this Questionnaire questionnaire, string? scanPlatformName, Language language) =>
        !string.IsNullOrWhiteSpace(scanPlatformName)
            ? scanPlatformName.Trim()
            : (questionnaire.Definition.DefaultPlatformName ?? DefaultName)[language];

    /// <summary>A questionnaire text in one language with the platform's name in place; null stays null.</summary>
    public static string? Render(this Questionnaire questionnaire, LocalizedText? text, Language language, string? scanPlatformName) =>
        text is null ? null : Apply(text[language], questionnaire.PlatformName(scanPlatformName, language));

    /// <summary>
    /// Replaces every placeholder by the name. A generic name ("het platform") that opens a sentence gets a
    /// capital; a proper name is left as it is written.
    /// </summary>
    public static string Apply(string text, string platformName)
    {
        if (!text.Contains(Placeholder, StringComparison.Ordinal))
            return text;
        var builder = new System.Text.StringBuilder(text.Length + 16);
        var start = 0;
        while (true)
        {
            var at = text.IndexOf(Placeholder, start, StringComparison.Ordinal);
            if (at < 0)
                break;
            builder.Append(text, start, at - start);
            builder.Append(OpensSentence(text, at) && platformName.Length > 0 && char.IsLower(platformName[0])
                ? char.ToUpperInvariant(platformName[0]) + platformName[1..]
                : platformName);
            start = at + Placeholder.Length;
        }

        builder.Append(text, start, text.Length - start);
        return builder.ToString();
    }

    private static bool OpensSentence(string text, int at)
    {
        var i = at - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
            i--;
        return i < 0 || text[i] is '.' or '?' or '!';
    }
}
