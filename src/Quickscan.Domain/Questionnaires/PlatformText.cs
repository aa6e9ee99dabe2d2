using System.Text.Json;
using System.Text.Json.Nodes;

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
    /// The questionnaire as a scan's respondents and readers see it: every text of the definition (questions,
    /// options, levels, advice) with the platform's name in place, in each language. Keys, weights and scores are
    /// untouched, so answers and scores of the rendered questionnaire are those of the original.
    /// </summary>
    public static Questionnaire ForPlatform(this Questionnaire questionnaire, string? scanPlatformName)
    {
        var nl = questionnaire.PlatformName(scanPlatformName, Language.Nl);
        var en = questionnaire.PlatformName(scanPlatformName, Language.En);
        var tree = JsonSerializer.SerializeToNode(questionnaire.Definition, QuestionnaireJson.Options)!;
        Render(tree, nl, en);
        return Questionnaire.Create(tree.Deserialize<QuestionnaireDefinition>(QuestionnaireJson.Options)!);
    }

    // A LocalizedText is written as {"nl": …, "en": …}; every such object anywhere in the tree is a text.
    private static void Render(JsonNode? node, string nl, string en)
    {
        switch (node)
        {
            case JsonObject text when text.Count == 2 && text["nl"] is JsonValue dutch && text["en"] is JsonValue english
                && dutch.TryGetValue<string>(out var d) && english.TryGetValue<string>(out var e):
                text["nl"] = Apply(d, nl);
                text["en"] = Apply(e, en);
                break;
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                    Render(child, nl, en);
                break;
            case JsonArray array:
                foreach (var child in array)
                    Render(child, nl, en);
                break;
        }
    }

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
