using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quickscan.Web.Pages;

/// <summary>The page for every 4xx status code, in the user's language (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
[Infrastructure.AnyHttpMethod]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    /// <summary>Why, when the code alone doesn't say it (control characters in a 400).</summary>
    public string? Reason { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    /// <summary>Re-executed with the failed request's method (PUT, DELETE, ...): without a handler for it, show the page all the same.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null)
            context.Result = Show();
    }

    /// <summary>
    /// The code comes from the re-execution, never from the request (a POST's body may be the very thing
    /// that was refused, so nothing is bound from it). A direct visit is a plain 404.
    /// </summary>
    private PageResult Show()
    {
        Code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        Reason = Infrastructure.RequestHygiene.StatusReason(HttpContext);
        return Page();
    }

    public string Kind => Code switch
    {
        400 when Reason == Infrastructure.RequestHygiene.ControlCharactersReason => "ControlCharacters",
        400 => "BadRequest",
        404 => "NotFound",
        409 => "Conflict",
        405 => "MethodNotAllowed",
        410 => "Gone",
        413 => "TooLarge",
        429 => "TooMany",
        _ => "Other",
    };
}
