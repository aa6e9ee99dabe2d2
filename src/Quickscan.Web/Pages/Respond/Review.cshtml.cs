using Microsoft.AspNetCore.Mvc;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// Before submitting: what is still unanswered (with a link to its step) and which conditions would lack a score.
/// A submission that would not count (fewer than the questionnaire's minimum share answered, a quarter by
/// default: <see cref="ResponseQuality.IsCounted"/>) says so, and is only sent with the box confirming it ticked.
/// </summary>
public sealed class ReviewModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public IReadOnlyList<(ConditionDefinition Condition, IReadOnlyList<(Step Step, QuestionDefinition Question)> Unanswered)> Unanswered { get; private set; } = [];

    /// <summary>Conditions that would get "insufficient answers" if submitted now.</summary>
    public IReadOnlyList<ConditionDefinition> Insufficient { get; private set; } = [];

    /// <summary>The questions shown to this respondent, and those answered with substance (not don't know, not not-applicable).</summary>
    public int Shown { get; private set; }

    public int Answered { get; private set; }

    /// <summary>Whether the submission would count as a response; when not, submitting asks for <see cref="ConfirmUncounted"/>.</summary>
    public bool Counted { get; private set; } = true;

    /// <summary>The minimum share answered, as a whole percentage (25).</summary>
    public int MinimumPercent => (int)Math.Round(Questionnaire.Settings.MinimumAnsweredShare * 100, MidpointRounding.AwayFromZero);

    /// <summary>The respondent's confirmation that a submission that does not count is sent anyway.</summary>
    [BindProperty]
    public bool ConfirmUncounted { get; set; }

    /// <summary>A post that would not count came without the confirmation: the page says so.</summary>
    public bool ConfirmationMissing { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        Describe();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The submit reads the answers itself, once it holds the response: none are read for it here.
        if (await LoadRespondentAsync(withAnswers: false) is { } stop)
            return stop;
        var outcome = await Journey.SubmitAsync(Respondent.Id, Scan.Id, Questionnaire, ConfirmUncounted, HttpContext.RequestAborted);
        if (outcome == SaveOutcome.NeedsConfirmation)
        {
            // Nothing was submitted: the review again, with what it asks.
            if (await LoadRespondentAsync(withAnswers: true) is { } gone)
                return gone;
            Describe();
            ConfirmationMissing = true;
            return Page();
        }

        return RedirectToPage("/Respond/Result", new { Token });
    }

    private void Describe()
    {
        Unanswered = Steps.Conditions
            .Select(c => (c, (IReadOnlyList<(Step, QuestionDefinition)>)Steps.Steps
                .Where(s => s.Condition.Key == c.Key)
                .SelectMany(s => s.Scored.Select(q => (s, q)))
                .Where(x => !Respondent.Answers.TryGetValue(x.q.Key, out var a) || a is DontKnowAnswer)
                .ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();
        // Scored as the submit scores it: over what this respondent's way in and role group show.
        var result = RespondentScoring.Score(Questionnaire, Respondent.Answers.Values.ToList(), Respondent.Profile);
        Insufficient = result.Conditions.Where(c => !c.IsSufficient).Select(c => Questionnaire.Condition(c.Key)).ToList();
        (Shown, Answered, Counted) = (result.Shown, result.AnsweredQuestions, ResponseQuality.IsCounted(Questionnaire, result));
    }
}
