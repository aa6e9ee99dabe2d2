using Microsoft.AspNetCore.Mvc.Filters;

namespace Quickscan.Web.Pages.Sponsor;

/// <summary>
/// The sponsor's pages are reached by a secret link: not for search engines or shared caches, whatever they answer
/// (a 404 for a revoked link too). Applied to the folder in Program.cs.
/// </summary>
public sealed class SecretLinkHeaders : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-cache, no-store";
        context.HttpContext.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
