using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Leads;

public sealed record LeadRow(Guid Id, DateTimeOffset CreatedAt, string OrganisationName, string Name, string? Sector, LeadStatus Status, string? AssignedTo);

/// <summary>The contact requests from the self-scan: new ones first, then by date; a filter per status.</summary>
public sealed class IndexModel(LeadWorkflow leads) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<LeadRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var query = leads.Visible().AsNoTracking();
        if (!string.IsNullOrEmpty(Status))
        {
            if (!Enum.TryParse<LeadStatus>(Status, ignoreCase: false, out var status) || !Enum.IsDefined(status) || status.ToString() != Status)
                return BadRequest();
            query = query.Where(l => l.Status == status);
        }

        Rows = await query
            .OrderBy(l => l.Status == LeadStatus.New ? 0 : 1).ThenByDescending(l => l.CreatedAt)
            .Select(l => new LeadRow(l.Id, l.CreatedAt, l.OrganisationName, l.Name, l.Sector, l.Status, l.AssignedTo == null ? null : l.AssignedTo.DisplayName))
            .Take(500)
            .ToListAsync();
        return Page();
    }
}
