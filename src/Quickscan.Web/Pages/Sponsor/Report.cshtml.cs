using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Scans;

namespace Quickscan.Web.Pages.Sponsor;

/// <summary>
/// The client sponsor's read-only report (/r/{token}): anonymous, the same partials as the consultant's
/// report without any edit control. An unknown or revoked token is a 404. The token is a 32-character
/// path segment, so the request log masks it like share and resume tokens.
/// </summary>
public sealed class ReportModel(ReportQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    public ReportView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var data = await query.ForSponsorAsync(Token, Localization.CurrentLanguage, HttpContext.RequestAborted);
        if (data is null)
            return NotFound();
        View = new ReportView(data, Localization.CurrentLanguage, canEdit: false);
        // A secret link: not for search engines or shared caches.
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Page();
    }
}
