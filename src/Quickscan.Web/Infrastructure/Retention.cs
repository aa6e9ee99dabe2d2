using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quickscan.Domain.Retention;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>Section "Retention": the background pass (the periods themselves are the admin's, in the database).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Run the pass in the background; off in the tests, which run passes themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between two passes.</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>What one pass did.</summary>
public sealed record RetentionOutcome(IReadOnlyList<Guid> ScansCleared, int RespondentsDeleted, int AuditEntriesDeleted);

/// <summary>
/// One retention pass: deletes the responses (respondents, answers, scores) of every scan closed longer than its
/// period (its own, or the admin's default), keeping the scan with its report notes, next steps and expert
/// assessment; records the deletion on the scan and in the audit trail; deletes audit entries older than the audit
/// period; sweeps the results-version slots of deleted scans. Safe with several instances: each scan is claimed by one conditional UPDATE in the transaction that
/// deletes its responses, so only one instance wins it; deleting old audit entries twice deletes nothing twice.
/// </summary>
public sealed class RetentionPass(QuickscanDbContext db, TimeProvider clock, ILogger<RetentionPass> logger)
{
    public const string Actor = "Quickscan";

    public const string ResponsesDeletedAction = AuditActions.ScanResponsesDeleted;

    public const string AuditPurgedAction = AuditActions.AuditPurged;

    public async Task<RetentionOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var policy = await db.PolicyAsync(cancellationToken);

        // The candidates are few (scans that stopped taking responses); the rule is applied here, not in SQL.
        var candidates = await db.Scans.AsNoTracking()
            .Where(s => (s.Status == ScanStatus.Closed && s.ClosedAt != null) || (s.Status == ScanStatus.Open && s.ClosesAt != null && s.ClosesAt <= now))
            .Select(s => new { s.Id, s.Title, s.Status, s.ClosedAt, s.ClosesAt, s.RetentionDays, s.ResponsesDeletedAt })
            .ToListAsync(cancellationToken);
        var cleared = new List<Guid>();
        var respondents = 0;
        foreach (var scan in candidates)
        {
            var days = scan.RetentionDays ?? policy.ResponseDays;
            var closedSince = RetentionRules.ClosedSince(scan.Status == ScanStatus.Open, scan.Status == ScanStatus.Closed, scan.ClosedAt, scan.ClosesAt, now);
            if (!RetentionRules.ResponsesDue(closedSince, days, scan.ResponsesDeletedAt, now))
                continue;
            var deleted = await DeleteResponsesAsync(scan.Id, scan.Title, closedSince!.Value, days, scan.RetentionDays is null, now, cancellationToken);
            if (deleted is { } count)
            {
                cleared.Add(scan.Id);
                respondents += count;
            }
        }

        var auditDeleted = policy.AuditDays is { } auditDays ? await PurgeAuditAsync(auditDays, now, cancellationToken) : 0;
        // A deleted scan's results-version slots (ScanResultCounter has no foreign key: its scores' trigger still counts
        // while the scan's deletion cascades). Counts only, no personal data; swept so they don't pile up.
        await db.ScanResultCounters.Where(c => !db.Scans.Any(s => s.Id == c.ScanId)).ExecuteDeleteAsync(cancellationToken);
        if (cleared.Count > 0 || auditDeleted > 0)
            logger.LogInformation("Retention: responses of {Scans} scans deleted ({Respondents} respondents), {AuditEntries} audit entries deleted",
                cleared.Count, respondents, auditDeleted);
        return new RetentionOutcome(cleared, respondents, auditDeleted);
    }

    /// <summary>The number of respondents deleted, or null when another instance (or an earlier pass) got there first.</summary>
    private Task<int?> DeleteResponsesAsync(Guid scanId, string title, DateTimeOffset closedSince, int days, bool defaultPeriod, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim: the row lock makes a second instance wait here, and then see the deletion and skip.
            var claimed = await db.Scans
                .Where(s => s.Id == scanId && (s.ResponsesDeletedAt == null || s.ResponsesDeletedAt < closedSince))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResponsesDeletedAt, now), cancellationToken);
            if (claimed == 0)
                return (int?)null;
            var respondents = db.Respondents.Where(r => r.ScanId == scanId);
            await db.RespondentScores.Where(x => x.ScanId == scanId || respondents.Any(r => r.Id == x.RespondentId)).ExecuteDeleteAsync(cancellationToken);
            await db.RespondentAnswers.Where(a => respondents.Any(r => r.Id == a.RespondentId)).ExecuteDeleteAsync(cancellationToken);
            var count = await respondents.ExecuteDeleteAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                UserName = Actor,
                Action = ResponsesDeletedAction,
                EntityType = AuditEntities.Scan,
                EntityId = scanId.ToString(),
                Summary = Truncate($"{title}: {count} responses deleted, {days} days after closing on {closedSince:yyyy-MM-dd} ({(defaultPeriod ? "default" : "the scan's own")} retention period)"),
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return count;
        });

    private async Task<int> PurgeAuditAsync(int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-days);
        var deleted = await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            // The purge itself stays on record (until it is old enough to go too).
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = Actor, Action = AuditPurgedAction, EntityType = AuditEntities.Audit, EntityId = "-",
                Summary = $"{deleted} entries older than {days} days deleted (audit retention period)",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return deleted;
    }

    private static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}

/// <summary>Runs the retention pass a minute after start and then every interval (setting Retention:IntervalMinutes), on the app's clock.</summary>
public sealed class RetentionWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        try
        {
            // Not during start-up: the app is ready first, and migrations have run.
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)), clock);
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionPass>().RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The retention pass failed; trying again at the next interval");
        }
    }
}

public static class RetentionSetup
{
    public static IServiceCollection AddQuickscanRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.IntervalMinutes > 0, "Retention:IntervalMinutes must be a positive number of minutes.").ValidateOnStart();
        services.AddScoped<RetentionPass>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }

    /// <summary>The admin's policy, or the defaults while the admin has not set one.</summary>
    public static async Task<RetentionPolicy> PolicyAsync(this QuickscanDbContext db, CancellationToken cancellationToken = default) =>
        await db.RetentionPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == RetentionPolicy.SingletonId, cancellationToken) ?? new RetentionPolicy();
}
