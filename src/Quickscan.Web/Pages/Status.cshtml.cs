using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quickscan.Web.Pages;

/// <summary>The page for every 4xx status code, in the user's language (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Only reached through re-execution; a direct visit is a plain 404.
        var feature = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Code = feature is null ? StatusCodes.Status404NotFound : code;
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
        _ => "Other",
    };
}
