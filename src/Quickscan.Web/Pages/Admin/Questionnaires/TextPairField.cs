using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>A text's Dutch and English fields side by side, each with the problems the validator found in it.</summary>
public sealed record TextPairField(string Name, string Label, TextPair Value, IReadOnlyList<QuestionnaireProblem> Problems, bool Multiline = false)
{
    public string Id => Name.Replace('.', '-').Replace('[', '-').Replace(']', '-');

    public IEnumerable<QuestionnaireProblem> For(string language) =>
        Problems.Where(p => p.Path.EndsWith("." + language, StringComparison.Ordinal) || !(p.Path.EndsWith(".nl", StringComparison.Ordinal) || p.Path.EndsWith(".en", StringComparison.Ordinal)) && language == "nl");
}
