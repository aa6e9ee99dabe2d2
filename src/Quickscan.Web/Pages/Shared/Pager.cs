namespace Quickscan.Web.Pages.Shared;

/// <summary>Previous / "page 2 of 7" / next under a paged list (_Pager.cshtml); nothing when everything fits on one page.</summary>
public sealed record PagerView(int Page, int Pages, string Label, Func<int, string> Url)
{
    /// <summary>The number of pages for this many items, at least one (an empty list is one empty page).</summary>
    public static int PagesFor(int count, int pageSize) => Math.Max(1, (count + pageSize - 1) / pageSize);
}
