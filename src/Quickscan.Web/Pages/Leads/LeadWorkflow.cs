using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.SelfScan;

namespace Quickscan.Web.Pages.Leads;

/// <summary>A consultant (or admin) a lead can be assigned to, with the language of the emails they get.</summary>
public sealed record Assignee(Guid Id, string DisplayName, string Email, string Language = "nl");

public enum LeadOutcome
{
    Done,
    NotFound,
    NotAllowed,
    Conflict,
    Invalid,
}

/// <summary>
/// Every step of a lead, each saved together with its audit entry. Audit entries name the lead by id only:
/// a lead holds personal data that is deleted on request or after the retention period, and the log keeps no copy.
/// Who may do what: every consultant and admin sees new, unassigned leads and the leads assigned to them
/// (admins see all) and may assign those; only the assignee or an admin changes the status, converts or deletes.
/// </summary>
public sealed class LeadWorkflow(QuickscanDbContext db, AuditLog audit, CurrentUser user, UserManager<User> users, TimeProvider clock, Mailer mailer, PublicUrls links)
{
    public const string SystemActor = "Quickscan";

    /// <summary>The leads this user may see.</summary>
    public IQueryable<Lead> Visible() =>
        user.IsAdmin ? db.Leads : db.Leads.Where(l => l.AssignedToId == user.Id || l.AssignedToId == null);

    public bool CanHandle(Lead lead) => user.IsAdmin || lead.AssignedToId == user.Id;

