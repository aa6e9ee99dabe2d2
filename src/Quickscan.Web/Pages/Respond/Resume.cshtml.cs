using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The resume link (/s/{token}/r/{resumeToken}): remembers the respondent on this device and continues where they were.</summary>
public sealed class ResumeModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public async Task<IActionResult> OnGetAsync(string resumeToken)
    {
        if (await LoadScanAsync(mustBeAnswerable: false) is { } stop)
            return stop;
        var respondent = await Journey.FindRespondentAsync(Scan.Id, resumeToken, withAnswers: false, HttpContext.RequestAborted);
        if (respondent is null)
            return NotFound();
        RememberRespondent(resumeToken);
        if (respondent.IsSubmitted)
            return RedirectToPage("/Respond/Result", new { Token });
        if (!Scan.IsAnswerable(Journey.Now))
            return StatusCode(Scan.HasEnded(Journey.Now) ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound);
        return RedirectToPage("/Respond/Continue", new { Token });
    }
}
