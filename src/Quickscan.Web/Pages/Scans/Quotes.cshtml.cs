using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// Every open answer to one question of a scan's report, a page at a time, for a question with more answers than the
/// report holds (<see cref="QuotesBlock.OnReport"/>); hide and show as on the report, back to the same page. The
/// quotes are the report's own (<see cref="ReportDocuments.QuotesOf"/>: same rules, order and threshold).
/// </summary>
public sealed class QuotesModel(ReportQuery query, ReportDocuments documents, ReportEditing editing, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Block { get; set; } = "";

    // Not "page": Razor Pages keeps that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "number")]
    public int PageNumber { get; set; } = 1;

    public QuotesListView View { get; private set; } = null!;

    /// <summary>A page number that isn't a number is a 400; a page, question or scan that doesn't exist (or isn't this consultant's) a 404.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        !ModelState.IsValid ? BadRequest() : await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostQuoteAsync(QuoteInput quote, [FromServices] IValidator<QuoteInput> validator)
    {
        if (!ModelState.IsValid || !validator.Validate(quote).IsValid)
            return await editing.VisibleAsync(Id) ? BadRequest() : NotFound();
        return await editing.SetQuoteHiddenAsync(Id, quote.Reference, quote.Hide) switch
        {
            ReportEdit.Saved => RedirectToPage("/Scans/Quotes", new { id = Id, block = Block, number = PageNumber }),
            ReportEdit.Invalid => BadRequest(),
            _ => NotFound(),
        };
    }

    private async Task<bool> LoadAsync()
    {
        if (!QuoteInput.IsBlockKey(Block) || await query.ForConsultantAsync(Id, user, HttpContext.RequestAborted) is not { } data
            || documents.QuotesOf(data, Localization.CurrentLanguage, Block) is not { } block
            || QuotesListView.Of(data.Scan, block, await query.AllQuotesAsync(data, (block.Track, block.QuestionKey), HttpContext.RequestAborted), consultant: true, PageNumber) is not { } view)
            return false;
        View = view;
        return true;
    }
}
