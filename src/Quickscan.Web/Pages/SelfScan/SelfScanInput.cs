using FluentValidation;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Pages.Clients;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>The self-scan form: the version it was shown with, an answer per question, and optionally sector and size.</summary>
public sealed class SelfScanInput
{
    public int VersionId { get; set; }

    /// <summary>Form field "Input.Answers[questionKey]": "1"–"5" or "dk" for agreement, an option key or "dk" for single choice.</summary>
    public Dictionary<string, string?> Answers { get; set; } = [];

    public string? Sector { get; set; }

    public string? SizeClass { get; set; }

    public const string QuestionnaireKey = "questionnaire";

    /// <summary>The scored questions without an answer, in the order of the form.</summary>
    public IReadOnlyList<QuestionDefinition> Unanswered(Questionnaire questionnaire) =>
        questionnaire.Questions.Where(q => q.IsScored() && string.IsNullOrEmpty(Answers.GetValueOrDefault(q.Key))).ToList();

    public IReadOnlyList<Answer> ToAnswers(Questionnaire questionnaire)
    {
        var answers = new List<Answer>();
        foreach (var (key, raw) in Answers)
        {
            if (questionnaire.TryGetQuestion(key, out var question) && AnswerForm.Parse(question, raw) is AnswerForm.Value value)
                answers.Add(value.Answer);
        }

        return answers;
    }
}

/// <summary>
/// Rejects what the form could not have sent: unknown questions or options, values out of range, an unknown
/// sector or size. Unanswered questions are not an error here: the page asks for them by name.
/// The questionnaire comes with the validation context.
/// </summary>
public sealed class SelfScanInputValidator : AbstractValidator<SelfScanInput>
{
    public SelfScanInputValidator()
    {
        RuleFor(x => x.Sector).Must(s => string.IsNullOrEmpty(s) || ClientOptions.Sectors.Contains(s)).WithMessage("Unknown sector.");
        RuleFor(x => x.SizeClass).Must(s => string.IsNullOrEmpty(s) || ClientOptions.SizeClasses.Contains(s)).WithMessage("Unknown size.");
        RuleFor(x => x.Answers).Custom((answers, context) =>
        {
            var questionnaire = (Questionnaire)context.RootContextData[SelfScanInput.QuestionnaireKey];
            foreach (var (key, raw) in answers)
            {
                if (!questionnaire.TryGetQuestion(key, out var question) || !question.IsScored())
                {
                    context.AddFailure($"Answers[{key}]", "There is no such question in the self-scan.");
                    continue;
                }

                if (AnswerForm.Problem(questionnaire, question, raw) is { } problem)
                    context.AddFailure($"Answers[{key}]", problem);
            }
        });
    }
}
