using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// The consultant's report of a scan: the respondents' figures from their stored scores, the previous
/// scan and the benchmark, and the consultant's notes and next steps, which can be edited here. While the
/// scan is open the page updates itself as responses come in (reports.js polls the Live handler).
/// Every handler loads the scan through VisibleTo(user): another consultant's scan is a 404.
/// </summary>
public sealed class ReportModel(
    QuickscanDbContext db,
    ReportQuery query,
    CurrentUser user,
    AuditLog audit,
    TimeProvider clock,
    IValidator<NoteInput> noteValidator,
    IValidator<StepInput> stepValidator,
    IValidator<StepRemoveInput> removeValidator,
    IValidator<StepMoveInput> moveValidator,
    IValidator<StepsRestoreInput> restoreValidator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReportView View { get; private set; } = null!;

    private static Domain.Questionnaires.Language Language => Localization.CurrentLanguage;

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync() ? Page() : NotFound();

    /// <summary>
    /// For the page's script: 204 while nothing new was submitted since <paramref name="since"/> (one
    /// query), otherwise the report body as an HTML fragment whose sections replace the page's.
    /// </summary>
    public async Task<IActionResult> OnGetLiveAsync(string? since)
    {
        Response.Headers.CacheControl = "no-store";
        var stamp = await query.StampAsync(Id, user, HttpContext.RequestAborted);
        if (stamp is null)
            return NotFound();
        if (since == stamp)
            return StatusCode(StatusCodes.Status204NoContent);
        if (!await LoadAsync())
            return NotFound();
        return Partial("_ReportBody", View);
    }

    private bool _retried;

    public async Task<IActionResult> OnPostNoteAsync(NoteInput note)
    {
        var scanId = await db.Scans.VisibleTo(user).Where(s => s.Id == Id).Select(s => (Guid?)s.Id).SingleOrDefaultAsync();
        if (scanId is null)
            return NotFound();
        if (!ModelState.IsValid || !(await noteValidator.ValidateAsync(note)).IsValid)
            return BadRequest();

        var text = Normalize(note.Text);
        var existing = await db.ReportNotes.SingleOrDefaultAsync(n => n.ScanId == Id && n.ConditionKey == note.ConditionKey);
        if (existing?.Text == text)
            return RedirectToReport($"note-{note.ConditionKey}");

        var before = existing?.Text;
        if (text is null)
            db.ReportNotes.Remove(existing!);
        else if (existing is null)
            db.ReportNotes.Add(new ReportNote { ScanId = Id, ConditionKey = note.ConditionKey, Text = text, UpdatedAt = clock.GetUtcNow() });
        else
        {
            existing.Text = text;
            existing.UpdatedAt = clock.GetUtcNow();
        }

        audit.Record("report.note-changed", "scan", Id, $"{note.ConditionKey}: {(text is null ? "cleared" : before is null ? "added" : "changed")}", before, text);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (existing is null && !_retried)
        {
            // Two first notes on one condition at once: the other one was added in between (the key kept
            // one). Start again from the stored note, so this one is saved over it, with its own audit entry.
            _retried = true;
            db.ChangeTracker.Clear();
            return await OnPostNoteAsync(note);
        }

        return RedirectToReport($"note-{note.ConditionKey}");
    }

    public Task<IActionResult> OnPostSaveStepAsync(StepInput step) =>
        ChangeStepsAsync(stepValidator.Validate(step).IsValid, step.Stamp, steps =>
        {
            var draft = new StepDraft(Blank(step.ConditionKey), step.Title.Trim(), Normalize(step.Text)!, Normalize(step.Why));
            if (step.Position == 0)
            {
                steps.Add(draft);
                return $"step {steps.Count} added";
            }

            if (step.Position > steps.Count)
                return null;
            steps[step.Position - 1] = draft;
            return $"step {step.Position} edited";
        });

    public Task<IActionResult> OnPostRemoveStepAsync(StepRemoveInput remove) =>
        ChangeStepsAsync(removeValidator.Validate(remove).IsValid, remove.Stamp, steps =>
        {
            if (remove.Position > steps.Count)
                return null;
            steps.RemoveAt(remove.Position - 1);
            return $"step {remove.Position} removed";
        });

    public Task<IActionResult> OnPostMoveStepAsync(StepMoveInput move) =>
        ChangeStepsAsync(moveValidator.Validate(move).IsValid, move.Stamp, steps =>
        {
            var from = move.Position - 1;
            var to = move.Direction == "up" ? from - 1 : from + 1;
            if (from >= steps.Count || to < 0 || to >= steps.Count)
                return null;
            (steps[from], steps[to]) = (steps[to], steps[from]);
            return $"step {move.Position} moved {move.Direction}";
        });

    /// <summary>Back to the advice planner's steps: the edited rows are deleted.</summary>
    public async Task<IActionResult> OnPostRestoreStepsAsync(StepsRestoreInput restore)
    {
        if (!await LoadAsync())
            return NotFound();
        if (!ModelState.IsValid || !restoreValidator.Validate(restore).IsValid)
            return BadRequest();
        if (restore.Stamp != View.Data.StepsStamp)
            return StepsConflict();
        if (!View.Data.StepsEdited)
            return RedirectToReport("steps");

        var rows = await db.ReportNextSteps.Where(s => s.ScanId == Id).ToListAsync();
        db.ReportNextSteps.RemoveRange(rows);
        audit.Record("report.steps-changed", "scan", Id, "generated steps restored", Describe(View.Data.Steps.Select(StepDraft.From)), null);
        await db.SaveChangesAsync();
        return RedirectToReport("steps");
    }

    /// <summary>
    /// Applies a change to the step list. The first change copies the generated steps into rows; from
    /// then on the rows are the list. <paramref name="change"/> returns the audit summary, or null when
    /// the input does not fit the list (a position that isn't there: 400).
    /// </summary>
    private async Task<IActionResult> ChangeStepsAsync(bool valid, string stamp, Func<List<StepDraft>, string?> change)
    {
        if (!await LoadAsync())
            return NotFound();
        if (!ModelState.IsValid || !valid)
            return BadRequest();
        if (stamp != View.Data.StepsStamp)
            return StepsConflict();

        var before = View.Data.Steps.Select(StepDraft.From).ToList();
        var steps = before.ToList();
        var summary = change(steps);
        if (summary is null)
            return BadRequest();

        var rows = View.Data.StepsEdited
            ? await db.ReportNextSteps.Where(s => s.ScanId == Id).OrderBy(s => s.Position).ToListAsync()
            : [];
        var now = clock.GetUtcNow();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (i < rows.Count)
            {
                var row = rows[i];
                if (row.Position != i + 1 || row.ConditionKey != step.ConditionKey || row.Title != step.Title || row.Text != step.Text || row.Why != step.Why)
                {
                    (row.Position, row.ConditionKey, row.Title, row.Text, row.Why, row.UpdatedAt) = (i + 1, step.ConditionKey, step.Title, step.Text, step.Why, now);
                }
            }
            else
            {
                db.ReportNextSteps.Add(new ReportNextStep
                {
                    ScanId = Id, Position = i + 1, ConditionKey = step.ConditionKey, Title = step.Title, Text = step.Text, Why = step.Why, UpdatedAt = now,
                });
            }
        }

        db.ReportNextSteps.RemoveRange(rows.Skip(steps.Count));
        audit.Record("report.steps-changed", "scan", Id, summary, Describe(before), Describe(steps));
        await db.SaveChangesAsync();
        return RedirectToReport("steps");
    }

    private IActionResult StepsConflict()
    {
        View = new ReportView(View.Data, Language, canEdit: true, View.LiveUrl) { StepsConflict = true };
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var data = await query.ForConsultantAsync(Id, user, Language, HttpContext.RequestAborted);
        if (data is null)
            return false;
        var live = data.Scan.Status == ScanStatus.Open ? Url.Page("/Scans/Report", "Live", new { id = Id }) : null;
        View = new ReportView(data, Language, canEdit: true, live);
        return true;
    }

    private RedirectToPageResult RedirectToReport(string fragment) => RedirectToPage("/Scans/Report", null, new { id = Id }, fragment);

    /// <summary>Trimmed, with Windows line ends made plain; null when nothing is left.</summary>
    private static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n").Trim();

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>The list as the audit entry keeps it: one title per line.</summary>
    private static string Describe(IEnumerable<StepDraft> steps) =>
        string.Join('\n', steps.Select((s, i) => $"{i + 1}. {s.Title}"));

    private sealed record StepDraft(string? ConditionKey, string Title, string Text, string? Why)
    {
        public static StepDraft From(ReportStep step) => new(step.ConditionKey, step.Title, step.Text, step.Why);
    }
}
