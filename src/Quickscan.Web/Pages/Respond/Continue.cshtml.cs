using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>Sends a returning respondent to the first condition they haven't finished, or to the review.</summary>
public sealed class ContinueModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        return FirstIncompleteCondition() is { } condition
            ? RedirectToPage("/Respond/Condition", new { Token, Condition = condition })
            : RedirectToPage("/Respond/Review", new { Token });
    }
}
