using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Adds audit entries to the unit of work: they are saved by the same SaveChanges as the change they
/// describe, so there is never a change without its entry, or an entry without its change.
/// </summary>
public sealed class AuditLog(QuickscanDbContext db, CurrentUser user, TimeProvider clock)
{
    public void Record(string action, string entityType, object entityId, string? summary = null, string? before = null, string? after = null) =>
        RecordAs(user.Id == Guid.Empty ? null : user.Id, user.Name, action, entityType, entityId, summary, before, after);

    /// <summary>For events with no signed-in user to name (signing in, background services): the actor is given.</summary>
    public void RecordAs(Guid? actorId, string actorName, string action, string entityType, object entityId, string? summary = null, string? before = null, string? after = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = actorId,
            UserName = actorName is { Length: > 256 } ? actorName[..256] : actorName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Summary = summary is { Length: > 500 } ? summary[..500] : summary,
            Before = before,
            After = after,
        });
}
