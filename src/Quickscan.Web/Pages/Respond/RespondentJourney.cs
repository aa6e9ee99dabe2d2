using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>What a respondent page needs to know about the scan behind a share link.</summary>
public sealed record ScanView(
    Guid Id,
    string Title,
    string? WelcomeText,
    string OrganisationName,
    int QuestionnaireVersionId,
    bool ShowRespondentResult,
    ScanStatus Status,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    string Languages = "nl,en",
    string? PlatformName = null,
    Track Entry = Track.Survey)
{
    /// <summary>The languages respondents may choose; Dutch first when both are allowed.</summary>
    public IReadOnlyList<Language> AllowedLanguages =>
        Domain.Questionnaires.Languages.All.Where(l => Languages.Split(',').Contains(l.Code())).DefaultIfEmpty(Language.Nl).ToList();

    public bool IsAnswerable(DateTimeOffset now) => Scan.IsAnswerable(Status, OpensAt, ClosesAt, now);

    /// <summary>Closed, or past its closing date: the link existed but no longer works (410).</summary>
    public bool HasEnded(DateTimeOffset now) => Status == ScanStatus.Closed || (ClosesAt is not null && now >= ClosesAt);

    /// <summary>
    /// Whether a consultant may enter interviews. Interviews often come before the link goes out, so a Draft
    /// scan (or an Open one whose opening date lies ahead) takes them; once the scan has ended (Closed, or past
    /// its closing date) its responses are final, for interviews as for the link.
    /// </summary>
    public bool AcceptsInterviews(DateTimeOffset now) => !HasEnded(now);

    /// <summary>
    /// Whether a response may start or go on through this link now. The owner intake, like an interview, often
    /// comes before the employee link opens, so its link works until the scan has ended.
    /// </summary>
    public bool IsOpenFor(Track track, DateTimeOffset now) => track == Track.Intake ? AcceptsInterviews(now) : IsAnswerable(now);
}

public sealed record RespondentView(
    Guid Id,
    RespondentSource Source,
    string? RoleGroup,
    string? Department,
    DateTimeOffset? SubmittedAt,
    IReadOnlyDictionary<string, Answer> Answers,
    string Language = "nl",
    Track Track = Track.Survey,
    bool Counted = true)
{
    public bool IsSubmitted => SubmittedAt is not null;

    /// <summary>What routing needs: the way in and the role group.</summary>
    public RespondentProfile Profile => new(Track, RoleGroup);

    public bool IsInterview => Source == RespondentSource.Interview;
}

public enum SaveOutcome
{
    Saved,
    Locked,

    /// <summary>The submission would not count (too few questions answered) and the respondent has not confirmed it.</summary>
    NeedsConfirmation,
}

