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
        if (respondent.IsInterview && await CheckInterviewerAsync() is { } denied)
            return denied;
        RememberRespondent(resumeToken);
        if (respondent.IsSubmitted)
            return RedirectToPage("/Respond/Result", new { Token });
        if (!CanAnswer(respondent))
            return Unavailable();
        return RedirectToPage("/Respond/Continue", new { Token });
    }
}
