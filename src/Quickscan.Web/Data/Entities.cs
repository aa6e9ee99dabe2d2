namespace Quickscan.Web.Data;

/// <summary>A client organisation whose internal communities are scanned.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Sector { get; set; }
    public string? SizeClass { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Scan> Scans { get; } = [];
}

/// <summary>A published questionnaire definition. Immutable once stored: a scan always scores against the version it was answered on.</summary>
public sealed class QuestionnaireVersion
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

public enum ScanStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>One quickscan of an organisation, answered by its employees through a shared link.</summary>
public sealed class Scan
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion QuestionnaireVersion { get; set; } = null!;
    public required string Title { get; set; }
    public string? WelcomeText { get; set; }
    public ScanStatus Status { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>The secret in the share link (/s/{token}); 192 random bits, URL-safe.</summary>
    public required string ShareToken { get; set; }

    public bool ShowRespondentResult { get; set; } = true;
    public int AnonymityThreshold { get; set; } = 5;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether respondents can answer now.</summary>
    public bool IsAnswerable(DateTimeOffset now) =>
        Status == ScanStatus.Open && (OpensAt is null || OpensAt <= now) && (ClosesAt is null || now < ClosesAt);
}

/// <summary>An anonymous respondent: no name, no email; found again only through their resume token.</summary>
public sealed class Respondent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScanId { get; set; }
    public Scan Scan { get; set; } = null!;

    /// <summary>SHA-256 of the resume token; the token itself is only in the respondent's cookie and link.</summary>
    public required string ResumeTokenHash { get; set; }

    public string Language { get; set; } = "nl";
    public string? RoleGroup { get; set; }
    public string? Department { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public List<RespondentAnswer> Answers { get; } = [];
    public RespondentScore? Score { get; set; }
}

/// <summary>One stored answer. Exactly one of the value columns is set, unless DontKnow.</summary>
public sealed class RespondentAnswer
{
    public Guid RespondentId { get; set; }
    public required string QuestionKey { get; set; }
    public int? ScaleValue { get; set; }
    public string? OptionKey { get; set; }
    public string? Text { get; set; }
    public bool DontKnow { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>A submitted respondent's scores, stored so reports aggregate without loading answers.</summary>
public sealed class RespondentScore
{
    public Guid RespondentId { get; set; }
    public Guid ScanId { get; set; }
    public string? RoleGroup { get; set; }
    public double? Index { get; set; }

    /// <summary>Condition and factor scores as JSON: {"conditions":{key:score|null}, "factors":{key:score|null}}.</summary>
    public required string ScoresJson { get; set; }

    public DateTimeOffset ScoredAt { get; set; }
}
