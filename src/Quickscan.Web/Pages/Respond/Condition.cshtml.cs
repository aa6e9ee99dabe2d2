using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>A condition's old address (/s/{token}/c/{condition}, one long page before the steps): its first step.</summary>
public sealed class ConditionModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    [BindProperty(SupportsGet = true)]
    public string Condition { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: false) is { } stop)
            return stop;
        return Steps.FirstOf(Condition) is { } step
            ? RedirectToPage("/Respond/Step", new { Token, step = step.Key })
            : NotFound();
    }
}
