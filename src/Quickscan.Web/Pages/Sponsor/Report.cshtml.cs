using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;

namespace Quickscan.Web.Pages.Sponsor;

/// <summary>
/// The client sponsor's read-only report (/r/{token}): anonymous, the same document as the consultant's
/// report without any edit control, and the same PDF (?handler=Pdf). An unknown or revoked token is a 404.
/// The token is a 32-character path segment, so the request log masks it like share and resume tokens.
/// </summary>
public sealed class ReportModel(ReportQuery query, ReportDocuments documents, ReportPdf pdf) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public ReportPageView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } document)
            return NotFound();
        View = new ReportPageView(document, CanEdit: false) { AllQuotesUrl = block => Url.Page("/Sponsor/Quotes", new { token = Token, block })! };
        return Page();
    }

    /// <summary>The report as PDF, in the language the sponsor reads the page in.</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (await LoadAsync() is not { } document)
            return NotFound();
        return File(pdf.Render(document), ReportPdf.ContentType, ReportPdf.FileName(document));
    }

    private async Task<ReportDocument?> LoadAsync()
    {
        var data = await query.ForSponsorAsync(Token, HttpContext.RequestAborted);
        return data is null ? null : documents.Build(data, Localization.CurrentLanguage);
    }
}
