using FluentValidation;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The answers on one step, and where the respondent wants to go next.</summary>
public sealed class StepInput
{
    /// <summary>The step the form was made for (a hidden field; a changed one is refused).</summary>
    public string? Step { get; set; }

    public Dictionary<string, string?> Answers { get; set; } = [];

    /// <summary>"next", "previous", "review", "later", or "goto:{stepKey}".</summary>
    public string? Move { get; set; }

    public const string StepsKey = "steps";

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
/// Rejects anything a respondent's form could not have sent: a question of another step or one the respondent is
/// not shown, a value out of range, an unknown option, an oversized text, a changed hidden field, an unknown move.
/// The questionnaire, the respondent's steps and the page's step come with the validation context.
/// </summary>
public sealed class StepInputValidator : AbstractValidator<StepInput>
{
    public StepInputValidator()
    {
        RuleFor(x => x.Step)
            .Must((input, step, context) => step == ((Step)context.RootContextData[nameof(StepInput.Step)]).Key)
            .WithMessage("The page's step was changed.");

        RuleFor(x => x.Move)
            .Must((input, move, context) => move is null or "next" or "previous" or "review" or "later"
                || (move.StartsWith("goto:", StringComparison.Ordinal) && ((RespondentSteps)context.RootContextData[StepInput.StepsKey]).Find(move[5..]) is not null))
            .WithMessage("Unknown navigation.");

        RuleFor(x => x.Answers).Custom((answers, context) =>
        {
            var questionnaire = (Questionnaire)context.RootContextData[StepInput.QuestionnaireKey];
            var step = (Step)context.RootContextData[nameof(StepInput.Step)];
            var onPage = step.Questions.ToDictionary(q => q.Key, StringComparer.Ordinal);
            foreach (var (key, raw) in answers)
            {
                if (!onPage.TryGetValue(key, out var question))
                {
                    context.AddFailure($"Answers[{key}]", "There is no such question on this page.");
                    continue;
                }

                if (AnswerForm.Problem(questionnaire, question, raw) is { } problem)
                    context.AddFailure($"Answers[{key}]", problem);
            }
        });
    }
}