/// <summary>The respondent journey's reads and writes. Each is a small, fixed number of queries.</summary>
public sealed class RespondentJourney(QuickscanDbContext db, TimeProvider clock, CurrentUser user)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The scan behind a link: the employee share link or the owner intake's link (<see cref="ScanView.Entry"/> says which).</summary>
    public Task<ScanView?> FindScanAsync(string token, CancellationToken cancellationToken = default) =>
        db.Scans.AsNoTracking()
            .Where(s => s.ShareToken == token || s.IntakeToken == token)
            .Select(s => new ScanView(
                s.Id, s.Title, s.WelcomeText, s.Organisation.Name, s.QuestionnaireVersionId,
                s.ShowRespondentResult, s.Status, s.OpensAt, s.ClosesAt, s.Languages,
                s.PlatformName, s.IntakeToken == token ? Track.Intake : Track.Survey))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<RespondentView?> FindRespondentAsync(Guid scanId, string resumeToken, bool withAnswers, CancellationToken cancellationToken = default)
    {
        if (!Tokens.LooksValid(resumeToken))
            return null;
        var hash = Tokens.Hash(resumeToken);
        var query = db.Respondents.AsNoTracking().Where(r => r.ScanId == scanId && r.ResumeTokenHash == hash);
        if (withAnswers)
            query = query.Include(r => r.Answers);
        var respondent = await query.SingleOrDefaultAsync(cancellationToken);
        return respondent is null ? null : View(respondent);
    }

    /// <summary>
    /// The scan behind a share link and, in the same query, the respondent behind a resume token (with answers
    /// when asked): one round trip per page view. The respondent is null without a token or when it is not this scan's.
    /// </summary>
    public async Task<(ScanView? Scan, RespondentView? Respondent)> LoadAsync(string token, string? resumeToken, bool withAnswers, CancellationToken cancellationToken = default)
    {
        var hash = resumeToken is not null && Tokens.LooksValid(resumeToken) ? Tokens.Hash(resumeToken) : "";
        var row = await LoadQueries.GetValue(db.Model, static _ => CompileLoadQuery())(db, token, hash, withAnswers, cancellationToken);
        if (row is null)
            return (null, null);
        var respondent = row.Respondents.SingleOrDefault();
        return (row.Scan, respondent is null
            ? null
            : new RespondentView(
                respondent.Id, respondent.Source, respondent.RoleGroup, respondent.Department, respondent.SubmittedAt,
                respondent.Answers.ToDictionary(a => a.QuestionKey, a => a.ToDomain(), StringComparer.Ordinal),
                respondent.Language, respondent.Track, respondent.Counted));
    }

    /// <summary>
    /// The page view's one query, compiled once per model (each provider's context has its own; a compiled query
    /// shared between them failed on the second): every step view and save runs it, and translating the LINQ
    /// again each time (parameter extraction and the query cache's key over the whole tree) cost more app CPU
    /// than reading its rows.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<QuickscanDbContext, string, string, bool, CancellationToken, Task<LoadRow?>>> LoadQueries = new();

    private static Func<QuickscanDbContext, string, string, bool, CancellationToken, Task<LoadRow?>> CompileLoadQuery() =>
        EF.CompileAsyncQuery((QuickscanDbContext db, string token, string hash, bool withAnswers, CancellationToken _) =>
            db.Scans.AsNoTracking()
                .Where(s => s.ShareToken == token || s.IntakeToken == token)
                .Select(s => new LoadRow
                {
                    Scan = new ScanView(
                        s.Id, s.Title, s.WelcomeText, s.Organisation.Name, s.QuestionnaireVersionId,
                        s.ShowRespondentResult, s.Status, s.OpensAt, s.ClosesAt, s.Languages,
                        s.PlatformName, s.IntakeToken == token ? Track.Intake : Track.Survey),
                    Respondents = db.Respondents
                        .Where(r => r.ScanId == s.Id && r.ResumeTokenHash == hash)
                        .Select(r => new LoadRespondentRow
                        {
                            Id = r.Id, Source = r.Source, RoleGroup = r.RoleGroup, Department = r.Department, SubmittedAt = r.SubmittedAt,
                            Language = r.Language, Track = r.Track, Counted = r.Counted,
                            Answers = r.Answers.Where(a => withAnswers).ToList(),
                        })
                        .ToList(),
                })
                .SingleOrDefault());

    private sealed class LoadRow
    {
        public required ScanView Scan { get; init; }
        public required List<LoadRespondentRow> Respondents { get; init; }
    }

    private sealed class LoadRespondentRow
    {
        public Guid Id { get; init; }
        public RespondentSource Source { get; init; }
        public string? RoleGroup { get; init; }
        public string? Department { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public string Language { get; init; } = "";
        public Track Track { get; init; }
        public bool Counted { get; init; }
        public required List<RespondentAnswer> Answers { get; init; }
    }

    /// <summary>
    /// The respondent behind a resume token and the current link of its way in (the share link, or the intake's
    /// link for an intake through it): a resume link keeps working after the consultant made a new link. Null for
    /// an unknown token, or an intake whose link was withdrawn.
    /// </summary>
    public async Task<(RespondentView Respondent, string ShareToken)?> FindByResumeTokenAsync(string resumeToken, CancellationToken cancellationToken = default)
    {
        if (!Tokens.LooksValid(resumeToken))
            return null;
        var hash = Tokens.Hash(resumeToken);
        var row = await db.Respondents.AsNoTracking()
            .Where(r => r.ResumeTokenHash == hash)
            .Select(r => new { Respondent = r, Link = r.Track == Track.Intake && r.Source == RespondentSource.Link ? r.Scan.IntakeToken : r.Scan.ShareToken })
            .SingleOrDefaultAsync(cancellationToken);
        return row?.Link is null ? null : (View(row.Respondent), row.Link);
    }

    private static RespondentView View(Respondent respondent) =>
        new(
            respondent.Id,
            respondent.Source,
            respondent.RoleGroup,
            respondent.Department,
            respondent.SubmittedAt,
            respondent.Answers.ToDictionary(a => a.QuestionKey, a => a.ToDomain(), StringComparer.Ordinal),
            respondent.Language,
            respondent.Track,
            respondent.Counted);

    /// <summary>Remembers the language the respondent chose, for resuming elsewhere and for the result.</summary>
    public async Task SetLanguageAsync(Guid respondentId, Language language, CancellationToken cancellationToken = default)
    {
        var code = language.Code();
        await db.Respondents.Where(r => r.Id == respondentId && r.Language != code)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Language, code), cancellationToken);
    }

    /// <summary>
    /// Starts an anonymous response through a link (employee or intake) and returns its resume token (only its hash is
    /// stored): the given one (the intro form's, see <see cref="StartKeys"/>) or a new one. A response already started
    /// with that token (the same form posted twice) is not started again; the token is its.
    /// </summary>
    public async Task<string> StartAsync(Guid scanId, Language language, Track track = Track.Survey, string? token = null, CancellationToken cancellationToken = default)
    {
        var respondent = new Respondent { ScanId = scanId, ResumeTokenHash = "", Language = language.Code(), Track = track };
        try
        {
            return await StartAsync(respondent, cancellationToken, token);
        }
        catch (DbUpdateException e) when (token is not null && e.IsUniqueViolation())
        {
            db.Entry(respondent).State = EntityState.Detached;
            return token;
        }
    }

    /// <summary>
    /// Starts a response a consultant enters on behalf of an interviewee, with the interviewee's role group (and
    /// department, if given) set from the start; returns its resume token. Anything else the caller added to the
    /// unit of work (its audit entry) is saved with it.
    /// </summary>
    public Task<string> StartInterviewAsync(Guid scanId, Language language, string roleGroup, string? department, Track track = Track.Survey, CancellationToken cancellationToken = default) =>
        StartAsync(new Respondent
        {
            Track = track,
            ScanId = scanId,
            ResumeTokenHash = "",
            Language = language.Code(),
            Source = RespondentSource.Interview,
            RoleGroup = roleGroup,
            Department = department,
        }, cancellationToken);

    private async Task<string> StartAsync(Respondent respondent, CancellationToken cancellationToken, string? token = null)
    {
        token ??= Tokens.New();
        respondent.ResumeTokenHash = Tokens.Hash(token);
        respondent.StartedAt = Now;
        respondent.LastActivityAt = Now;
        db.Respondents.Add(respondent);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Gives an unsubmitted interview of the scan a new resume token, so the consultant can pick it up again in
    /// this browser; the old token (and any resume link made from it) stops working. Null when there is no such interview.
    /// </summary>
    public async Task<string?> ResumeInterviewAsync(Guid scanId, Guid respondentId, CancellationToken cancellationToken = default)
    {
        var token = Tokens.New();
        var hash = Tokens.Hash(token);
        var updated = await db.Respondents
            .Where(r => r.Id == respondentId && r.ScanId == scanId && r.Source == RespondentSource.Interview && r.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResumeTokenHash, hash), cancellationToken);
        return updated == 1 ? token : null;
    }

    /// <summary>Whether the signed-in user may conduct this scan's interviews: its consultant, or an admin.</summary>
    public Task<bool> IsInterviewerAsync(Guid scanId, CancellationToken cancellationToken = default) =>
        db.Scans.VisibleTo(user).AnyAsync(s => s.Id == scanId, cancellationToken);

    public async Task<SaveOutcome> SaveProfileAsync(Guid respondentId, string? roleGroup, string? department, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var updated = await db.Respondents
            .Where(r => r.Id == respondentId && r.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.RoleGroup, roleGroup)
                .SetProperty(r => r.Department, department)
                .SetProperty(r => r.LastActivityAt, now), cancellationToken);
        return updated == 1 ? SaveOutcome.Saved : SaveOutcome.Locked;
    }

    /// <summary>
    /// Saves answers, unless the response was submitted meanwhile. The guarded update locks the respondent's
    /// row, so a save and a submit that race are serialised: either the save lands before the submit scores,
    /// or it is refused. Cleared open answers are deleted.
    /// </summary>
    public async Task<SaveOutcome> SaveAnswersAsync(Guid respondentId, IReadOnlyList<Answer> answers, IReadOnlyList<string> cleared, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var rows = answers.Select(a => a.ToRow(respondentId, now)).ToList();
        // The whole save is retried on a transient failure (a database restart): saving is idempotent.
        if (db.Database.IsNpgsql())
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                await db.SaveIfOpenAsync(respondentId, rows, cleared, now, cancellationToken) ? SaveOutcome.Saved : SaveOutcome.Locked);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var open = await db.Respondents
                .Where(r => r.Id == respondentId && r.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastActivityAt, now), cancellationToken);
            if (open == 0)
                return SaveOutcome.Locked;

            await db.UpsertAsync(rows, cancellationToken);
            if (cleared.Count > 0)
            {
                await db.RespondentAnswers
                    .Where(a => a.RespondentId == respondentId && cleared.Contains(a.QuestionKey))
                    .ExecuteDeleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return SaveOutcome.Saved;
        });
    }

    /// <summary>
    /// Locks the answers, scores them with the scan's questionnaire version and stores the scores, with the
    /// quality of the response: whether it counts (ResponseQuality.IsCounted, over what this respondent was
    /// shown) and its flags (ResponseQuality.Flags over the stored answers and the time from start to submit).
    /// A submission that would not count is refused (<see cref="SaveOutcome.NeedsConfirmation"/>, nothing
    /// changes) unless <paramref name="confirmedUncounted"/>: the respondent confirmed on the review page.
    /// The check runs inside the transaction, on the answers that are scored, so a save racing it can't slip by.
    /// </summary>
    public async Task<SaveOutcome> SubmitAsync(Guid respondentId, Guid scanId, Questionnaire questionnaire, bool confirmedUncounted = false, CancellationToken cancellationToken = default)
    {
        var now = Now;
        RespondentScore? score = null;
        Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Respondent>? marks = null;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // A retried attempt starts clean: the score row and marks of a failed one are not saved twice.
            if (score is not null)
                db.Entry(score).State = EntityState.Detached;
            if (marks is not null)
                marks.State = EntityState.Detached;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Respondents
                .Where(r => r.Id == respondentId && r.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SubmittedAt, now).SetProperty(r => r.LastActivityAt, now), cancellationToken);
            if (locked == 0)
                return SaveOutcome.Locked;

            var respondent = await db.Respondents.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.Id == respondentId, cancellationToken);
            var answers = respondent.Answers.Select(a => a.ToDomain()).ToList();
            // Coverage counts only what this respondent was shown: the way in and the role group decide that.
            var result = RespondentScoring.Score(questionnaire, answers, new RespondentProfile(respondent.Track, respondent.RoleGroup));
            var counted = ResponseQuality.IsCounted(questionnaire, result);
            if (!counted && !confirmedUncounted)
            {
                await transaction.RollbackAsync(cancellationToken);
                return SaveOutcome.NeedsConfirmation;
            }

            var flags = ResponseQuality.Flags(questionnaire, answers, now - respondent.StartedAt);
            // An interview is typed in by the consultant, often afterwards from notes: its speed says nothing.
            var tooFast = flags.TooFast && respondent.Source != RespondentSource.Interview;
            // The marks and the score row go in one batch, last: both bump the results version, whose counter row
            // stays locked until the commit, so submissions at the same moment queue on it as briefly as possible.
            // A stub: only the three marks are written (the token hash is required by the type, not updated).
            marks = db.Respondents.Attach(new Respondent { Id = respondentId, ScanId = scanId, ResumeTokenHash = "" });
            SetModified(marks, r => r.Counted, counted);
            SetModified(marks, r => r.StraightLining, flags.StraightLining);
            SetModified(marks, r => r.TooFast, tooFast);
            score = ScoreSheetJson.ToRow(result, respondentId, scanId, respondent.RoleGroup, now);
            db.RespondentScores.Add(score);
            // No savepoint around the batch (a round trip each way): a failure retries the whole transaction.
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = true;
            }

            await transaction.CommitAsync(cancellationToken);
            return SaveOutcome.Saved;
        });
    }

    private static void SetModified<T>(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Respondent> entry, System.Linq.Expressions.Expression<Func<Respondent, T>> property, T value)
    {
        var member = entry.Property(property);
        member.CurrentValue = value;
        member.IsModified = true;
    }
}
