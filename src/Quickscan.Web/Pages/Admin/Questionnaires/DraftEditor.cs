using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed record DraftState(QuestionnaireDraft Draft, QuestionnaireDefinition Definition, IReadOnlyList<QuestionnaireProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

public abstract record DraftSave
{
    public sealed record Saved(DraftState State) : DraftSave;

    /// <summary>Another admin saved the same element since this form was opened: their changes, and nothing of ours was applied.</summary>
    public sealed record Conflict(DraftState Current, IReadOnlyList<DefinitionChange> TheirChanges, string By, DateTimeOffset At) : DraftSave;

    public sealed record NotFound : DraftSave;
}

public sealed record Published(QuestionnaireVersion Version, bool IsRevision);

/// <summary>
/// Loads, changes and publishes questionnaire drafts. Every save keeps a revision; a save based on an
/// older revision goes through only when nobody changed the same element since, otherwise the admin is
/// shown what the other admin changed and nothing is overwritten. Every change is audited with its
/// before and after.
/// </summary>
public sealed class DraftEditor(QuickscanDbContext db, AuditLog audit, CurrentUser user, TimeProvider clock)
{
    public async Task<DraftState?> LoadAsync(Guid id)
    {
        var draft = await db.QuestionnaireDrafts.AsNoTracking().Include(d => d.BasedOnVersion).SingleOrDefaultAsync(d => d.Id == id);
        return draft is null ? null : State(draft);
    }

    private static DraftState State(QuestionnaireDraft draft)
    {
        var definition = QuestionnaireJson.Parse(draft.DefinitionJson, out var problems)
            ?? throw new InvalidOperationException($"Draft {draft.Id} does not hold a questionnaire.");
        return new DraftState(draft, definition, problems);
    }

    public async Task<QuestionnaireDraft> CreateAsync(QuestionnaireDefinition definition, int? basedOnVersionId)
    {
        var now = clock.GetUtcNow();
        var json = QuestionnaireJson.Write(definition);
        var draft = new QuestionnaireDraft
        {
            Key = definition.Key,
            BasedOnVersionId = basedOnVersionId,
            DefinitionJson = json,
            Revision = 1,
            CreatedBy = user.Name,
            CreatedAt = now,
            UpdatedBy = user.Name,
            UpdatedAt = now,
        };
        db.QuestionnaireDrafts.Add(draft);
        db.QuestionnaireDraftRevisions.Add(new QuestionnaireDraftRevision { DraftId = draft.Id, Revision = 1, DefinitionJson = json, SavedBy = user.Name, SavedAt = now });
        audit.Record(AuditActions.QuestionnaireDraftCreated, AuditEntities.QuestionnaireDraft, draft.Id, $"{definition.Key} {definition.Title.Nl}");
        await db.SaveChangesAsync();
        return draft;
    }

    /// <summary>
    /// Applies a change to one element (named by its path, e.g. "conditions[usage]" or
    /// "questions[usage.effort.1]") of the draft as it was at <paramref name="baseRevision"/>.
    /// </summary>
    public async Task<DraftSave> SaveAsync(Guid id, int baseRevision, string element, Func<QuestionnaireDefinition, QuestionnaireDefinition> change)
    {
        var draft = await db.QuestionnaireDrafts.SingleOrDefaultAsync(d => d.Id == id);
        if (draft is null)
            return new DraftSave.NotFound();
        var current = State(draft);
        if (draft.Revision != baseRevision)
        {
            var baseJson = await db.QuestionnaireDraftRevisions.Where(r => r.DraftId == id && r.Revision == baseRevision).Select(r => r.DefinitionJson).SingleOrDefaultAsync();
            var theirs = baseJson is null
                ? DefinitionDiff.Compare(current.Definition, current.Definition)
                : DefinitionDiff.Compare(QuestionnaireJson.Parse(baseJson, out _)!, current.Definition).Where(c => Touches(c.Path, element)).ToList();
            if (baseJson is null || theirs.Count > 0)
                return new DraftSave.Conflict(current, theirs, draft.UpdatedBy, draft.UpdatedAt);
        }

        var changed = change(current.Definition);
        var changes = DefinitionDiff.Compare(current.Definition, changed);
        if (changes.Count == 0)
            return new DraftSave.Saved(current);

        var now = clock.GetUtcNow();
        draft.DefinitionJson = QuestionnaireJson.Write(changed);
        draft.Revision++;
        draft.UpdatedBy = user.Name;
        draft.UpdatedAt = now;
        db.QuestionnaireDraftRevisions.Add(new QuestionnaireDraftRevision { DraftId = id, Revision = draft.Revision, DefinitionJson = draft.DefinitionJson, SavedBy = user.Name, SavedAt = now });
        foreach (var c in changes)
            audit.Record(c.IsWording ? AuditActions.QuestionnaireTextChanged : AuditActions.QuestionnaireStructureChanged, AuditEntities.QuestionnaireDraft, id, $"{c.Kind} {c.Path}", c.Before, c.After);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: start again from theirs.
            db.ChangeTracker.Clear();
            return await SaveAsync(id, baseRevision, element, change);
        }

        return new DraftSave.Saved(State(draft));
    }

    /// <summary>Whether a change at <paramref name="path"/> concerns the element's own fields (not those of its children).</summary>
    public static bool Touches(string path, string element)
    {
        if (element == "general")
            return path.StartsWith("title", StringComparison.Ordinal) || path.StartsWith("introduction", StringComparison.Ordinal)
                || path.StartsWith("levels", StringComparison.Ordinal) || path.StartsWith("settings", StringComparison.Ordinal);
        var at = path.IndexOf(element, StringComparison.Ordinal);
        if (at < 0)
            return false;
        var rest = path[(at + element.Length)..];
        return rest.Length == 0 || (rest[0] == '.' && !rest.Contains(".factors[", StringComparison.Ordinal) && !rest.Contains(".questions[", StringComparison.Ordinal));
    }

    /// <summary>
    /// Publishes a valid draft. Wording-only changes against the version it was based on become a revision of
    /// that version (scans on it may adopt it, no score can change); anything else becomes a new version.
    /// </summary>
    public async Task<Published?> PublishAsync(Guid id)
    {
        var state = await LoadAsync(id);
        if (state is null || !state.IsValid)
            return null;
        var definition = state.Definition;
        var basedOn = state.Draft.BasedOnVersion;
        var changes = basedOn is null ? null : DefinitionDiff.Compare(QuestionnaireJson.Parse(basedOn.DefinitionJson, out _)!, definition with { Version = basedOn.Version });
        // A draft that changes nothing would publish a copy of its version: there is nothing to publish.
        if (changes is { Count: 0 })
            return null;
        var isRevision = changes is not null && DefinitionDiff.IsWordingOnly(changes);
        var versions = db.QuestionnaireVersions.Where(v => v.Key == definition.Key);
        var number = isRevision ? basedOn!.Version : (await versions.MaxAsync(v => (int?)v.Version) ?? 0) + 1;
        var revision = isRevision ? await versions.Where(v => v.Version == number).MaxAsync(v => v.Revision) + 1 : 0;
        var version = new QuestionnaireVersion
        {
            Key = definition.Key,
            Version = number,
            Revision = revision,
            Kind = definition.Kind,
            DefinitionJson = QuestionnaireJson.Write(definition with { Version = number }),
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = user.Name,
        };
        db.QuestionnaireVersions.Add(version);
        db.QuestionnaireDrafts.Remove(await db.QuestionnaireDrafts.SingleAsync(d => d.Id == id));
        audit.Record(AuditActions.QuestionnairePublished, AuditEntities.Questionnaire, $"{definition.Key} {version.Label}", isRevision ? AuditSummaries.WordingRevision : AuditSummaries.NewVersion);
        await db.SaveChangesAsync();
        return new Published(version, isRevision);
    }
}
