using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Retention;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Retention;

public sealed class RetentionInput
{
    /// <summary>Days after a scan closes that its responses are kept (unless the scan sets its own).</summary>
    public int? ResponseDays { get; set; }

    /// <summary>Days audit entries are kept; empty keeps them for good.</summary>
    public int? AuditDays { get; set; }
}

public sealed class RetentionInputValidator : AbstractValidator<RetentionInput>
{
    public RetentionInputValidator()
    {
        RuleFor(x => x.ResponseDays).NotNull().Must(d => d is { } days && RetentionRules.IsAllowed(days));
        RuleFor(x => x.AuditDays).Must(d => d is null || RetentionRules.IsAllowed(d.Value));
    }
}

/// <summary>The admin's retention periods: the default for scans' responses, and the audit trail's.</summary>
public sealed class IndexModel(QuickscanDbContext db, AuditLog audit, TimeProvider clock, IValidator<RetentionInput> validator) : PageModel
{
    [BindProperty]
    public RetentionInput Input { get; set; } = new();

    public IReadOnlyList<string> Invalid { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync([FromQuery] bool saved = false)
    {
        var policy = await db.PolicyAsync();
        Input = new RetentionInput { ResponseDays = policy.ResponseDays, AuditDays = policy.AuditDays };
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A value that is not a number ("abc") fails binding and leaves the field empty: that is invalid too, not "keep for good".
        var unbound = ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key.Replace("Input.", "", StringComparison.Ordinal));
        var validation = await validator.ValidateAsync(Input);
        Invalid = validation.Errors.Select(e => e.PropertyName).Concat(unbound).Distinct().ToList();
        if (Invalid.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(SaveAsync);
        return RedirectToPage(new { saved = true });
    }

    private async Task SaveAsync()
    {
        db.ChangeTracker.Clear();
        var policy = await db.RetentionPolicies.SingleOrDefaultAsync(p => p.Id == RetentionPolicy.SingletonId);
        var before = policy is null ? Describe(RetentionPolicy.DefaultResponseDays, null) : Describe(policy.ResponseDays, policy.AuditDays);
        if (policy is null)
        {
            policy = new RetentionPolicy();
            db.RetentionPolicies.Add(policy);
        }

        policy.ResponseDays = Input.ResponseDays!.Value;
        policy.AuditDays = Input.AuditDays;
        policy.UpdatedAt = clock.GetUtcNow();
        audit.Record(AuditActions.RetentionChanged, AuditEntities.Retention, RetentionPolicy.SingletonId, before: before, after: Describe(policy.ResponseDays, policy.AuditDays));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another admin saved the first policy at the same moment: theirs stands, save ours over it.
            db.ChangeTracker.Clear();
            await SaveAsync();
        }
    }

    private static string Describe(int responseDays, int? auditDays) => $"responses {responseDays} days, audit {(auditDays is { } d ? $"{d} days" : "kept")}";
}
