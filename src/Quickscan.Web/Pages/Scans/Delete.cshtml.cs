using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans;

/// <summary>Deleting a scan asks first, and removes every response of it.</summary>
public sealed class DeleteModel(QuickscanDbContext db, CurrentUser user, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Title { get; private set; } = "";

    public int Responses { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var scan = await db.Scans.AsNoTracking().VisibleTo(user).Where(s => s.Id == Id)
            .Select(s => new { s.Title, Responses = db.Respondents.Count(r => r.ScanId == s.Id) })
            .SingleOrDefaultAsync();
        if (scan is null)
            return NotFound();
        (Title, Responses) = (scan.Title, scan.Responses);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var scan = await db.Scans.VisibleTo(user).SingleOrDefaultAsync(s => s.Id == Id);
        if (scan is null)
            return NotFound();
        // The database cascades: respondents, answers, scores, notes and assessments go too.
        db.Scans.Remove(scan);
        audit.Record(AuditActions.ScanDeleted, AuditEntities.Scan, scan.Id, scan.Title);
        await db.SaveChangesAsync();
        return RedirectToPage("/Clients/Index");
    }
}
