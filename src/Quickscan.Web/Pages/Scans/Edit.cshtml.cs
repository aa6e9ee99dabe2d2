using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans;

public sealed record VersionOption(int Id, string Label);

/// <summary>Create a scan for a client, or change a scan's settings. Two edits at once: the second is told, not applied.</summary>
public sealed class EditModel(QuickscanDbContext db, CurrentUser user, AuditLog audit, TimeProvider clock, AppTime time, IValidator<ScanInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? OrganisationId { get; set; }

    [BindProperty]
    public ScanInput Input { get; set; } = new();

    public string OrganisationName { get; private set; } = "";

    public IReadOnlyList<VersionOption> Versions { get; private set; } = [];

    public IReadOnlyList<string> Invalid { get; private set; } = [];

    /// <summary>Date fields whose time the clocks skip (the daylight-saving gap).</summary>
    public IReadOnlyList<string> Nonexistent { get; private set; } = [];

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var scan = await db.Scans.AsNoTracking().VisibleTo(user).Include(s => s.Organisation).SingleOrDefaultAsync(s => s.Id == id);
            if (scan is null)
                return NotFound();
            OrganisationName = scan.Organisation.Name;
            Input = ToInput(scan);
        }
        else
        {
            var organisation = await db.Organisations.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == OrganisationId);
            if (organisation is null)
                return NotFound();
            OrganisationName = organisation.Name;
            Input.Title = $"Quickscan {clock.GetUtcNow().Year}";
            Input.NewId = Guid.CreateVersion7();
        }

        await LoadVersionsAsync();
        if (Id is null)
            Input.QuestionnaireVersionId = Versions.Count > 0 ? Versions[0].Id : 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Scan? scan = null;
        if (Id is { } id)
        {
            scan = await db.Scans.VisibleTo(user).Include(s => s.Organisation).SingleOrDefaultAsync(s => s.Id == id);
            if (scan is null)
                return NotFound();
            OrganisationName = scan.Organisation.Name;
        }
        else
        {
            var organisation = await db.Organisations.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(o => o.Id == OrganisationId);
            if (organisation is null)
                return NotFound();
            OrganisationName = organisation.Name;
        }

        await LoadVersionsAsync();
        var validation = await validator.ValidateAsync(Input);
        Invalid = validation.Errors.Select(e => e.PropertyName.Split('[')[0]).Distinct().ToList();
        Nonexistent = validation.Errors.Where(e => e.ErrorCode == ScanValidator.TimeDoesNotExist).Select(e => e.PropertyName).ToList();
        if (!Versions.Any(v => v.Id == Input.QuestionnaireVersionId))
            Invalid = [.. Invalid, nameof(ScanInput.QuestionnaireVersionId)];
        // A retention period that is not a number fails binding and would read as "the default": refused instead.
        if (ModelState.TryGetValue($"{nameof(Input)}.{nameof(ScanInput.RetentionDays)}", out var retention) && retention.Errors.Count > 0)
            Invalid = [.. Invalid.Where(f => f != nameof(ScanInput.RetentionDays)), nameof(ScanInput.RetentionDays)];
        // A version or id that didn't bind was tampered with: refused, not read as "none".
        foreach (var hidden in new[] { nameof(ScanInput.Version), nameof(ScanInput.NewId) })
        {
            if (ModelState.TryGetValue($"{nameof(Input)}.{hidden}", out var bound) && bound.Errors.Count > 0)
                Invalid = [.. Invalid, hidden];
        }

        if (Invalid.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var isNew = scan is null;
        if (scan is null)
        {
            // The same new-scan form posted again: the scan its first post made.
            if (Input.NewId is { } made && await db.Scans.AsNoTracking().VisibleTo(user).AnyAsync(s => s.Id == made))
                return RedirectToPage("/Scans/Details", new { id = made });
            scan = new Scan { Id = Input.NewId ?? Guid.CreateVersion7(), Title = "", ShareToken = Tokens.New(), JoinCode = Tokens.NewJoinCode(), OrganisationId = OrganisationId!.Value, Status = ScanStatus.Draft, CreatedAt = clock.GetUtcNow() };
            db.Scans.Add(scan);
            audit.Record(AuditActions.ScanCreated, AuditEntities.Scan, scan.Id, Input.Title.Trim());
        }
        else
        {
            if (Input.Version != scan.Version)
            {
                // Someone saved this scan since the form was opened: show their version, keep nothing of ours.
                Conflict = true;
                Input = ToInput(scan);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            // A scan answered on one questionnaire version keeps it: switching would change the meaning of its answers.
            if (scan.QuestionnaireVersionId != Input.QuestionnaireVersionId && await db.Respondents.AnyAsync(r => r.ScanId == scan.Id))
                Input.QuestionnaireVersionId = scan.QuestionnaireVersionId;
            audit.Record(AuditActions.ScanChanged, AuditEntities.Scan, scan.Id, Input.Title.Trim(), before: scan.Title);
        }

        scan.Title = Input.Title.Trim();
        scan.QuestionnaireVersionId = Input.QuestionnaireVersionId;
        scan.WelcomeText = string.IsNullOrWhiteSpace(Input.WelcomeText) ? null : Input.WelcomeText.Trim();
        scan.PlatformName = string.IsNullOrWhiteSpace(Input.PlatformName) ? null : Input.PlatformName.Trim();
        scan.OpensAt = Input.OpensAt is { } opens ? time.ToUtc(opens) : null;
        scan.ClosesAt = Input.ClosesAt is { } closes ? time.ToUtc(closes) : null;
        scan.Languages = string.Join(',', Input.Languages);
        scan.ShowRespondentResult = Input.ShowRespondentResult;
        scan.IsTest = Input.IsTest;
        scan.AnonymityThreshold = Input.AnonymityThreshold;
        scan.RetentionDays = Input.RetentionDays;
        scan.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (isNew && e.IsUniqueViolation())
        {
            // Two posts of the same form at once: the other one made the scan (or the id was not ours to take).
            db.ChangeTracker.Clear();
            return await db.Scans.AsNoTracking().VisibleTo(user).AnyAsync(s => s.Id == scan.Id)
                ? RedirectToPage("/Scans/Details", new { id = scan.Id })
                : RedirectToPage("/Clients/Index");
        }
        catch (DbUpdateConcurrencyException)
        {
            Conflict = true;
            db.ChangeTracker.Clear();
            Input = ToInput(await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scan.Id));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Scans/Details", new { id = scan.Id });
    }

    private ScanInput ToInput(Scan scan) => new()
    {
        Title = scan.Title,
        QuestionnaireVersionId = scan.QuestionnaireVersionId,
        WelcomeText = scan.WelcomeText,
        PlatformName = scan.PlatformName,
        OpensAt = scan.OpensAt is { } opens ? time.ToLocal(opens) : null,
        ClosesAt = scan.ClosesAt is { } closes ? time.ToLocal(closes) : null,
        Languages = [.. scan.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        ShowRespondentResult = scan.ShowRespondentResult,
        IsTest = scan.IsTest,
        AnonymityThreshold = scan.AnonymityThreshold,
        RetentionDays = scan.RetentionDays,
        Version = scan.Version,
    };

    /// <summary>The scan has responses: its questionnaire version is fixed (switching would change the meaning of its answers).</summary>
    public bool VersionFixed { get; private set; }

    /// <summary>The admin's default retention period, shown as what an empty field means.</summary>
    public int DefaultRetentionDays { get; private set; } = RetentionPolicy.DefaultResponseDays;

    private async Task LoadVersionsAsync()
    {
        VersionFixed = Id is { } id && await db.Respondents.AnyAsync(r => r.ScanId == id);
        DefaultRetentionDays = (await db.PolicyAsync()).ResponseDays;
        await LoadVersionOptionsAsync();
    }

    private async Task LoadVersionOptionsAsync() =>
        Versions = (await db.QuestionnaireVersions.AsNoTracking()
                .Where(v => v.Kind == Domain.Questionnaires.QuestionnaireKind.Quickscan)
                .OrderByDescending(v => v.Version).ThenByDescending(v => v.Revision)
                .ToListAsync())
            .Select(v => new VersionOption(v.Id, $"{v.Key} {v.Label} ({v.PublishedAt:yyyy-MM-dd})"))
            .ToList();
}
