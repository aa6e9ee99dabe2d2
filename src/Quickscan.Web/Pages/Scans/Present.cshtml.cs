using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// Presenter mode for a workshop, full screen on a projector: the join page (/scans/{id}/present: a
/// large QR code, the link, the scan's title and the live number of responses) and the results wall
/// (/scans/{id}/present/wall: counts, the radar and each condition's level). Both keep no state of
/// their own: each poll asks the database for the scan's score stamp (one query; 204 while nothing
/// changed), so any number of app instances behind a load balancer show the same. Without JavaScript
/// the page reloads itself every few seconds.
/// </summary>
public sealed class PresentModel(QuickscanDbContext db, ReportQuery query, ReportDocuments documents, CurrentUser user, PublicUrls urls) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public bool IsWall => View == "wall";

    public string Title { get; private set; } = "";

    public string ShareLink { get; private set; } = "";

    /// <summary>The short link (/j/K7M2-9QXD) that the wall shows and its QR code carries: readable from the back of a room.</summary>
    public string JoinLink { get; private set; } = "";

    public string Stamp { get; private set; } = "";

    public int Responses { get; private set; }

    /// <summary>The wall's sections (summary and profile) from the report document; null on the join page.</summary>
    public ReportPageView? Wall { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await LoadAsync() ? Page() : NotFound();

    /// <summary>For presenter.js: 204 while nothing new was submitted since <paramref name="since"/>, else the live part as a fragment.</summary>
    public async Task<IActionResult> OnGetLiveAsync(string? since)
    {
        Response.Headers.CacheControl = "no-store";
        var stamp = await query.StampAsync(Id, user, HttpContext.RequestAborted);
        if (stamp is null)
            return NotFound();
        if (since == stamp)
            return StatusCode(StatusCodes.Status204NoContent);
        return await LoadAsync() ? Partial("_PresentLive", this) : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (View is not (null or "wall"))
            return false;
        Response.Headers.CacheControl = "no-store";
        var scan = await db.Scans.AsNoTracking().VisibleTo(user).Where(s => s.Id == Id).Select(s => new { s.Title, s.ShareToken, s.JoinCode }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (scan is null)
            return false;
        Title = scan.Title;
        ShareLink = urls.Page(Url, "/Respond/Index", new { token = scan.ShareToken });
        var joinCode = await db.EnsureJoinCodeAsync(Id, scan.JoinCode, HttpContext.RequestAborted);
        JoinLink = urls.Page(Url, "/Respond/Join", new { code = Tokens.FormatJoinCode(joinCode) });
        if (IsWall)
        {
            var data = await query.ForConsultantAsync(Id, user, HttpContext.RequestAborted);
            if (data is null)
                return false;
            var document = documents.Build(data, Localization.CurrentLanguage);
            Wall = new ReportPageView(document with { Sections = document.Sections.Where(s => s.Id is "summary" or "profile").ToList() }, CanEdit: false);
            Stamp = data.Stamp;
            Responses = data.Result.Respondents;
        }
        else
        {
            Stamp = await query.StampAsync(Id, user, HttpContext.RequestAborted) ?? "";
            Responses = await db.Respondents.InFigures().CountAsync(r => r.ScanId == Id && r.Score != null, HttpContext.RequestAborted);
        }

        return true;
    }
}
