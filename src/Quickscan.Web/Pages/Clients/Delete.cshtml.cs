using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Clients;

/// <summary>Deleting a client asks first, and removes every scan and every response of it.</summary>
public sealed class DeleteModel(QuickscanDbContext db, CurrentUser user, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string Name { get; private set; } = "";

    public int Scans { get; private set; }

    public int Responses { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var client = await db.Organisations.AsNoTracking().VisibleTo(user).Where(o => o.Id == Id)
            .Select(o => new { o.Name, Scans = o.Scans.Count, Responses = db.Respondents.Count(r => r.Scan.OrganisationId == o.Id) })
            .SingleOrDefaultAsync();
        if (client is null)
            return NotFound();
        (Name, Scans, Responses) = (client.Name, client.Scans, client.Responses);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var client = await db.Organisations.VisibleTo(user).SingleOrDefaultAsync(o => o.Id == Id);
        if (client is null)
            return NotFound();
        // The database cascades: scans, their respondents, answers, scores, notes and assessments go too.
        db.Organisations.Remove(client);
        audit.Record(AuditActions.ClientDeleted, AuditEntities.Client, client.Id, client.Name);
        await db.SaveChangesAsync();
        return RedirectToPage("/Clients/Index");
    }
}
