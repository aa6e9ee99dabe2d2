using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The shared part of every respondent page: find the scan behind the share link, the respondent behind
/// the resume cookie, and the questionnaire version, or say why the page can't be shown.
/// </summary>
public abstract class RespondentPageModel(RespondentJourney journey, QuestionnaireCache questionnaires) : PageModel
{
    public const string ResumeCookie = "qs_resume";

    protected RespondentJourney Journey => journey;

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public ScanView Scan { get; private set; } = null!;

    public RespondentView Respondent { get; private set; } = null!;

    public Questionnaire Questionnaire { get; private set; } = null!;

    public Language Language => Localization.CurrentLanguage;

    /// <summary>Loads the scan; null when the page may go on, else the response to give.</summary>
    protected async Task<IActionResult?> LoadScanAsync(bool mustBeAnswerable = true)
    {
        var scan = Tokens.LooksValid(Token) ? await journey.FindScanAsync(Token, HttpContext.RequestAborted) : null;
        if (scan is null)
            return NotFound();
        if (mustBeAnswerable && !scan.IsAnswerable(journey.Now))
            return scan.HasEnded(journey.Now) ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        Scan = scan;
        Questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);
        return null;
    }

    /// <summary>Loads scan and respondent. Without a respondent the journey starts at the intro.</summary>
    protected async Task<IActionResult?> LoadRespondentAsync(bool withAnswers, bool mustBeOpen = true)
    {
        if (await LoadScanAsync(mustBeAnswerable: mustBeOpen) is { } stop)
            return stop;
        var resumeToken = Request.Cookies[ResumeCookie];
        var respondent = resumeToken is null ? null : await journey.FindRespondentAsync(Scan.Id, resumeToken, withAnswers, HttpContext.RequestAborted);
        if (respondent is null)
            return RedirectToPage("/Respond/Index", new { Token });
        Respondent = respondent;
        if (mustBeOpen && respondent.IsSubmitted)
            return RedirectToPage("/Respond/Result", new { Token });
        return null;
    }

    protected void RememberRespondent(string resumeToken) =>
        Response.Cookies.Append(ResumeCookie, resumeToken, new CookieOptions
        {
            Path = $"/s/{Token}",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            Expires = journey.Now.AddDays(90),
        });

    public string ResumeUrl(string resumeToken) =>
        Url.PageLink("/Respond/Resume", values: new { Token, ResumeToken = resumeToken })!;

    /// <summary>The first condition with an unanswered scored question, or null when all are answered.</summary>
    protected string? FirstIncompleteCondition() =>
        Questionnaire.Conditions
            .FirstOrDefault(c => c.Factors.SelectMany(f => f.Questions).Any(q => q.IsScored() && !Respondent.Answers.ContainsKey(q.Key)))
            ?.Key;
}
