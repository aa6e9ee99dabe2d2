namespace Quickscan.Domain.Questionnaires;

/// <summary>The languages every text of a questionnaire is written in. Dutch comes first.</summary>
public enum Language
{
    Nl,
    En,
}

public static class Languages
{
    public static IReadOnlyList<Language> All { get; } = [Language.Nl, Language.En];

    public static string Code(this Language language) => language == Language.En ? "en" : "nl";

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "nl":
                language = Language.Nl;
                return true;
            case "en":
                language = Language.En;
                return true;
            default:
                language = Language.Nl;
                return false;
        }
    }
}

/// <summary>A text in Dutch and English.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public string this[Language language] => language == Language.En ? En : Nl;
}
