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

        Result = RespondentScoring.Score(Questionnaire, Respondent.Answers.Values.ToList());
        Priorities = AdvicePlanner.Plan(Questionnaire, Result).Where(s => s.IsPriority).ToList();
        Chart = new RadarChart(
            Title,
            Questionnaire.Conditions.Select(c => c.Name[Language]).ToList(),
            [new RadarSeries(Title, Result.Conditions.Select(c => (double?)c.Score).ToList(), "series-own")]);
        return Page();
    }

    public string Title => text[Voice("Result.ChartTitle")];
}