    /// <summary>Active consultants and admins, by name.</summary>
    public async Task<IReadOnlyList<Assignee>> AssigneesAsync()
    {
        var people = (await users.GetUsersInRoleAsync(Roles.Consultant)).Concat(await users.GetUsersInRoleAsync(Roles.Admin));
        return people.Where(u => !u.IsDisabled).DistinctBy(u => u.Id)
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new Assignee(u.Id, u.DisplayName, u.Email ?? "", u.Language))
            .ToList();
    }

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
        // No summary: the trail says "lead" in the reader's language with a link; nothing of the prospect's is kept in it,
        // so a deletion on request leaves none of their data behind.
        audit.Record(AuditActions.LeadCreated, AuditEntities.Lead, lead.Id);
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    /// <summary>
    /// Assigns a lead to a consultant and, unless they assigned it to themselves or already had it, tells them by
    /// email; Notified says whether that email was queued.
    /// </summary>
    public async Task<(LeadOutcome Outcome, Assignee? To, bool Notified)> AssignAsync(Guid id, Guid consultantId, Guid version)
    {
        var lead = await Visible().SingleOrDefaultAsync(l => l.Id == id);
        if (lead is null)
            return (LeadOutcome.NotFound, null, false);
        if (lead.Version != version)
            return (LeadOutcome.Conflict, null, false);
        var assignees = await AssigneesAsync();
        var to = assignees.SingleOrDefault(a => a.Id == consultantId);
        if (to is null || lead.Status == LeadStatus.Converted)
            return (LeadOutcome.Invalid, null, false);
        var before = lead.AssignedToId;
        lead.AssignedToId = to.Id;
        lead.AssignedAt = clock.GetUtcNow();
        // Named, not by id: the trail shows who had it and who has it now.
        audit.Record(AuditActions.LeadAssigned, AuditEntities.Lead, lead.Id, null,
            before: before is { } previous ? assignees.FirstOrDefault(a => a.Id == previous)?.DisplayName ?? previous.ToString() : null, after: to.DisplayName);
        var outcome = await SaveAsync(lead);
        var notified = outcome == LeadOutcome.Done && to.Id != user.Id && to.Id != before && Notify(lead, to);
        return (outcome, to, notified);
    }

    /// <summary>
    /// The assignee's email: the organisation's name and a link to the lead, in their language. No name, address,
    /// phone or answers of the prospect: those stay behind the sign-in, where they can be deleted.
    /// </summary>
    private bool Notify(Lead lead, Assignee to)
    {
        if (!mailer.Enabled || string.IsNullOrEmpty(to.Email))
            return false;
        // The name was validated as one line of plain text, so it is safe in a subject line.
        var organisation = lead.OrganisationName;
        var link = links.Absolute($"/leads/{lead.Id}");
        return mailer.Enqueue(mailer.Texts(to.Language, text => new EmailMessage(to.Email, to.DisplayName,
            text["Email.Lead.Subject", organisation],
            string.Join("\n\n", text["Email.Greeting", to.DisplayName], text["Email.Lead.Body", user.Name, organisation], link, text["Email.Lead.Next"], text["Email.Signature"] + "\nQuickscan"))));
    }

    /// <summary>The lead this user may handle, as of the version their form showed; otherwise why not.</summary>
    private async Task<(Lead? Lead, LeadOutcome Refused)> HandleableAsync(Guid id, Guid version)
    {
        var lead = await Visible().SingleOrDefaultAsync(l => l.Id == id);
        if (lead is null)
            return (null, LeadOutcome.NotFound);
        if (!CanHandle(lead))
            return (null, LeadOutcome.NotAllowed);
        return lead.Version == version ? (lead, LeadOutcome.Done) : (null, LeadOutcome.Conflict);
    }

    /// <summary>New, contacted or closed; "converted" comes only with a conversion.</summary>
    public async Task<LeadOutcome> SetStatusAsync(Guid id, LeadStatus status, Guid version)
    {
        var (lead, refused) = await HandleableAsync(id, version);
        if (lead is null)
            return refused;
        if (status == LeadStatus.Converted || !Enum.IsDefined(status) || lead.Status == LeadStatus.Converted)
            return LeadOutcome.Invalid;
        audit.Record(AuditActions.LeadStatus, AuditEntities.Lead, lead.Id, null, before: lead.Status.ToString(), after: status.ToString());
        lead.Status = status;
        return await SaveAsync(lead);
    }

    /// <summary>
    /// The lead becomes a client of its assignee (or of whoever converts it) with a first draft scan on the newest
    /// quickscan version: name, sector and size from the request, the scan in the prospect's language first.
    /// </summary>
    public async Task<(LeadOutcome Outcome, Guid? ScanId)> ConvertAsync(Guid id, Guid version)
    {
        var (lead, refused) = await HandleableAsync(id, version);
        if (lead is null)
            return (refused, null);
        if (lead.Status == LeadStatus.Converted)
            return (LeadOutcome.Invalid, null);
        var versionId = await db.QuestionnaireVersions.AsNoTracking()
            .Where(v => v.Kind == QuestionnaireKind.Quickscan)
            .OrderByDescending(v => v.Version).ThenByDescending(v => v.Revision)
            .Select(v => (int?)v.Id).FirstOrDefaultAsync();
        if (versionId is null)
            return (LeadOutcome.Invalid, null);

        var now = clock.GetUtcNow();
        var client = new Organisation
        {
            Name = lead.OrganisationName,
            Sector = lead.Sector,
            SizeClass = lead.SizeClass,
            OwnerId = lead.AssignedToId ?? user.Id,
            CreatedAt = now,
        };
        var scan = new Scan
        {
            OrganisationId = client.Id,
            QuestionnaireVersionId = versionId.Value,
            Title = $"Quickscan {now.Year}",
            Status = ScanStatus.Draft,
            ShareToken = Tokens.New(),
            JoinCode = Tokens.NewJoinCode(),
            Languages = lead.Language == "en" ? "en,nl" : "nl,en",
            CreatedAt = now,
        };
        db.Organisations.Add(client);
        db.Scans.Add(scan);
        lead.Status = LeadStatus.Converted;
        lead.OrganisationId = client.Id;
        lead.AssignedToId ??= user.Id;
        audit.Record(AuditActions.ClientCreated, AuditEntities.Client, client.Id, client.Name);
        audit.Record(AuditActions.ScanCreated, AuditEntities.Scan, scan.Id, scan.Title);
        audit.Record(AuditActions.LeadConverted, AuditEntities.Lead, lead.Id, null, after: client.Id.ToString());
        var outcome = await SaveAsync(lead);
        return (outcome, outcome == LeadOutcome.Done ? scan.Id : null);
    }

    /// <summary>Deletes a lead on the prospect's request; the attached self-scan stays, anonymous again.</summary>
    public async Task<LeadOutcome> DeleteAsync(Guid id, Guid version)
    {
        var (lead, refused) = await HandleableAsync(id, version);
        if (lead is null)
            return refused;
        db.Leads.Remove(lead);
        audit.Record(AuditActions.LeadDeleted, AuditEntities.Lead, lead.Id);
        await db.SaveChangesAsync();
        return LeadOutcome.Done;
    }

    /// <summary>Deletes every lead untouched for the retention period; returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - retention;
        var expired = await db.Leads.Where(l => l.UpdatedAt < cutoff).ToListAsync(cancellationToken);
        foreach (var lead in expired)
        {
            db.Leads.Remove(lead);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = SystemActor, Action = AuditActions.LeadDeleted, EntityType = AuditEntities.Lead, EntityId = lead.Id.ToString(),
                Summary = $"retention period of {retention.TotalDays:0} days passed",
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    private async Task<LeadOutcome> SaveAsync(Lead lead)
    {
        lead.UpdatedAt = clock.GetUtcNow();
        lead.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync();
            return LeadOutcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LeadOutcome.Conflict;
        }
    }
}

/// <summary>Deletes leads past the retention period (setting SelfScan:LeadRetentionDays), once at start-up and then every six hours.</summary>
public sealed class LeadRetention(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SelfScanOptions> options, ILogger<LeadRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<LeadWorkflow>()
                    .PurgeAsync(TimeSpan.FromDays(options.Value.LeadRetentionDays), stoppingToken);
                if (deleted > 0)
                    logger.LogInformation("Deleted {Count} leads past the retention period", deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting leads past the retention period failed; trying again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
