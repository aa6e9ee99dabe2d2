using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The resume link (/s/{token}/r/{resumeToken}): remembers the respondent on this device and continues where they
/// were. A link made before the consultant made a new share link still works: it moves to the scan's current link.
/// </summary>
public sealed class ResumeModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    public async Task<IActionResult> OnGetAsync(string resumeToken)
    {
        if (await Journey.FindByResumeTokenAsync(resumeToken, HttpContext.RequestAborted) is not { } found)
            return NotFound();
        if (found.ShareToken != Token)
            return RedirectToPage("/Respond/Resume", new { token = found.ShareToken, resumeToken });
        if (await LoadScanAsync(mustBeAnswerable: false) is { } stop)
            return stop;
        var respondent = found.Respondent;
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
