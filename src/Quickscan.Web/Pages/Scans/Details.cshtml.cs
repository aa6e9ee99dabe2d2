using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans;

/// <summary>A scan's home: status and the actions on it, the share link with its QR code, the sponsor's report link.</summary>
public sealed class DetailsModel(QuickscanDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, QuestionnaireCache questionnaires) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Scan Scan { get; private set; } = null!;

    public int Responses { get; private set; }

    /// <summary>Submitted responses in the figures (<see cref="ResponseFigures"/>).</summary>
    public int Submitted { get; private set; }

    /// <summary>Started but not submitted yet.</summary>
    public int PartWay { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public string ShareLink => HttpContext.RequestServices.GetRequiredService<PublicUrls>().Page(Url, "/Respond/Index", new { token = Scan.ShareToken });

    /// <summary>The share link's short form for a slide or a projector (/j/K7M2-9QXD).</summary>
    public string JoinLink => HttpContext.RequestServices.GetRequiredService<PublicUrls>().Page(Url, "/Respond/Join", new { code = Tokens.FormatJoinCode(Scan.JoinCode ?? "") });

    public string? IntakeLink => Scan.IntakeToken is { } token ? HttpContext.RequestServices.GetRequiredService<PublicUrls>().Page(Url, "/Respond/Index", new { token }) : null;

    /// <summary>Whether the scan's questionnaire asks the owner team facts the employee link does not (v2 on).</summary>
    public bool HasIntake { get; private set; }

    /// <summary>Submitted owner intakes (through the intake link or as an intake interview).</summary>
    public int Intakes { get; private set; }

    public string? ReportLink => Scan.ReportToken is { } token ? HttpContext.RequestServices.GetRequiredService<PublicUrls>().Page(Url, "/Sponsor/Report", new { token }) : null;

    /// <summary>A newer wording revision of the scan's questionnaire version, which the scan can adopt without any score changing.</summary>
    public QuestionnaireVersion? Revision { get; private set; }

    /// <summary>Someone changed the scan at the same moment (a double-click, another tab); the page shows it as it is now.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(tracked: false) is { } stop)
            return stop;
        await ShowAsync();
        return Page();
    }

    private async Task ShowAsync()
    {
        Revision = await NewerRevisionAsync();
        Scan.JoinCode = await db.EnsureJoinCodeAsync(Id, Scan.JoinCode, HttpContext.RequestAborted);
        Responses = await db.Respondents.CountAsync(r => r.ScanId == Id);
        Submitted = await db.Respondents.InFigures().CountAsync(r => r.ScanId == Id);
        PartWay = await db.Respondents.CountAsync(r => r.ScanId == Id && r.SubmittedAt == null);
        HasIntake = Domain.Scoring.Routing.HasIntake(await questionnaires.GetAsync(Scan.QuestionnaireVersionId));
        Intakes = HasIntake ? await db.Respondents.InFigures().CountAsync(r => r.ScanId == Id && r.Track == Domain.Scoring.Track.Intake) : 0;
    }

    public Task<IActionResult> OnPostOpenAsync() => ChangeAsync(AuditActions.ScanOpened, scan =>
    {
        scan.Status = ScanStatus.Open;
        scan.ClosedAt = null;
    });

    /// <summary>Closes the scan and keeps its summary for other scans' benchmarks and the state of affairs.</summary>
    public async Task<IActionResult> OnPostCloseAsync([FromServices] ScanSummaries summaries)
    {
        var outcome = await ChangeAsync(AuditActions.ScanClosed, scan =>
        {
            scan.Status = ScanStatus.Closed;
            scan.ClosedAt = clock.GetUtcNow();
        });
        if (outcome is RedirectToPageResult)
            await summaries.RefreshAsync(Id, HttpContext.RequestAborted);
        return outcome;
    }

    public Task<IActionResult> OnPostReopenAsync() => ChangeAsync(AuditActions.ScanReopened, scan =>
    {
        scan.Status = ScanStatus.Open;
        scan.ClosedAt = null;
        // Reopening after the closing date would reopen nothing.
        if (scan.ClosesAt <= clock.GetUtcNow())
            scan.ClosesAt = null;
    });

    /// <summary>A new share link; the old one stops working at once (respondents already started keep their resume links).</summary>
    public Task<IActionResult> OnPostRotateAsync() => ChangeAsync(AuditActions.ScanLinkRotated, scan =>
    {
        scan.ShareToken = Tokens.New();
        scan.JoinCode = Tokens.NewJoinCode();
    });

    /// <summary>The owner team's own link; making a new one stops the old one at once (intakes already started keep their resume links only through the new one).</summary>
    public Task<IActionResult> OnPostCreateIntakeLinkAsync() => ChangeAsync(AuditActions.ScanIntakeLinkCreated, scan => scan.IntakeToken = Tokens.New());

    public Task<IActionResult> OnPostRevokeIntakeLinkAsync() => ChangeAsync(AuditActions.ScanIntakeLinkRevoked, scan => scan.IntakeToken = null);

    public Task<IActionResult> OnPostCreateReportLinkAsync() => ChangeAsync(AuditActions.ScanReportLinkCreated, scan => scan.ReportToken = Tokens.New());

    public Task<IActionResult> OnPostRevokeReportLinkAsync() => ChangeAsync(AuditActions.ScanReportLinkRevoked, scan => scan.ReportToken = null);

    /// <summary>Adopts the newest wording revision of the scan's version: same structure and scoring, so no score changes.</summary>
    public async Task<IActionResult> OnPostAdoptRevisionAsync()
    {
        if (await LoadAsync(tracked: true) is { } stop)
            return stop;
        var revision = await NewerRevisionAsync();
        if (revision is null)
            return BadRequest();
        audit.Record(AuditActions.ScanRevisionAdopted, AuditEntities.Scan, Scan.Id, Scan.Title, before: Scan.QuestionnaireVersion.Label, after: revision.Label);
        Scan.QuestionnaireVersionId = revision.Id;
        Scan.Version = Guid.NewGuid();
        return await SaveAsync();
    }

    private Task<QuestionnaireVersion?> NewerRevisionAsync() =>
        db.QuestionnaireVersions.AsNoTracking()
            .Where(v => v.Key == Scan.QuestionnaireVersion.Key && v.Version == Scan.QuestionnaireVersion.Version && v.Revision > Scan.QuestionnaireVersion.Revision)
            .OrderByDescending(v => v.Revision)
            .FirstOrDefaultAsync();

    /// <summary>The share link as a QR code, as SVG, for workshops.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        if (await LoadAsync(tracked: false) is { } stop)
            return stop;
        return Content(QrSvg(ShareLink), "image/svg+xml");
    }

    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private async Task<IActionResult> ChangeAsync(string action, Action<Scan> change)
    {
        if (await LoadAsync(tracked: true) is { } stop)
            return stop;
        change(Scan);
        Scan.Version = Guid.NewGuid();
        audit.Record(action, AuditEntities.Scan, Scan.Id, Scan.Title);
        return await SaveAsync();
    }

    /// <summary>
    /// Saves under the scan's Version token. A request that changed the scan since this one read it (six tabs
    /// making the sponsor link, a double-click on close) wins; this one stores nothing, not even its audit
    /// entry, and answers 409 with the scan as it is now, instead of a 500.
    /// </summary>
    private async Task<IActionResult> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return RedirectToPage(new { id = Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(tracked: false) is { } gone)
                return gone;
            await ShowAsync();
            Conflict = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(bool tracked)
    {
        var query = db.Scans.VisibleTo(user).Include(s => s.Organisation).Include(s => s.QuestionnaireVersion);
        var scan = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(s => s.Id == Id);
        if (scan is null)
            return NotFound();
        Scan = scan;
        return null;
    }
}
