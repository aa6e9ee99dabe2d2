using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans;

/// <summary>An interview entered so far: what may be shown of it (no answers, nothing personal).</summary>
public sealed record InterviewRow(Guid Id, string? RoleGroup, DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt, Domain.Scoring.Track Track = Domain.Scoring.Track.Survey, bool Counted = true);

/// <summary>
/// Interview mode: the consultant enters a response on behalf of an interviewee. Starting one creates a
/// respondent (source Interview, with the interviewee's role group), remembers it in this browser with the
/// respondent cookie and continues in the respondent pages, so questions, autosave, review and submit are
/// the same as for the link. Interviews are possible while the scan has not ended: in Draft too, before the
/// link goes out, but not once it is Closed or past its closing date (<see cref="ScanView.AcceptsInterviews"/>).
/// </summary>
public sealed class InterviewModel(
    QuickscanDbContext db,
    CurrentUser user,
    AuditLog audit,
    RespondentJourney journey,
    QuestionnaireCache questionnaires,
    IValidator<InterviewInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public InterviewInput Input { get; set; } = new();

    public Scan Scan { get; private set; } = null!;

    public IReadOnlyList<InterviewRow> Interviews { get; private set; } = [];

    /// <summary>Fields the last post got wrong.</summary>
    public IReadOnlyList<string> Invalid { get; private set; } = [];

    /// <summary>Whether the scan's questionnaire has an owner intake, which an interview can be.</summary>
    public bool HasIntake { get; private set; }

    public bool AcceptsInterviews => ToView(Scan).AcceptsInterviews(journey.Now);

    /// <summary>Whether the share link works now; if not, interviews are the only way in.</summary>
    public bool LinkIsOpen => Scan.IsAnswerable(journey.Now);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } stop)
            return stop;
        return Page();
    }

    /// <summary>Starts an interview and continues on the first question page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop)
            return stop;
        if (!AcceptsInterviews)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var validation = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            Invalid = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var department = string.IsNullOrWhiteSpace(Input.Department) ? null : Input.Department.Trim();
        // Saved by the same SaveChanges as the new respondent.
        var track = HasIntake ? Input.Track : Domain.Scoring.Track.Survey;
        audit.Record(track == Domain.Scoring.Track.Intake ? AuditActions.ScanIntakeInterviewStarted : AuditActions.ScanInterviewStarted, AuditEntities.Scan, Scan.Id, Input.RoleGroup);
        var resumeToken = await journey.StartInterviewAsync(Scan.Id, Localization.CurrentLanguage, Input.RoleGroup!, department, track, HttpContext.RequestAborted);
        RespondentPageModel.RememberRespondent(HttpContext, Scan.ShareToken, resumeToken, journey.Now);
        return RedirectToPage("/Respond/Continue", new { token = Scan.ShareToken });
    }

    /// <summary>
    /// Picks up an interview that was not submitted, in this browser: it gets a new resume token (only hashes
    /// are stored, so the old one can't be handed out again), and the old one stops working.
    /// </summary>
    public async Task<IActionResult> OnPostContinueAsync(Guid respondentId)
    {
        if (await LoadAsync() is { } stop)
            return stop;
        if (!AcceptsInterviews)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var resumeToken = await journey.ResumeInterviewAsync(Scan.Id, respondentId, HttpContext.RequestAborted);
        if (resumeToken is null)
            return NotFound();
        RespondentPageModel.RememberRespondent(HttpContext, Scan.ShareToken, resumeToken, journey.Now);
        return RedirectToPage("/Respond/Continue", new { token = Scan.ShareToken });
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var scan = await db.Scans.AsNoTracking().VisibleTo(user).Include(s => s.Organisation).SingleOrDefaultAsync(s => s.Id == Id, HttpContext.RequestAborted);
        if (scan is null)
            return NotFound();
        Scan = scan;
        HasIntake = Domain.Scoring.Routing.HasIntake(await questionnaires.GetAsync(scan.QuestionnaireVersionId));
        Interviews = await db.Respondents.AsNoTracking()
            .Where(r => r.ScanId == Id && r.Source == RespondentSource.Interview)
            .OrderBy(r => r.StartedAt)
            .Select(r => new InterviewRow(r.Id, r.RoleGroup, r.StartedAt, r.SubmittedAt, r.Track, r.Counted))
            .ToListAsync(HttpContext.RequestAborted);
        return null;
    }

    private static ScanView ToView(Scan scan) => new(
        scan.Id, scan.Title, scan.WelcomeText, scan.Organisation.Name, scan.QuestionnaireVersionId,
        scan.ShowRespondentResult, scan.Status, scan.OpensAt, scan.ClosesAt);
}
