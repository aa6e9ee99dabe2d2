using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The share link's landing page: who asks, why, and a button to start (or continue).</summary>
public sealed class IndexModel(RespondentJourney journey, QuestionnaireCache questionnaires) : RespondentPageModel(journey, questionnaires)
{
    /// <summary>Where a returning respondent continues; null for a new one.</summary>
    public string? ContinueCondition { get; private set; }

    public bool HasStarted { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadScanAsync() is { } stop)
            return stop;
        var resumeToken = Request.Cookies[ResumeCookie];
        if (resumeToken is not null && await Journey.FindRespondentAsync(Scan.Id, resumeToken, withAnswers: false, HttpContext.RequestAborted) is { } respondent)
        {
            if (respondent.IsSubmitted)
                return RedirectToPage("/Respond/Result", new { Token });
            HasStarted = true;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadScanAsync() is { } stop)
            return stop;
        var resumeToken = await Journey.StartAsync(Scan.Id, Language, Scan.Entry, HttpContext.RequestAborted);
        RememberRespondent(resumeToken);
        return RedirectToPage("/Respond/Profile", new { Token });
    }
}
