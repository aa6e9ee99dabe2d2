using System.Globalization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// How answers travel in a form: field "Answers[questionKey]" holds "1"–"5" or "dk" for agreement,
/// an option key or "dk" for single choice ("na" for not applicable where the question offers it), and the text
/// for open questions.
/// </summary>
public static class AnswerForm
{
    public const string DontKnow = "dk";
    public const string NotApplicable = "na";

    public abstract record Parsed;

    /// <summary>Nothing chosen: leave any stored answer as it is.</summary>
    public sealed record Unchanged : Parsed;

    /// <summary>An emptied open question: delete its stored answer.</summary>
    public sealed record Cleared : Parsed;

    public sealed record Value(Answer Answer) : Parsed;

    public sealed record Invalid : Parsed;

    public static Parsed Parse(QuestionDefinition question, string? raw)
    {
        if (question.Kind == QuestionKind.OpenText)
        {
            var text = raw?.Trim() ?? "";
            return text.Length == 0 ? new Cleared() : new Value(new TextAnswer(question.Key, text));
        }

        if (string.IsNullOrEmpty(raw))
            return new Unchanged();
        if (raw == DontKnow)
            return new Value(new DontKnowAnswer(question.Key));
        if (raw == NotApplicable)
            return new Value(new NotApplicableAnswer(question.Key));
        if (question.Kind == QuestionKind.SingleChoice)
            return new Value(new ChoiceAnswer(question.Key, raw));
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new Value(new ScaleAnswer(question.Key, value))
            : new Invalid();
    }

    /// <summary>Why a form value is not an answer to this question of this questionnaire; null when it is one.</summary>
    public static string? Problem(Questionnaire questionnaire, QuestionDefinition question, string? raw) => Parse(question, raw) switch
    {
        Invalid => "Not a valid answer.",
        Value value => AnswerCheck.Check(questionnaire, value.Answer)?.Message,
        _ => null,
    };

    /// <summary>The form value that shows a stored answer.</summary>
    public static string? Format(Answer? answer) => answer switch
    {
        ScaleAnswer scale => scale.Value.ToString(CultureInfo.InvariantCulture),
        DontKnowAnswer => DontKnow,
        NotApplicableAnswer => NotApplicable,
        ChoiceAnswer choice => choice.OptionKey,
        TextAnswer text => text.Text,
        _ => null,
    };
}
