using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// The consultant's report of a scan (the report slice lives in Pages/Reports; this page stays here for the
/// folder's authorization). Reads go through ReportQuery and ReportDocuments, edits through ReportEditing;
/// every handler reaches the scan through VisibleTo(user): another consultant's scan is a 404. While the
/// scan is open the page updates itself as responses come in (report.js polls the Live handler).
/// </summary>
public sealed class ReportModel(ReportQuery query, ReportEditing editing, ReportDocuments documents, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReportPageView View { get; private set; } = null!;

    /// <summary>The list of quotes to show open (<see cref="QuoteInput.Block"/>, after a hide or show in it); anything else is ignored.</summary>
    [BindProperty(SupportsGet = true, Name = "quotes")]
    public string? OpenQuotes { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync() ? Page() : NotFound();

    /// <summary>
    /// For the page's script: 204 while nothing new was submitted since <paramref name="since"/> (one
    /// query), otherwise the report body as an HTML fragment whose sections replace the page's.
    /// </summary>
    public async Task<IActionResult> OnGetLiveAsync(string? since)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        var stamp = await query.StampAsync(Id, user, HttpContext.RequestAborted);
        if (stamp is null)
            return NotFound();
        if (since == stamp)
            return StatusCode(StatusCodes.Status204NoContent);
        return await LoadAsync() ? Partial("/Pages/Reports/_ReportDocument.cshtml", View) : NotFound();
    }

    public Task<IActionResult> OnPostNoteAsync(NoteInput note, [FromServices] IValidator<NoteInput> validator) =>
        EditAsync(validator.Validate(note).IsValid, () => editing.SaveNoteAsync(Id, note.ConditionKey, note.Text), $"note-{note.ConditionKey}");

    public Task<IActionResult> OnPostSaveStepAsync(StepInput step, [FromServices] IValidator<StepInput> validator) =>
        EditAsync(validator.Validate(step).IsValid, () => editing.ChangeStepsAsync(Id, step.Stamp, editing.Save(step, Localization.CurrentLanguage)));

    public Task<IActionResult> OnPostRemoveStepAsync(StepRemoveInput remove, [FromServices] IValidator<StepRemoveInput> validator) =>
        EditAsync(validator.Validate(remove).IsValid, () => editing.ChangeStepsAsync(Id, remove.Stamp, ReportEditing.Remove(remove)));

    public Task<IActionResult> OnPostMoveStepAsync(StepMoveInput move, [FromServices] IValidator<StepMoveInput> validator) =>
        EditAsync(validator.Validate(move).IsValid, () => editing.ChangeStepsAsync(Id, move.Stamp, ReportEditing.Move(move)));

    /// <summary>Back to the advice planner's steps: the edited rows are deleted.</summary>
    public Task<IActionResult> OnPostRestoreStepsAsync(StepsRestoreInput restore, [FromServices] IValidator<StepsRestoreInput> validator) =>
        EditAsync(validator.Validate(restore).IsValid, () => editing.RestoreStepsAsync(Id, restore.Stamp));

    /// <summary>Hides an open answer from the quotes, or shows it again (the undo).</summary>
    public Task<IActionResult> OnPostQuoteAsync(QuoteInput quote, [FromServices] IValidator<QuoteInput> validator) =>
        EditAsync(validator.Validate(quote).IsValid, () => editing.SetQuoteHiddenAsync(Id, quote.Reference, quote.Hide), quote.Block ?? "quotes", openQuotes: quote.Block);

    /// <summary>
    /// The headcounts per department and role group behind the response rates. Bad values are a typing slip, not an
    /// attack: the report comes back (400) with the form open, what was typed, and a message at each field; nothing is stored.
    /// </summary>
    public async Task<IActionResult> OnPostHeadcountsAsync(HeadcountsInput headcounts, [FromServices] IValidator<HeadcountsInput> validator)
    {
        var validation = validator.Validate(headcounts);
        if (validation.IsValid)
            return await EditAsync(true, () => editing.SaveHeadcountsAsync(Id, headcounts.ToHeadcounts()), "response");
        if (!await LoadAsync())
            return NotFound();
        View = View with { Headcounts = HeadcountsForm.From(headcounts, validation) };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Leaves flagged responses out of every figure, or takes them back in; a scan edited since shows the report with 409.</summary>
    public Task<IActionResult> OnPostExcludeFlaggedAsync(ExcludeFlaggedInput flagged, [FromServices] IValidator<ExcludeFlaggedInput> validator) =>
        EditAsync(validator.Validate(flagged).IsValid, () => editing.SetExcludeFlaggedAsync(Id, flagged.Exclude, flagged.Version), "quality", qualityConflict: true);

    /// <summary>The exclusion of flagged responses was refused: the scan changed since the report was opened.</summary>
    public bool QualityConflict { get; private set; }

    /// <summary>Runs a valid edit and goes back to the report; a stale or simultaneous step edit shows the report with 409.</summary>
    private async Task<IActionResult> EditAsync(bool valid, Func<Task<ReportEdit>> edit, string fragment = "steps", bool qualityConflict = false, string? openQuotes = null)
    {
        if (!ModelState.IsValid || !valid)
            return await editing.VisibleAsync(Id) ? BadRequest() : NotFound();
        switch (await edit())
        {
            case ReportEdit.Saved:
                return RedirectToPage("/Scans/Report", null, new { id = Id, quotes = openQuotes }, fragment);
            case ReportEdit.Invalid:
                return BadRequest();
            case ReportEdit.Conflict when await LoadAsync(stepsConflict: !qualityConflict):
                QualityConflict = qualityConflict;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(bool stepsConflict = false)
    {
        var data = await query.ForConsultantAsync(Id, user, HttpContext.RequestAborted);
        if (data is null)
            return false;
        var live = data.Scan.Status == ScanStatus.Open ? Url.Page("/Scans/Report", "Live", new { id = Id }) : null;
        View = new ReportPageView(documents.Build(data, Localization.CurrentLanguage), CanEdit: true, live, stepsConflict)
        {
            OpenQuotes = QuoteInput.IsBlockKey(OpenQuotes) ? OpenQuotes : null,
            AllQuotesUrl = block => Url.Page("/Scans/Quotes", new { id = Id, block })!,
        };
        return true;
    }
}
