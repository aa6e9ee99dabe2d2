using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quickscan.Web.Pages;

/// <summary>Unexpected errors: a generic page with the correlation id that is also on the log line.</summary>
[IgnoreAntiforgeryToken]
[Infrastructure.AnyHttpMethod]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string CorrelationId { get; private set; } = "";

    public void OnGet() => CorrelationId = HttpContext.TraceIdentifier;

    public void OnPost() => OnGet();

    /// <summary>Re-executed with the failed request's method: without a handler for it, show the page all the same.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null)
            OnGet();
    }
}
