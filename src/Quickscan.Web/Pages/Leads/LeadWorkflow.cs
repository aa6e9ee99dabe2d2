using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.SelfScan;

namespace Quickscan.Web.Pages.Leads;

/// <summary>
/// Every step of a lead, each saved together with its audit entry. Audit entries name the lead by id only:
/// a lead holds personal data that is deleted on request or after the retention period, and the log keeps no copy.
/// </summary>
public sealed class LeadWorkflow(QuickscanDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>A new lead from a validated contact request, with the consent text as the prospect saw it.</summary>
    public async Task<Lead> CreateAsync(ContactInput input, Guid selfScanId, Language language, string consentText, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var lead = new Lead
        {
            Name = input.Name.Trim(),
            OrganisationName = input.Organisation.Trim(),
            Email = input.Email.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
            Sector = string.IsNullOrEmpty(input.Sector) ? null : input.Sector,
            SizeClass = string.IsNullOrEmpty(input.SizeClass) ? null : input.SizeClass,
            Message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim(),
            Language = language.Code(),
            ConsentText = consentText,
            CreatedAt = now,
            UpdatedAt = now,
            SelfScanResponseId = selfScanId,
            Status = LeadStatus.New,
        };
        db.Leads.Add(lead);
        audit.Record("lead.created", "lead", lead.Id, "contact request from a self-scan");
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }
}
