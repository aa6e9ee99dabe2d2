using Microsoft.AspNetCore.Mvc;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>Before submitting: what is still unanswered (with a link to its step) and which conditions would lack a score.</summary>
public sealed class ReviewModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public IReadOnlyList<(ConditionDefinition Condition, IReadOnlyList<(Step Step, QuestionDefinition Question)> Unanswered)> Unanswered { get; private set; } = [];

    /// <summary>Conditions that would get "insufficient answers" if submitted now.</summary>
    public IReadOnlyList<ConditionDefinition> Insufficient { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        Unanswered = Steps.Conditions
            .Select(c => (c, (IReadOnlyList<(Step, QuestionDefinition)>)Steps.Steps
                .Where(s => s.Condition.Key == c.Key)
                .SelectMany(s => s.Scored.Select(q => (s, q)))
                .Where(x => !Respondent.Answers.TryGetValue(x.q.Key, out var a) || a is DontKnowAnswer)
                .ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();
        var result = RespondentScoring.Score(Questionnaire, Respondent.Answers.Values.ToList(), Respondent.Profile);
        Insufficient = result.Conditions.Where(c => !c.IsSufficient).Select(c => Questionnaire.Condition(c.Key)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadRespondentAsync(withAnswers: false) is { } stop)
            return stop;
        await Journey.SubmitAsync(Respondent.Id, Scan.Id, Questionnaire, HttpContext.RequestAborted);
        return RedirectToPage("/Respond/Result", new { Token });
    }
}
