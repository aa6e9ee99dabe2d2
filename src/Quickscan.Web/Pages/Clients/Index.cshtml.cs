using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Clients;

public sealed record ScanSummary(Guid Id, string Title, ScanStatus Status, int Responses, int Submitted, DateTimeOffset? LastActivity, DateTimeOffset CreatedAt);

public sealed record ClientSummary(Guid Id, string Name, string? Sector, string? SizeClass, string? Owner, IReadOnlyList<ScanSummary> Scans);

/// <summary>Which clients the list shows: a part of the name, and the page (of <see cref="IndexModel.PageSize"/>).</summary>
public sealed class ClientFilter
{
    public string? Search { get; set; }
    public int Page { get; set; } = 1;
}

public sealed class ClientFilterValidator : AbstractValidator<ClientFilter>
{
    public ClientFilterValidator()
    {
        RuleFor(x => x.Search).MaximumLength(200).SingleLine();
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000);
    }
}

/// <summary>
/// The consultant's dashboard: their clients (an admin sees all) and each client's scans, a page at a time in
/// name order, so the page stays the same size however many clients the installation has.
/// </summary>
public sealed class IndexModel(QuickscanDbContext db, CurrentUser user, IValidator<ClientFilter> validator) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public ClientFilter Filter { get; set; } = new();

    public IReadOnlyList<ClientSummary> Clients { get; private set; } = [];

    /// <summary>Clients matching the filter, over all pages.</summary>
    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int FirstShown => Total == 0 ? 0 : (Filter.Page - 1) * PageSize + 1;

    public int LastShown => Math.Min(Total, Filter.Page * PageSize);

    public bool ShowOwner => user.IsAdmin;

    public async Task<IActionResult> OnGetAsync()
    {
        // A page number that is not a number fails binding; one out of range or a search with control characters fails the rules.
        if (ModelState.GetFieldValidationState("Filter.Page") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            || !(await validator.ValidateAsync(Filter)).IsValid)
            return BadRequest();
        var visible = db.Organisations.AsNoTracking().VisibleTo(user);
        if (Filter.Search?.Trim() is { Length: > 0 } search)
        {
            var lower = search.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(…) LIKE, the same on PostgreSQL and SQLite; no .NET culture applies
            visible = visible.Where(o => o.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        Total = await visible.CountAsync();
        // A page past the end (a client deleted meanwhile) shows the last one rather than nothing.
        Filter.Page = Math.Min(Filter.Page, Pages);
        var inFigures = db.Respondents.InFigures();
        var clients = await visible
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Skip((Filter.Page - 1) * PageSize).Take(PageSize)
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
                    Submitted = inFigures.Count(r => r.ScanId == s.Id),
                    LastActivity = db.Respondents.Where(r => r.ScanId == s.Id).Max(r => (DateTimeOffset?)r.LastActivityAt),
                }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync();
        Clients = clients
            .Select(c => new ClientSummary(c.Id, c.Name, c.Sector, c.SizeClass, c.Owner,
                c.Scans.Select(s => new ScanSummary(s.Id, s.Title, s.Status, s.Responses, s.Submitted, s.LastActivity, s.CreatedAt)).ToList()))
            .ToList();
        return Page();
    }

    /// <summary>The query string of another page of the same filter.</summary>
    public string PageQuery(int page) =>
        string.IsNullOrWhiteSpace(Filter.Search) ? $"?Filter.Page={page}" : $"?Filter.Search={Uri.EscapeDataString(Filter.Search)}&Filter.Page={page}";
}
