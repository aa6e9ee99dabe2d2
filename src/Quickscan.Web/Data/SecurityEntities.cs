namespace Quickscan.Web.Data;

/// <summary>
/// One signed-in browser. Its id is in the auth cookie and is checked on every request, so signing out
/// (which deletes the row) ends exactly this session at once, even for a copied cookie.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The admin's retention rules: one row (Id 1).</summary>
public sealed class RetentionPolicy
{
    public const int SingletonId = 1;
    public const int DefaultResponseDays = 365;

    public int Id { get; set; } = SingletonId;

    /// <summary>Days after a scan closes that its responses are kept, unless the scan sets its own period.</summary>
    public int ResponseDays { get; set; } = DefaultResponseDays;

    /// <summary>Days audit entries are kept; null keeps them for good.</summary>
    public int? AuditDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
