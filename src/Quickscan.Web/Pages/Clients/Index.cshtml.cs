using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Clients;

public sealed record ScanSummary(Guid Id, string Title, ScanStatus Status, int Responses, int Submitted, DateTimeOffset? LastActivity, DateTimeOffset CreatedAt);

public sealed record ClientSummary(Guid Id, string Name, string? Sector, string? SizeClass, string? Owner, IReadOnlyList<ScanSummary> Scans);

/// <summary>The consultant's dashboard: their clients (an admin sees all) and each client's scans.</summary>
public sealed class IndexModel(QuickscanDbContext db, CurrentUser user) : PageModel
{
    public IReadOnlyList<ClientSummary> Clients { get; private set; } = [];

    public bool ShowOwner => user.IsAdmin;

    public async Task OnGetAsync()
    {
        var clients = await db.Organisations.AsNoTracking().VisibleTo(user)
            .OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.Sector,
                o.SizeClass,
                Owner = o.Owner == null ? null : o.Owner.DisplayName,
                Scans = o.Scans.OrderByDescending(s => s.CreatedAt).Select(s => new
                {
                    s.Id,
                    s.Title,
                    s.Status,
                    s.CreatedAt,
                    Responses = db.Respondents.Count(r => r.ScanId == s.Id),
                    Submitted = db.Respondents.Count(r => r.ScanId == s.Id && r.SubmittedAt != null),
                    LastActivity = db.Respondents.Where(r => r.ScanId == s.Id).Max(r => (DateTimeOffset?)r.LastActivityAt),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync();
        Clients = clients
            .Select(c => new ClientSummary(c.Id, c.Name, c.Sector, c.SizeClass, c.Owner,
                c.Scans.Select(s => new ScanSummary(s.Id, s.Title, s.Status, s.Responses, s.Submitted, s.LastActivity, s.CreatedAt)).ToList()))
            .ToList();
    }
}
