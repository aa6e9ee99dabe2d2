using Microsoft.AspNetCore.Mvc;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The share link's landing page: who asks, why, and a button to start (or continue).</summary>
public sealed class IndexModel(RespondentJourney journey, QuestionnaireCache questionnaires, StartKeys startKeys) : RespondentPageModel(journey, questionnaires)
{
    /// <summary>The start form's key (<see cref="StartKeys"/>): every post of one form starts the same response.</summary>
    [BindProperty(Name = "start")]
    public string? StartKey { get; set; }

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

        StartKey = startKeys.New();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadScanAsync() is { } stop)
            return stop;
        // This browser has a response here already (the intro reached again through the back button): it goes on with that one.
        if (Request.Cookies[ResumeCookie] is { } existing && await Journey.FindRespondentAsync(Scan.Id, existing, withAnswers: false, HttpContext.RequestAborted) is { } started)
            return started.IsSubmitted ? RedirectToPage("/Respond/Result", new { Token }) : RedirectToPage("/Respond/Continue", new { Token });
        string? chosen = null;
        if (StartKey is not null && (chosen = startKeys.Open(StartKey)) is null)
            return BadRequest();
        var resumeToken = await Journey.StartAsync(Scan.Id, Language, Scan.Entry, chosen, HttpContext.RequestAborted);
        RememberRespondent(resumeToken);
        return RedirectToPage("/Respond/Profile", new { Token });
    }
}
