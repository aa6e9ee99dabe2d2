namespace Quickscan.Domain.Retention;

/// <summary>How long a scan's responses and the audit trail are kept.</summary>
public static class RetentionRules
{
    /// <summary>
    /// The bounds of a retention period in days: a month at least (time to report and discuss), ten years at
    /// most (beyond that a period is a typo, not a policy).
    /// </summary>
    public const int MinDays = 30;

    public const int MaxDays = 3650;

    public static bool IsAllowed(int days) => days is >= MinDays and <= MaxDays;

    /// <summary>
    /// Since when a scan no longer takes responses: when it was closed, or its closing date for an open scan
    /// whose closing date has passed; null while it can still take responses (or never opened).
    /// </summary>
    public static DateTimeOffset? ClosedSince(bool isOpen, bool isClosed, DateTimeOffset? closedAt, DateTimeOffset? closesAt, DateTimeOffset now) =>
        isClosed ? closedAt
        : isOpen && closesAt is { } closes && closes <= now ? closes
        : null;

    /// <summary>
    /// Whether the responses are due for deletion: closed longer than the period, and not deleted since that
    /// closing (a scan reopened after a deletion and closed again is due again once its new period passes).
    /// </summary>
    public static bool ResponsesDue(DateTimeOffset? closedSince, int days, DateTimeOffset? deletedAt, DateTimeOffset now) =>
        closedSince is { } closed && closed.AddDays(days) <= now && (deletedAt is null || deletedAt < closed);
}
