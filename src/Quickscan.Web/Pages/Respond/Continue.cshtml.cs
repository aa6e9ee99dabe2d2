using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>Sends a returning respondent to the first step they haven't finished, or to the review.</summary>
public sealed class ContinueModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        return Steps.FirstIncomplete(Respondent.Answers) is { } step
            ? RedirectToPage("/Respond/Step", new { Token, step = step.Key })
            : RedirectToPage("/Respond/Review", new { Token });
    }
}
