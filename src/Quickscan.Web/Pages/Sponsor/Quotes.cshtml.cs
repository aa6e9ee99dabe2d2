using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;

namespace Quickscan.Web.Pages.Sponsor;

/// <summary>
/// The sponsor's page of every visible open answer to one question (/r/{token}/quotes/{block}), a page at a time: the
/// report's own quotes without the hidden ones. An unknown or revoked token, or an unknown question, is a 404.
/// </summary>
public sealed class QuotesModel(ReportQuery query, ReportDocuments documents) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Block { get; set; } = "";

    // Not "page": Razor Pages keeps that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "number")]
    public int PageNumber { get; set; } = 1;

    public QuotesListView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid)
            return BadRequest();
        if (!QuoteInput.IsBlockKey(Block) || await query.ForSponsorAsync(Token, HttpContext.RequestAborted) is not { } data
            || documents.QuotesOf(data, Localization.CurrentLanguage, Block) is not { } block
            || QuotesListView.Of(data.Scan, block, await query.AllQuotesAsync(data, (block.Track, block.QuestionKey), HttpContext.RequestAborted), consultant: false, PageNumber) is not { } view)
            return NotFound();
        View = view;
        return Page();
    }
}
