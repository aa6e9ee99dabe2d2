using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Reports;

public enum ReportEdit
{
    Saved,
    NotFound,

    /// <summary>The input does not fit the list (a position that isn't there).</summary>
    Invalid,

    /// <summary>The list changed since the form was opened, or another request changed it at the same moment.</summary>
    Conflict,
}

/// <summary>
/// The consultant's edits of a report: notes per condition and the next steps. Each edit reads only what
/// it changes (the note; the step rows, or the generated steps while there are none), never the whole
/// report, and writes its audit entry in the same transaction. Both are race-safe: two first notes at once
/// end as one note (the loser retries as an update); two first step edits at once leave one list, because
/// a position is unique per scan, and the loser gets a conflict.
/// </summary>
public sealed class ReportEditing(QuickscanDbContext db, ReportQuery query, CurrentUser user, AuditLog audit, TimeProvider clock, QuoteReferences references)
{
    public Task<bool> VisibleAsync(Guid scanId, CancellationToken cancellationToken = default) =>
        db.Scans.VisibleTo(user).AnyAsync(s => s.Id == scanId, cancellationToken);

    /// <summary>
    /// Leaves flagged responses out of every figure of the scan, or takes them back in. A scan edited since the
    /// report was opened (another <paramref name="version"/>) is a conflict; audited like every scan edit.
    /// </summary>
    public async Task<ReportEdit> SetExcludeFlaggedAsync(Guid scanId, bool exclude, Guid version, CancellationToken cancellationToken = default)
    {
        var scan = await db.Scans.VisibleTo(user).SingleOrDefaultAsync(s => s.Id == scanId, cancellationToken);
        if (scan is null)
            return ReportEdit.NotFound;
        if (scan.Version != version)
            return ReportEdit.Conflict;
        if (scan.ExcludeFlagged == exclude)
            return ReportEdit.Saved;

        audit.Record(exclude ? AuditActions.ScanFlaggedExcluded : AuditActions.ScanFlaggedIncluded, AuditEntities.Scan, scanId, scan.Title,
            before: scan.ExcludeFlagged ? "excluded" : "included", after: exclude ? "excluded" : "included");
        scan.ExcludeFlagged = exclude;
        scan.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ReportEdit.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another edit of the scan saved first.
            db.ChangeTracker.Clear();
            return ReportEdit.Conflict;
        }
    }

    public async Task<ReportEdit> SaveNoteAsync(Guid scanId, string conditionKey, string? rawText, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(scanId, cancellationToken))
            return ReportEdit.NotFound;
        var text = Normalize(rawText);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.ReportNotes.SingleOrDefaultAsync(n => n.ScanId == scanId && n.ConditionKey == conditionKey, cancellationToken);
            if (existing?.Text == text)
                return ReportEdit.Saved;

            var before = existing?.Text;
            if (text is null)
                db.ReportNotes.Remove(existing!);
            else if (existing is null)
                db.ReportNotes.Add(new ReportNote { ScanId = scanId, ConditionKey = conditionKey, Text = text, UpdatedAt = clock.GetUtcNow() });
            else
                (existing.Text, existing.UpdatedAt) = (text, clock.GetUtcNow());

            audit.Record(AuditActions.ReportNoteChanged, AuditEntities.Scan, scanId, AuditSummaries.NoteChanged(conditionKey, before, text), before, text);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ReportEdit.Saved;
            }
            catch (DbUpdateException exception) when (attempt == 0 && (exception.IsUniqueViolation() || exception is DbUpdateConcurrencyException))
            {
                // Another request wrote (or removed) the note first: read it again and apply this one over it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Hides an open answer from the quotes (or shows it again). Only an answer of this scan; race-safe: the row is
    /// keyed by the answer, so two hides at once leave one row (the loser sees it is already hidden), and two
    /// undos at once delete it once. Audited, without the answer's text. The answer comes as the page's opaque
    /// reference: one that does not decrypt for this scan (tampered, another scan's, garbage) is invalid.
    /// </summary>
    public async Task<ReportEdit> SetQuoteHiddenAsync(Guid scanId, string reference, bool hide, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(scanId, cancellationToken))
            return ReportEdit.NotFound;
        if (!references.TryRead(scanId, reference, out var respondentId, out var questionKey))
            return ReportEdit.Invalid;
        var isAnswer = await db.RespondentAnswers.AnyAsync(
            a => a.RespondentId == respondentId && a.QuestionKey == questionKey && a.Text != null
                 && db.Respondents.Any(r => r.Id == respondentId && r.ScanId == scanId && r.SubmittedAt != null),
            cancellationToken);
        if (!isAnswer)
            return ReportEdit.Invalid;

        var existing = await db.HiddenQuotes.SingleOrDefaultAsync(h => h.RespondentId == respondentId && h.QuestionKey == questionKey, cancellationToken);
        if ((existing is not null) == hide)
            return ReportEdit.Saved;
        if (hide)
            db.HiddenQuotes.Add(new HiddenQuote { RespondentId = respondentId, QuestionKey = questionKey, ScanId = scanId, HiddenAt = clock.GetUtcNow() });
        else
            db.HiddenQuotes.Remove(existing!);
        // Which question only: the respondent stays anonymous to the audit trail as to the report.
        audit.Record(hide ? AuditActions.ReportQuoteHidden : AuditActions.ReportQuoteShown, AuditEntities.Scan, scanId, questionKey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation() || exception is DbUpdateConcurrencyException)
        {
            // Another request hid (or showed) it at the same moment: it is as asked, and that request's entry records it.
            db.ChangeTracker.Clear();
        }

        return ReportEdit.Saved;
    }

    /// <summary>Replaces the scan's headcounts (for the report's response rates) as a whole; audited with before and after.</summary>
    public async Task<ReportEdit> SaveHeadcountsAsync(Guid scanId, ReportHeadcounts headcounts, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(scanId, cancellationToken))
            return ReportEdit.NotFound;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var before = await db.Scans.Where(s => s.Id == scanId).Select(s => s.HeadcountsJson).SingleAsync(cancellationToken);
            var after = headcounts.ToJson();
            if (before == after)
                return ReportEdit.Saved;
            await db.Scans.Where(s => s.Id == scanId).ExecuteUpdateAsync(s => s.SetProperty(x => x.HeadcountsJson, after), cancellationToken);
            audit.Record(AuditActions.ReportHeadcountsChanged, AuditEntities.Scan, scanId, AuditSummaries.Headcounts, before, after);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ReportEdit.Saved;
        });
    }

    /// <summary>
    /// Applies a change to the step list. The first change copies the generated steps (both languages) into
    /// rows; from then on the rows are the list. <paramref name="change"/> returns the audit summary, or
    /// null when the input does not fit the list.
    /// </summary>
    public async Task<ReportEdit> ChangeStepsAsync(Guid scanId, string stamp, Func<List<ReportStep>, string?> change, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(scanId, cancellationToken))
            return ReportEdit.NotFound;

        // Inside the execution strategy: a transient failure retries the whole transaction.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.ReportNextSteps.Where(s => s.ScanId == scanId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
            var edited = rows.Count > 0;
            var before = edited ? ReportSteps.FromRows(rows) : (await query.GeneratedStepsAsync(scanId, cancellationToken))!.ToList();
            if (stamp != ReportSteps.StampOf(before, edited))
                return ReportEdit.Conflict;

            var steps = before.ToList();
            var summary = change(steps);
            if (summary is null)
                return ReportEdit.Invalid;

            var now = clock.GetUtcNow();
            try
            {
                // Delete, then insert: a concurrent edit that deleted the same rows, or inserted the first list,
                // makes this one fail on the unique (scan, position) index instead of adding a second list.
                db.ReportNextSteps.RemoveRange(rows);
                await db.SaveChangesAsync(cancellationToken);
                db.ReportNextSteps.AddRange(steps.Select((s, i) => ReportSteps.ToRow(s, scanId, i + 1, now)));
                audit.Record(AuditActions.ReportStepsChanged, AuditEntities.Scan, scanId, summary, Describe(before), Describe(steps));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return ReportEdit.Saved;
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() || exception is DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return ReportEdit.Conflict;
            }
        });
    }

    /// <summary>Back to the advice planner's steps: the edited rows are deleted.</summary>
    public async Task<ReportEdit> RestoreStepsAsync(Guid scanId, string stamp, CancellationToken cancellationToken = default)
    {
        if (!await VisibleAsync(scanId, cancellationToken))
            return ReportEdit.NotFound;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.ReportNextSteps.Where(s => s.ScanId == scanId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
            if (rows.Count == 0)
                return stamp == ReportSteps.StampOf((await query.GeneratedStepsAsync(scanId, cancellationToken))!, false) ? ReportEdit.Saved : ReportEdit.Conflict;
            var before = ReportSteps.FromRows(rows);
            if (stamp != ReportSteps.StampOf(before, true))
                return ReportEdit.Conflict;
            try
            {
                db.ReportNextSteps.RemoveRange(rows);
                audit.Record(AuditActions.ReportStepsChanged, AuditEntities.Scan, scanId, AuditSummaries.StepsRestored, Describe(before), null);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return ReportEdit.Saved;
            }
            catch (DbUpdateConcurrencyException)
            {
                return ReportEdit.Conflict;
            }
        });
    }

    /// <summary>The edit of one step (Position 1…n) or a new one at the end (Position 0), in the editor's language.</summary>
    public Func<List<ReportStep>, string?> Save(StepInput input, Language language) => steps =>
    {
        var title = input.Title.Trim();
        var text = Normalize(input.Text)!;
        var why = Normalize(input.Why);
        var conditionKey = string.IsNullOrEmpty(input.ConditionKey) ? null : input.ConditionKey;
        var owner = Normalize(input.Owner);
        if (input.Position == 0)
        {
            steps.Add(new ReportStep(steps.Count + 1, false, conditionKey, Same(title), Same(text), why is null ? null : Same(why), language, owner, input.HorizonDays));
            return AuditSummaries.StepAdded(steps.Count);
        }

        if (input.Position > steps.Count)
            return null;
        var old = steps[input.Position - 1];
        // Unchanged texts keep both languages: only what the consultant rewrote becomes single-language.
        var sameTexts = old.Title[language] == title && old.Text[language] == text && (old.Why?[language] ?? null) == why;
        steps[input.Position - 1] = sameTexts
            ? old with { ConditionKey = conditionKey, Owner = owner, HorizonDays = input.HorizonDays }
            : new ReportStep(old.Position, old.IsPriority, conditionKey, Same(title), Same(text), why is null ? null : Same(why), language, owner, input.HorizonDays);
        return AuditSummaries.StepEdited(input.Position);
    };

    public static Func<List<ReportStep>, string?> Remove(StepRemoveInput input) => steps =>
    {
        if (input.Position > steps.Count)
            return null;
        steps.RemoveAt(input.Position - 1);
        return AuditSummaries.StepRemoved(input.Position);
    };

    public static Func<List<ReportStep>, string?> Move(StepMoveInput input) => steps =>
    {
        var from = input.Position - 1;
        var to = input.Direction == "up" ? from - 1 : from + 1;
        if (from >= steps.Count || to < 0 || to >= steps.Count)
            return null;
        (steps[from], steps[to]) = (steps[to], steps[from]);
        return AuditSummaries.StepMoved(input.Position, input.Direction);
    };

    private static LocalizedText Same(string text) => new(text, text);

    /// <summary>Trimmed, with Windows line ends made plain; null when nothing is left.</summary>
    private static string? Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n").Trim();

    /// <summary>The list as the audit entry keeps it: one title per line.</summary>
    private static string Describe(IEnumerable<ReportStep> steps) =>
        string.Join('\n', steps.Select((s, i) => $"{i + 1}. {s.Title.Nl}"));
}
