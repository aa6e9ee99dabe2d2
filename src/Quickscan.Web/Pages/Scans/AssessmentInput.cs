using System.Globalization;
using FluentValidation;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// The consultant's own assessment, per condition: "Levels[conditionKey]" holds "1"–"5", or "" for no
/// assessment (which removes a stored one); "Comments[conditionKey]" an optional comment.
/// </summary>
public sealed class AssessmentInput
{
    public const int CommentMaxLength = 2000;

    public const string QuestionnaireKey = "questionnaire";

    /// <summary>The code of the one failure a person can make in the form; every other failure means the post was tampered with.</summary>
    public const string CommentWithoutLevel = "CommentWithoutLevel";

    public Dictionary<string, string?> Levels { get; set; } = [];

    public Dictionary<string, string?> Comments { get; set; } = [];

    /// <summary>The level chosen for a condition, or null for none.</summary>
    public int? LevelOf(string conditionKey) =>
        Levels.GetValueOrDefault(conditionKey) is { Length: > 0 } raw && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            ? level
            : null;

    public string? CommentOf(string conditionKey) =>
        Comments.GetValueOrDefault(conditionKey) is { } comment && !string.IsNullOrWhiteSpace(comment) ? comment.Trim() : null;

    /// <summary>
    /// Browsers count a line break as one character against maxlength but send it as two (CR LF): count and
    /// store it as one, so a comment that fits the field also fits the limit.
    /// </summary>
    public void NormalizeLineBreaks()
    {
        foreach (var key in Comments.Keys.ToList())
            Comments[key] = Comments[key]?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}

/// <summary>
/// Rejects what the form could not have sent (an unknown condition, a level other than 1–5, an oversized
/// comment) and a comment without a level, which is the one mistake a person can make. The scan's
/// questionnaire version comes with the validation context.
/// </summary>
public sealed class AssessmentValidator : AbstractValidator<AssessmentInput>
{
    public AssessmentValidator()
    {
        RuleFor(x => x).Custom((input, context) =>
        {
            var questionnaire = (Questionnaire)context.RootContextData[AssessmentInput.QuestionnaireKey];
            var conditions = questionnaire.Conditions.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, raw) in input.Levels)
            {
                if (!conditions.Contains(key))
                    context.AddFailure($"Levels[{key}]", "There is no such condition.");
                else if (raw is not (null or "" or "1" or "2" or "3" or "4" or "5"))
                    context.AddFailure($"Levels[{key}]", "A level is 1 to 5.");
            }

            foreach (var (key, comment) in input.Comments)
            {
                if (!conditions.Contains(key))
                    context.AddFailure($"Comments[{key}]", "There is no such condition.");
                else if (comment?.Length > AssessmentInput.CommentMaxLength)
                    context.AddFailure($"Comments[{key}]", $"At most {AssessmentInput.CommentMaxLength} characters.");
                else if (input.CommentOf(key) is not null && string.IsNullOrEmpty(input.Levels.GetValueOrDefault(key)))
                    context.AddFailure(new FluentValidation.Results.ValidationFailure($"Comments[{key}]", "A comment needs a level.") { ErrorCode = AssessmentInput.CommentWithoutLevel });
            }
        });
    }
}
