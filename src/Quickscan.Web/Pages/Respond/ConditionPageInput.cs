using FluentValidation;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The answers on one condition's page, and where the respondent wants to go next.</summary>
public sealed class ConditionPageInput
{
    public string? Condition { get; set; }

    public Dictionary<string, string?> Answers { get; set; } = [];

    /// <summary>"next", "previous", "review", "later", or "goto:{conditionKey}".</summary>
    public string? Move { get; set; }

    public const string QuestionnaireKey = "questionnaire";

    /// <summary>The domain answers to save and the open questions to clear, from a validated input.</summary>
    public (IReadOnlyList<Answer> Answers, IReadOnlyList<string> Cleared) ToChanges(Questionnaire questionnaire)
    {
        var answers = new List<Answer>();
        var cleared = new List<string>();
        foreach (var (key, raw) in Answers)
        {
            questionnaire.TryGetQuestion(key, out var question);
            switch (AnswerForm.Parse(question, raw))
            {
                case AnswerForm.Value value:
                    answers.Add(value.Answer);
                    break;
                case AnswerForm.Cleared:
                    cleared.Add(key);
                    break;
            }
        }

        return (answers, cleared);
    }
}

/// <summary>
/// Rejects anything a respondent's form could not have sent: another page's or an unknown question, a value
/// out of range, an unknown option, an oversized text, a changed hidden field. The questionnaire version and
/// the page's condition come with the validation context.
/// </summary>
public sealed class ConditionPageValidator : AbstractValidator<ConditionPageInput>
{
    public ConditionPageValidator()
    {
        RuleFor(x => x.Condition)
            .Must((input, condition, context) => condition == (string)context.RootContextData[nameof(ConditionPageInput.Condition)])
            .WithMessage("The page's condition was changed.");

        RuleFor(x => x.Move)
            .Must(move => move is null or "next" or "previous" or "review" or "later"
                || (move.StartsWith("goto:", StringComparison.Ordinal) && ConditionKeys.All.Contains(move[5..])))
            .WithMessage("Unknown navigation.");

        RuleFor(x => x.Answers).Custom((answers, context) =>
        {
            var questionnaire = (Questionnaire)context.RootContextData[ConditionPageInput.QuestionnaireKey];
            var condition = questionnaire.Condition((string)context.RootContextData[nameof(ConditionPageInput.Condition)]);
            var onPage = condition.Factors.SelectMany(f => f.Questions).ToDictionary(q => q.Key, StringComparer.Ordinal);
            foreach (var (key, raw) in answers)
            {
                if (!onPage.TryGetValue(key, out var question))
                {
                    context.AddFailure($"Answers[{key}]", "There is no such question on this page.");
                    continue;
                }

                var parsed = AnswerForm.Parse(question, raw);
                if (parsed is AnswerForm.Invalid)
                    context.AddFailure($"Answers[{key}]", "Not a valid answer.");
                else if (parsed is AnswerForm.Value value && AnswerCheck.Check(questionnaire, value.Answer) is { } problem)
                    context.AddFailure($"Answers[{key}]", problem.Message);
            }
        });
    }
}
