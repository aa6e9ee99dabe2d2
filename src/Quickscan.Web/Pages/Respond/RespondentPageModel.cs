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

    public Language Language => Localization.LanguageOf(HttpContext);

    /// <summary>Loads the scan; null when the page may go on, else the response to give.</summary>
    protected async Task<IActionResult?> LoadScanAsync(bool mustBeAnswerable = true)
    {
        var scan = Tokens.LooksValid(Token) ? await journey.FindScanAsync(Token, HttpContext.RequestAborted) : null;
        if (scan is null)
            return await AfterNewShareLinkAsync(Request.Cookies[ResumeCookie]) ?? NotFound();
        if (mustBeAnswerable && !scan.IsOpenFor(scan.Entry, journey.Now))
            return scan.HasEnded(journey.Now) ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        Scan = scan;
        UseAllowedLanguage(scan);
        Questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId, scan.PlatformName);
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
        var resumeToken = Request.Cookies[ResumeCookie];
        var (scan, respondent) = Tokens.LooksValid(Token)
            ? await journey.LoadAsync(Token, resumeToken, withAnswers, HttpContext.RequestAborted)
            : (null, null);
        if (scan is null)
            return await AfterNewShareLinkAsync(resumeToken) ?? NotFound();
        Scan = scan;
        UseAllowedLanguage(scan);
        if (respondent is null)
            return mustBeOpen && !Scan.IsOpenFor(Scan.Entry, journey.Now) ? Unavailable() : RedirectToPage("/Respond/Index", new { Token });
        if (respondent.IsInterview && await CheckInterviewerAsync() is { } denied)
            return denied;
        if (mustBeOpen && !CanAnswer(respondent))
            return Unavailable();
        Respondent = respondent;
        await UseRespondentsLanguageAsync(scan, respondent);
        Questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId, scan.PlatformName);
        Steps = RespondentSteps.For(Questionnaire, respondent);
        if (mustBeOpen && respondent.IsSubmitted)
            return RedirectToPage("/Respond/Result", new { Token });
        return null;
    }

    /// <summary>
    /// The consultant made a new share link while this respondent was part-way: the old link is gone, but the
    /// respondent's cookie (scoped to the old link's path) still names them, so they move on to the new link.
    /// </summary>
    protected async Task<IActionResult?> AfterNewShareLinkAsync(string? resumeToken) =>
        resumeToken is not null && await journey.FindByResumeTokenAsync(resumeToken, HttpContext.RequestAborted) is { } found && found.ShareToken != Token
            ? RedirectToPage("/Respond/Resume", new { token = found.ShareToken, resumeToken })
            : null;

    /// <summary>This respondent's questionnaire as short steps (set by <see cref="LoadRespondentAsync"/>).</summary>
    public RespondentSteps Steps { get; private set; } = null!;

    /// <summary>
    /// A response is in the language it was started in, on every device and on the result. A language chosen
    /// on one of its pages (the switch adds ?culture=) becomes the response's language from then on.
    /// </summary>
    private async Task UseRespondentsLanguageAsync(ScanView scan, RespondentView respondent)
    {
        var allowed = scan.AllowedLanguages;
        var current = Localization.LanguageOf(HttpContext);
        if (Request.Query.ContainsKey("culture"))
        {
            if (current.Code() != respondent.Language && allowed.Contains(current))
                await journey.SetLanguageAsync(respondent.Id, current, HttpContext.RequestAborted);
            return;
        }

        if (Languages.TryParse(respondent.Language, out var stored) && allowed.Contains(stored) && stored != current)
            Localization.ForceLanguage(HttpContext, stored);
    }

    /// <summary>The interview's voice: an interview's pages speak to the consultant at the keyboard, not to "you" the respondent.</summary>
    public string Voice(string key) => Respondent is { IsInterview: true } ? key + ".Interview" : key;

    /// <summary>Whether this respondent may answer the scan now: an interview or an intake until the scan ends, the survey while it is open.</summary>
    protected bool CanAnswer(RespondentView respondent) =>
        respondent.IsInterview ? Scan.AcceptsInterviews(journey.Now) : Scan.IsOpenFor(respondent.Track, journey.Now);

    /// <summary>Whether this page belongs to the owner intake (through its link or as an intake interview).</summary>
    public bool IsIntake => Respondent is { Track: Domain.Scoring.Track.Intake } || (Respondent is null && Scan is { Entry: Domain.Scoring.Track.Intake });

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

    /// <summary>
    /// A scan may be offered in one language only: then every page of it is in that language, whatever the
    /// visitor chose elsewhere, and the layout offers no switch.
    /// </summary>
    private void UseAllowedLanguage(ScanView scan)
    {
        var allowed = scan.AllowedLanguages;
        ViewData["Languages"] = allowed;
        // The language switch on a respondent's page stays on the page (?culture=), so the choice is the response's.
        ViewData["LanguageByQuery"] = true;
        if (!allowed.Contains(Localization.CurrentLanguage))
            Localization.ForceLanguage(HttpContext, allowed[0]);
    }
}
