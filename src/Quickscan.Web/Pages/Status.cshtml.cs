using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quickscan.Web.Pages;

/// <summary>The page for every 4xx status code, in the user's language (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    /// <summary>
    /// The code comes from the re-execution, never from the request (a POST's body may be the very thing
    /// that was refused, so nothing is bound from it). A direct visit is a plain 404.
    /// </summary>
    private PageResult Show()
    {
        Code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        return Page();
    }

    public string Kind => Code switch
    {
        400 => "BadRequest",
        404 => "NotFound",
        409 => "Conflict",
        410 => "Gone",
        413 => "TooLarge",
        429 => "TooMany",
        _ => "Other",
    };
}
