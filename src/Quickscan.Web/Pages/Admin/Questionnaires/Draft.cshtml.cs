using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>
/// A draft's structure with its problems, and the structural edits: add, remove and reorder factors and
/// questions. Structural edits name their element by key and apply to the latest draft, so they never
/// overwrite another admin's work. Publishing is offered once the draft validates.
/// </summary>
public sealed class DraftModel(DraftEditor editor, QuickscanDbContext db, Infrastructure.AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public DraftState State { get; private set; } = null!;

    /// <summary>What publishing would make of this draft, when it is valid: a wording revision of its base, or a new version.</summary>
    public bool PublishesAsRevision { get; private set; }

    public int ChangeCount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var state = await editor.LoadAsync(Id);
        if (state is null)
            return NotFound();
        State = state;
        if (state.Draft.BasedOnVersion is { } basedOn)
        {
            var changes = DefinitionDiff.Compare(QuestionnaireJson.Parse(basedOn.DefinitionJson, out _)!, state.Definition with { Version = basedOn.Version });
            ChangeCount = changes.Count;
            PublishesAsRevision = DefinitionDiff.IsWordingOnly(changes);
        }

        return Page();
    }

    public Task<IActionResult> OnPostMoveFactorAsync(string key, int direction) => StructureAsync(key, d => d.MoveFactor(key, direction));

    public Task<IActionResult> OnPostMoveQuestionAsync(string key, int direction) => StructureAsync(key, d => d.MoveQuestion(key, direction));

    public Task<IActionResult> OnPostRemoveFactorAsync(string key) => StructureAsync(key, d => d.RemoveFactor(key));

    public Task<IActionResult> OnPostRemoveQuestionAsync(string key) => StructureAsync(key, d => d.RemoveQuestion(key));

    public async Task<IActionResult> OnPostAddFactorAsync(string condition)
    {
        if (!ConditionKeys.All.Contains(condition))
            return BadRequest();
        string? key = null;
        var result = await editor.SaveAsync(Id, await CurrentRevisionAsync(), $"conditions[{condition}]", d => d.AddFactor(condition, out key));
        return result is DraftSave.NotFound ? NotFound() : RedirectToPage("/Admin/Questionnaires/EditFactor", new { id = Id, key });
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(string factor)
    {
        var state = await editor.LoadAsync(Id);
        if (state is null)
            return NotFound();
        if (!state.Definition.Conditions.SelectMany(c => c.Factors).Any(f => f.Key == factor))
            return BadRequest();
        string? key = null;
        await editor.SaveAsync(Id, state.Draft.Revision, $"factors[{factor}]", d => d.AddQuestion(factor, out key));
        return RedirectToPage("/Admin/Questionnaires/EditQuestion", new { id = Id, key });
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        var published = await editor.PublishAsync(Id);
        if (published is null)
            return await editor.LoadAsync(Id) is null ? NotFound() : BadRequest();
        return RedirectToPage("/Admin/Questionnaires/Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var draft = await db.QuestionnaireDrafts.SingleOrDefaultAsync(d => d.Id == Id);
        if (draft is null)
            return NotFound();
        db.QuestionnaireDrafts.Remove(draft);
        audit.Record(AuditActions.QuestionnaireDraftDeleted, AuditEntities.QuestionnaireDraft, draft.Id, draft.Key);
        await db.SaveChangesAsync();
        return RedirectToPage("/Admin/Questionnaires/Index");
    }

    private async Task<IActionResult> StructureAsync(string key, Func<QuestionnaireDefinition, QuestionnaireDefinition> change)
    {
        var state = await editor.LoadAsync(Id);
        if (state is null)
            return NotFound();
        var known = state.Definition.Conditions.SelectMany(c => c.Factors).SelectMany(f => f.Questions.Select(q => q.Key).Append(f.Key));
        if (!known.Contains(key))
            return BadRequest();
        await editor.SaveAsync(Id, state.Draft.Revision, key, change);
        return RedirectToPage(new { id = Id });
    }

    private Task<int> CurrentRevisionAsync() =>
        db.QuestionnaireDrafts.Where(d => d.Id == Id).Select(d => d.Revision).SingleOrDefaultAsync();
}
