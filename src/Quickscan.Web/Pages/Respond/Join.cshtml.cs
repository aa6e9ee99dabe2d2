using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The short link from a projector or a slide (/j/K7M2-9QXD, typed in any case, with or without the dash):
/// sends the phone on to the scan's share link. A code dies with the share link it was made with.
/// </summary>
public sealed class JoinModel(QuickscanDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (Tokens.NormaliseJoinCode(code) is not { } joinCode)
            return NotFound();
        var shareToken = await db.Scans.AsNoTracking().Where(s => s.JoinCode == joinCode).Select(s => s.ShareToken).SingleOrDefaultAsync(HttpContext.RequestAborted);
        return shareToken is null ? NotFound() : RedirectToPage("/Respond/Index", new { token = shareToken });
    }
}

public static class JoinCodes
{
    /// <summary>
    /// The scan's join code, made now for a scan from before join codes existed. Concurrent first views agree:
    /// only the first write lands, the others read what it wrote.
    /// </summary>
    public static async Task<string> EnsureJoinCodeAsync(this QuickscanDbContext db, Guid scanId, string? current, CancellationToken cancellationToken)
    {
        if (current is not null)
            return current;
        var code = Tokens.NewJoinCode();
        await db.Scans.Where(s => s.Id == scanId && s.JoinCode == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.JoinCode, code), cancellationToken);
        return await db.Scans.Where(s => s.Id == scanId).Select(s => s.JoinCode).SingleAsync(cancellationToken) ?? code;
    }
}
