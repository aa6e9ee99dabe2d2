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
        UseAllowedLanguage(scan);
        Questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);
        return null;
    }

    /// <summary>
    /// Loads scan and respondent. Without a respondent the journey starts at the intro. A respondent may answer
    /// while the scan is answerable; an interview also while the scan is not open yet (see
    /// <see cref="ScanView.AcceptsInterviews"/>), which opens nothing for the link: the interview's cookie is
    /// set only in the consultant's browser, and every page of an interview needs its consultant signed in.
    /// </summary>
    protected async Task<IActionResult?> LoadRespondentAsync(bool withAnswers, bool mustBeOpen = true)
    {
        if (await LoadScanAsync(mustBeAnswerable: false) is { } stop)
            return stop;
        var resumeToken = Request.Cookies[ResumeCookie];
        var respondent = resumeToken is null ? null : await journey.FindRespondentAsync(Scan.Id, resumeToken, withAnswers, HttpContext.RequestAborted);
        if (respondent is null)
            return mustBeOpen && !Scan.IsAnswerable(journey.Now) ? Unavailable() : RedirectToPage("/Respond/Index", new { Token });
        if (respondent.IsInterview && await CheckInterviewerAsync() is { } denied)
            return denied;
        if (mustBeOpen && !CanAnswer(respondent))
            return Unavailable();
        Respondent = respondent;
        if (mustBeOpen && respondent.IsSubmitted)
            return RedirectToPage("/Respond/Result", new { Token });
        return null;
    }

    /// <summary>Whether this respondent may answer the scan now.</summary>
    protected bool CanAnswer(RespondentView respondent) =>
        respondent.IsInterview ? Scan.AcceptsInterviews(journey.Now) : Scan.IsAnswerable(journey.Now);

    /// <summary>The scan can't be answered: 410 once it has ended, else 404 (not open yet).</summary>
    protected IActionResult Unavailable() =>
        StatusCode(Scan.HasEnded(journey.Now) ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound);

    /// <summary>
    /// An interview is the consultant's: nobody else may continue it or read its result, not even with its
    /// cookie on a shared computer. Signed out, the consultant signs in and comes back here; signed in as
    /// somebody who can't see the scan, it doesn't exist.
    /// </summary>
    protected async Task<IActionResult?> CheckInterviewerAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        return await journey.IsInterviewerAsync(Scan.Id, HttpContext.RequestAborted) ? null : NotFound();
    }

    /// <summary>
    /// The banner on an interview's pages: shown only for an interview, whose pages only its own consultant
    /// (or an admin) can reach, so a respondent answering through the link never sees it.
    /// </summary>
    public bool ShowInterviewBanner => Respondent is { IsInterview: true };

    protected void RememberRespondent(string resumeToken) => RememberRespondent(HttpContext, Token, resumeToken, journey.Now);

    /// <summary>Sets the resume cookie, scoped to the scan's share link path, in this browser.</summary>
    public static void RememberRespondent(HttpContext http, string shareToken, string resumeToken, DateTimeOffset now) =>
        http.Response.Cookies.Append(ResumeCookie, resumeToken, new CookieOptions
        {
            Path = $"/s/{shareToken}",
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Expires = now.AddDays(90),
        });

    public string ResumeUrl(string resumeToken) =>
        HttpContext.RequestServices.GetRequiredService<PublicUrls>().Page(Url, "/Respond/Resume", new { Token, ResumeToken = resumeToken });

    /// <summary>The first condition with an unanswered scored question, or null when all are answered.</summary>
    protected string? FirstIncompleteCondition() =>
        Questionnaire.Conditions
            .FirstOrDefault(c => c.Factors.SelectMany(f => f.Questions).Any(q => q.IsScored() && !Respondent.Answers.ContainsKey(q.Key)))
            ?.Key;

    /// <summary>
    /// A scan may be offered in one language only: then every page of it is in that language, whatever the
    /// visitor chose elsewhere, and the layout offers no switch.
    /// </summary>
    private void UseAllowedLanguage(ScanView scan)
    {
        var allowed = scan.AllowedLanguages;
        ViewData["Languages"] = allowed;
        if (!allowed.Contains(Localization.CurrentLanguage))
            Localization.ForceLanguage(HttpContext, allowed[0]);
    }
}
