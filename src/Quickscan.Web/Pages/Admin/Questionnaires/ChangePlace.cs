using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>
/// Where a questionnaire change is, in the admin's words: "Gebruik › Verwachte inspanning › vraag 2 ‘Het platform…’ ›
/// tekst (Nederlands)" instead of the path "conditions[usage].factors[usage.effort].questions[usage.effort.2].text.nl".
/// Names come from the newer definition, or the older one for what was removed.
/// </summary>
public static partial class ChangePlace
{
    public static string Describe(this IStringLocalizer text, string path, Language language, params QuestionnaireDefinition?[] definitions)
    {
        var parts = new List<string>();
        foreach (Match segment in Segment().Matches(path))
        {
            var name = segment.Groups["name"].Value;
            var key = segment.Groups["key"].Success ? segment.Groups["key"].Value : null;
            // The language of a text belongs to it: "tekst (Engels)", not "tekst › (Engels)".
            if (key is null && name is "nl" or "en" && parts.Count > 0)
            {
                parts[^1] += " " + Words(text, name);
                continue;
            }

            parts.Add((name, key) switch
            {
                ("conditions", { } k) => Find(definitions, d => d.Conditions.FirstOrDefault(c => c.Key == k)?.Name[language]) ?? k,
                ("factors", { } k) => Find(definitions, d => d.Conditions.SelectMany(c => c.Factors).FirstOrDefault(f => f.Key == k)?.Name[language]) ?? k,
                ("questions", { } k) => text["Compare.Question", Short(Find(definitions, d => d.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions).FirstOrDefault(q => q.Key == k)?.Text[language]) ?? k)],
                ("options", { } k) => text["Compare.Option", Find(definitions, d => d.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions).SelectMany(q => q.Options ?? []).FirstOrDefault(o => o.Key == k)?.Label[language]) ?? k],
                ("levels", { } k) => text["Compare.Level", k],
                (_, null) => Words(text, name),
                _ => $"{Words(text, name)} {key}",
            });
        }

        return string.Join(" › ", parts);
    }

    private static string Words(IStringLocalizer text, string field) =>
        text[$"Compare.Field.{field}"] is { ResourceNotFound: false } words ? words.Value : field;

    private static string? Find(QuestionnaireDefinition?[] definitions, Func<QuestionnaireDefinition, string?> pick) =>
        definitions.Where(d => d is not null).Select(d => pick(d!)).FirstOrDefault(n => n is not null);

    private static string Short(string text) => text.Length <= 60 ? text : text[..57].TrimEnd() + "…";

    // "conditions[usage]", "factors[usage.effort]", "text", "nl": a name with an optional [key].
    [GeneratedRegex(@"(?<name>[A-Za-z]+)(\[(?<key>[^\]]+)\])?")]
    private static partial Regex Segment();
}
