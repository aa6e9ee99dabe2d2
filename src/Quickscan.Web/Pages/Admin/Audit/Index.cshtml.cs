using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Audit;

public sealed class AuditFilter
{
    public string? User { get; set; }
    public string? Action { get; set; }
    public string? Entity { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public int Page { get; set; } = 1;
}

public sealed class AuditFilterValidator : AbstractValidator<AuditFilter>
{
    public AuditFilterValidator()
    {
        RuleFor(x => x.User).MaximumLength(256).SingleLine();
        RuleFor(x => x.Action).MaximumLength(60).SingleLine();
        RuleFor(x => x.Entity).MaximumLength(60).SingleLine();
        RuleFor(x => x.From).PlausibleDate();
        RuleFor(x => x.To).PlausibleDate();
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000);
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null);
    }
}

/// <summary>The audit trail: who changed which text, published, created, closed, reopened or deleted what, and who changed users; filterable.</summary>
public sealed class IndexModel(QuickscanDbContext db, AppTime time, IValidator<AuditFilter> validator) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!(await validator.ValidateAsync(Filter)).IsValid)
            return BadRequest();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Filter.User))
            query = query.Where(a => a.UserName.Contains(Filter.User.Trim()));
        if (!string.IsNullOrWhiteSpace(Filter.Action))
            query = query.Where(a => a.Action == Filter.Action);
        if (!string.IsNullOrWhiteSpace(Filter.Entity))
            query = query.Where(a => a.EntityType == Filter.Entity);
        if (Filter.From is { } from)
        {
            var start = time.ToUtc(from.Date);
            query = query.Where(a => a.At >= start);
        }

        if (Filter.To is { } to)
        {
            var end = time.ToUtc(to.Date.AddDays(1));
            query = query.Where(a => a.At < end);
        }
        var page = await query.OrderByDescending(a => a.Id).Skip((Filter.Page - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        HasMore = page.Count > PageSize;
        Entries = page.Take(PageSize).ToList();
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync();
        EntityTypes = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(a => a).ToListAsync();
        return Page();
    }
}
