namespace Quickscan.Web.Data;

/// <summary>
/// One anonymous answer to the public self-scan: no name, no email, no IP address. Found again only through
/// the secret in its result link (stored as a hash). Its scores form the self-scan population, which is never
/// mixed into the benchmark of real quickscans.
/// </summary>
public sealed class SelfScanResponse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion QuestionnaireVersion { get; set; } = null!;

    /// <summary>SHA-256 of the result token; the token itself is only in the visitor's result link.</summary>
    public required string ResultTokenHash { get; set; }

    public string Language { get; set; } = "nl";

    /// <summary>Optional, chosen by the visitor, to compare with organisations like theirs.</summary>
    public string? Sector { get; set; }

    public string? SizeClass { get; set; }

    /// <summary>The answers as form values ({"questionKey":"1".."5" | "dk" | optionKey}), for the lead's consultant.</summary>
    public required string AnswersJson { get; set; }

    public double? Index { get; set; }

    /// <summary>Condition and factor scores in the format of <see cref="ScoreSheetJson"/>.</summary>
    public required string ScoresJson { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}

public enum LeadStatus
{
    New,
    Contacted,
    Converted,
    Closed,
}

/// <summary>
/// A prospect's request for a personal quickscan, sent from a self-scan result with explicit consent. Personal
/// data: deleted on request and after the retention period; audit entries about it name no person.
/// </summary>
public sealed class Lead
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string OrganisationName { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public string? Sector { get; set; }
    public string? SizeClass { get; set; }
    public string? Message { get; set; }

    /// <summary>The language the request was made in; the prospect is answered in it.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>The consent text exactly as the prospect saw and ticked it.</summary>
    public required string ConsentText { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid? SelfScanResponseId { get; set; }
    public SelfScanResponse? SelfScanResponse { get; set; }

    public LeadStatus Status { get; set; }
    public Guid? AssignedToId { get; set; }
    public User? AssignedTo { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>The client this lead became.</summary>
    public Guid? OrganisationId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Changes with every change, so two people handling a lead at once can't overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>The longest values a contact request may hold; the validator and the columns use the same numbers.</summary>
public static class LeadLimits
{
    public const int Name = 200;
    public const int Organisation = 200;
    public const int Email = 254;
    public const int Phone = 40;
    public const int Message = 2000;
}
