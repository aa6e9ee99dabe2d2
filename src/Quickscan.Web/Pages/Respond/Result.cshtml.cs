using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Advice;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Respond;

/// <summary>After submitting: the respondent's own result, scored by the domain library with the scan's questionnaire version.</summary>
public sealed class ResultModel(RespondentJourney journey, QuestionnaireCache questionnaires, IStringLocalizer<SharedResource> text)
    : RespondentPageModel(journey, questionnaires)
{
    public RespondentResult Result { get; private set; } = null!;

    public IReadOnlyList<NextStep> Priorities { get; private set; } = [];

    public RadarChart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true, mustBeOpen: false) is { } stop)
            return stop;
        if (!Respondent.IsSubmitted)
            return RedirectToPage("/Respond/Review", new { Token });
        if (!Scan.ShowRespondentResult)
            return Page();

        // Scored over what this respondent was shown, as at submission.
        Result = RespondentScoring.Score(Questionnaire, Respondent.Answers.Values.ToList(), Respondent.Profile);
        Priorities = AdvicePlanner.Plan(Questionnaire, Result).Where(s => s.IsPriority).ToList();
        Chart = new RadarChart(
            Title,
            Questionnaire.Conditions.Select(c => c.Name[Language]).ToList(),
            [new RadarSeries(Title, Result.Conditions.Select(c => (double?)c.Score).ToList(), "series-own")]);
        return Page();
    }

    public string Title => text[Voice("Result.ChartTitle")];

    /// <summary>An employee's result covers what employees are asked; the facts are the intake's (v2 on).</summary>
    public bool CoversSurveyOnly => Respondent.Track == Track.Survey && Questionnaire.HasIntake();

    /// <summary>
    /// What the respondent reads for a next step: an employee gets the factor's tip (what they can do themselves)
    /// where the version has one, the owner team the organisation's advice.
    /// </summary>
    public (string Text, bool IsTip) StepText(NextStep step) =>
        Respondent.Track == Track.Survey && step.FactorKey is { } factor && Questionnaire.Factor(factor).Tip is { } tip
            ? (tip[Language], true)
            : (step.Advice[Language], false);
}
