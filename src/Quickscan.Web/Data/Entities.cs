using Microsoft.AspNetCore.Identity;

namespace Quickscan.Web.Data;

/// <summary>A consultant or admin. Respondents never have an account.</summary>
public sealed class User : IdentityUser<Guid>
{
    public User() => Id = Guid.CreateVersion7();

    public required string DisplayName { get; set; }

    /// <summary>Set when an admin hands out a temporary password: the user must choose a new one at sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled user can't sign in; their clients and scans stay as they are.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language of the emails the user gets ("nl" or "en"): the one they last signed in with.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>The time step of the last authenticator code accepted, so that no code works twice.</summary>
    public long? LastAuthenticatorStep { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Consultant = "Consultant";

    public static IReadOnlyList<string> All { get; } = [Admin, Consultant];
}

/// <summary>A client organisation whose internal communities are scanned, owned by one consultant.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Sector { get; set; }
    public string? SizeClass { get; set; }
    public Guid? OwnerId { get; set; }
    public User? Owner { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Scan> Scans { get; } = [];

    /// <summary>Changed on every save of the client's form: two people editing at once, the second is told instead of overwriting.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A published questionnaire definition. Immutable once stored: a scan always scores against the version it was answered on.</summary>
public sealed class QuestionnaireVersion
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public int Version { get; set; }

    /// <summary>0 for a version; 1, 2, … for wording-only revisions of it, which scans on the version may adopt.</summary>
    public int Revision { get; set; }

    public required string DefinitionJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>From the definition: a quickscan version is offered for scans, a self-scan version only on the public self-scan.</summary>
    public Domain.Questionnaires.QuestionnaireKind Kind { get; set; }

    public string Label => Revision == 0 ? $"v{Version}" : $"v{Version}.{Revision}";
}

/// <summary>A questionnaire being edited by admins. Every save is kept as a revision, so a conflicting save can say what the other admin changed.</summary>
public sealed class QuestionnaireDraft
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }

    /// <summary>The published version this draft started from; null for an imported file.</summary>
    public int? BasedOnVersionId { get; set; }

    public QuestionnaireVersion? BasedOnVersion { get; set; }
    public required string DefinitionJson { get; set; }

    /// <summary>Goes up by one with every save; also the concurrency token.</summary>
    public int Revision { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One saved state of a draft.</summary>
public sealed class QuestionnaireDraftRevision
{
    public Guid DraftId { get; set; }
    public int Revision { get; set; }
    public required string DefinitionJson { get; set; }
    public required string SavedBy { get; set; }
    public DateTimeOffset SavedAt { get; set; }
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

    /// <summary>
    /// The short code of the share link for a projector or a slide (/j/K7M2-9QXD redirects to /s/{ShareToken}):
    /// eight characters without look-alikes, made with the share link and renewed with it. Null on scans from before
    /// it existed until their join page is first shown.
    /// </summary>
    public string? JoinCode { get; set; }

    public bool ShowRespondentResult { get; set; } = true;
    public int AnonymityThreshold { get; set; } = 5;

    /// <summary>The languages respondents may choose, as codes separated by commas ("nl,en").</summary>
    public string Languages { get; set; } = "nl,en";

    /// <summary>The secret of the client sponsor's read-only report link; null when there is none (or it was revoked).</summary>
    public string? ReportToken { get; set; }

    /// <summary>
    /// The owner intake's own link (/s/{IntakeToken}), for the platform's owner team; null until the consultant makes
    /// one. It asks the facts (goals, KPIs, budget, governance) that the employee link does not.
    /// </summary>
    public string? IntakeToken { get; set; }

    /// <summary>A trial or demonstration run: it never enters a benchmark or the state of affairs.</summary>
    public bool IsTest { get; set; }

    /// <summary>The platform's name as the client calls it ("Viva Engage"), put into every questionnaire text; null: the questionnaire's generic name.</summary>
    public string? PlatformName { get; set; }

    /// <summary>
    /// The consultant's choice to leave responses flagged for straight-lining or answering too fast out of every
    /// figure (<see cref="ResponseFigures"/>); off, they count but the report still counts them separately.
    /// </summary>
    public bool ExcludeFlagged { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>
    /// The consultant's headcounts per department and per role group, for the report's response rates, as JSON
    /// ({"departments":{name:count},"roleGroups":{key:count}}, see Pages/Reports/ReportHeadcounts); null until entered.
    /// </summary>
    public string? HeadcountsJson { get; set; }

    /// <summary>Days after closing that the responses are kept; null means the admin's default (<see cref="RetentionPolicy"/>).</summary>
    public int? RetentionDays { get; set; }

    /// <summary>When the retention service deleted the responses; null while they are kept.</summary>
    public DateTimeOffset? ResponsesDeletedAt { get; set; }

    /// <summary>Changes with every edit of the scan's settings, so two edits can't silently overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// With the scan's <see cref="ScanResultCounter"/> slots, its results version: moves
    /// on with every change to what the scan's figures are computed from. This part is bumped by a database trigger
    /// when the scan's own choice to exclude flagged responses or its questionnaire version changes; a score stored,
    /// changed or deleted and a respondent's counted or flagged marks go to the slots. In the same transaction as the
    /// change (migrations ResultsVersion, ScanResultCounters), so no code path can forget it: the report's live poll
    /// and the kept <see cref="ScanSummary"/> rows compare against it.
    /// </summary>
    public long ResultsVersion { get; set; }

    /// <summary>Whether respondents can answer now.</summary>
    public bool IsAnswerable(DateTimeOffset now) => IsAnswerable(Status, OpensAt, ClosesAt, now);

    /// <summary>The one rule for when a share link works: open, and within its opening and closing dates.</summary>
    public static bool IsAnswerable(ScanStatus status, DateTimeOffset? opensAt, DateTimeOffset? closesAt, DateTimeOffset now) =>
        status == ScanStatus.Open && (opensAt is null || opensAt <= now) && (closesAt is null || now < closesAt);
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

    /// <summary>Whether the respondent answered through the link, or a consultant entered an interview.</summary>
    public RespondentSource Source { get; set; } = RespondentSource.Link;

    /// <summary>The way in: the employee survey, or the owner intake (its link, or an intake interview).</summary>
    public Domain.Scoring.Track Track { get; set; } = Domain.Scoring.Track.Survey;

    public string? RoleGroup { get; set; }
    public string? Department { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// Set at submit: false when fewer than the questionnaire's minimum share (a quarter) of the questions shown
    /// were answered (ResponseQuality.IsCounted). The respondent confirmed; the response is kept but is in no figure.
    /// </summary>
    public bool Counted { get; set; } = true;

    /// <summary>Set at submit: the same answer on every agreement question (ResponseQuality.IsStraightLining).</summary>
    public bool StraightLining { get; set; }

    /// <summary>Set at submit: faster than plausible from start to submit (ResponseQuality.IsTooFast).</summary>
    public bool TooFast { get; set; }

    public List<RespondentAnswer> Answers { get; } = [];
    public RespondentScore? Score { get; set; }
}

public enum RespondentSource
{
    Link,
    Interview,
}

/// <summary>The consultant's own judgement of a condition, shown in the report beside the respondents' view.</summary>
public sealed class ExpertAssessment
{
    public Guid ScanId { get; set; }
    public required string ConditionKey { get; set; }
    public int Level { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The consultant's note on a condition for the client; part of the report.</summary>
public sealed class ReportNote
{
    public Guid ScanId { get; set; }
    public required string ConditionKey { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A next step as the consultant edited it for the client. Until the consultant edits anything, a report
/// shows the generated steps; the first edit copies them here, and from then on these rows are the list.
/// </summary>
public sealed class ReportNextStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScanId { get; set; }
    public int Position { get; set; }
    public string? ConditionKey { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public string? Why { get; set; }

    /// <summary>
    /// The English texts of a step that is in both languages (a generated step, copied at the first edit); then
    /// Title, Text and Why are the Dutch ones. Null when the consultant wrote the text: it is in Language only.
    /// </summary>
    public string? TitleEn { get; set; }
    public string? TextEn { get; set; }
    public string? WhyEn { get; set; }

    /// <summary>"nl" or "en": the language the consultant wrote this step in; null for a step in both languages.</summary>
    public string? Language { get; set; }

    /// <summary>Who at the client takes the step on (free text, e.g. "HR director"); part of the roadmap.</summary>
    public string? Owner { get; set; }

    /// <summary>Within how many days the step should be done (30, 60, 90, …); null when open.</summary>
    public int? HorizonDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One stored answer. Exactly one of the value columns is set, unless DontKnow or NotApplicable. Rows from before
/// the two were told apart have DontKnow for both; they read as "don't know".
/// </summary>
public sealed class RespondentAnswer
{
    public Guid RespondentId { get; set; }
    public required string QuestionKey { get; set; }
    public int? ScaleValue { get; set; }
    public string? OptionKey { get; set; }
    public string? Text { get; set; }
    public bool DontKnow { get; set; }
    public bool NotApplicable { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>
/// An open answer the consultant hid from the report's quotes: never on the sponsor's view or in the PDF; the
/// consultant still sees it, marked, with an undo. One row per answer (its key), so a double post adds one row;
/// deleted with the respondent.
/// </summary>
public sealed class HiddenQuote
{
    public Guid RespondentId { get; set; }
    public required string QuestionKey { get; set; }
    public Guid ScanId { get; set; }
    public DateTimeOffset HiddenAt { get; set; }
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

/// <summary>
/// A scan's figures as other scans' reports (the benchmark, the rescan comparison) and the state of affairs use them,
/// computed once from its stored scores for one <see cref="Scan.ResultsVersion"/> (when the scan closes, or on the
/// first read after a change) and shared by every app instance, so those pages never read other scans' score rows.
/// A row whose ResultsVersion is behind its scan's is stale and is recomputed on the next read.
/// </summary>
public sealed class ScanSummary
{
    public Guid ScanId { get; set; }
    public long ResultsVersion { get; set; }
    public int QuestionnaireVersionId { get; set; }

    /// <summary>Respondents in the figures with a stored score, and how many of them are owner intakes.</summary>
    public int Scores { get; set; }
    public int Intakes { get; set; }

    /// <summary>Condition and factor scores, condition levels and the bottleneck as JSON (<see cref="ScanSummaryJson"/>).</summary>
    public required string FiguresJson { get; set; }

    /// <summary>
    /// The scan's whole result for its own report (<see cref="ScanResultJson"/>), aggregated with this anonymity
    /// threshold (which only decides which role groups are shown): a report without its in-memory cache, or on
    /// another instance, reads it instead of every score row while ResultsVersion and the threshold still match.
    /// </summary>
    public required string ResultJson { get; set; }

    /// <summary>
    /// The instrument's counts of the same respondents' answers (<see cref="Domain.Scoring.InstrumentFigures"/>, no
    /// answer text), written with ResultJson by the scan's own report; empty when the row was written without them.
    /// </summary>
    public string InstrumentJson { get; set; } = "";

    /// <summary>
    /// Per open question of the same respondents how many answered and who wrote the first ones in the report's order
    /// (<see cref="KeptQuotes"/>: ids, no answer text), written with InstrumentJson; empty when written without them.
    /// </summary>
    public string QuotesJson { get; set; } = "";

    public int AnonymityThreshold { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>
/// The state of affairs as last summarised (both populations' groups, <see cref="Pages.Admin.State.StateQuery"/>),
/// with the stamp of everything it was computed from: while the stamp still matches, the page reads this one row
/// instead of every closed scan's summary and every self-scan's scores, on every app instance and with the
/// in-memory cache off. One row per kind of snapshot (Key).
/// </summary>
public sealed class StateSnapshot
{
    public required string Key { get; set; }
    public required string Stamp { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>
/// Part of a scan's results version that changes of its responses move on: database triggers add the number of
/// changed score rows or marks to one of 16 slots per scan (by transaction), so submissions to one scan at the same
/// moment don't queue on one row (as they would on a counter in the scan's row, each holding its lock through its
/// commit). A scan's results version is <see cref="Scan.ResultsVersion"/> plus the sum of its slots, read in one
/// indexed query: it only grows, and every committed change makes it grow. No foreign key: a
/// scan's deletion deletes its scores, whose trigger still counts; the few rows left behind are harmless.
/// </summary>
public sealed class ScanResultCounter
{
    public Guid ScanId { get; set; }
    public int Slot { get; set; }
    public long Changes { get; set; }
}

/// <summary>Who did what, when: every change to clients, scans, users and questionnaire texts.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public required string UserName { get; set; }

    /// <summary>What happened, e.g. "scan.closed", "client.deleted", "text.changed", "user.disabled".</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Summary { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
