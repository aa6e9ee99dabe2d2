using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>A text in both languages, as a form field pair.</summary>
public sealed class TextPair
{
    public string? Nl { get; set; }
    public string? En { get; set; }

    public const int MaxLength = 4000;

    public static TextPair From(LocalizedText? text) => new() { Nl = text?.Nl, En = text?.En };

    public static TextPair From(AdviceDefinition? advice) => From(advice?.Text);

    public LocalizedText ToText() => new(Nl?.Trim() ?? "", En?.Trim() ?? "");

    /// <summary>For optional texts (help, descriptions): both empty means none.</summary>
    public LocalizedText? ToOptionalText() => string.IsNullOrWhiteSpace(Nl) && string.IsNullOrWhiteSpace(En) ? null : ToText();
}

/// <summary>
/// The shared flow of the pages that edit one element of a draft: load it, bind and validate the input,
/// save it through <see cref="DraftEditor"/> on top of the revision the form was opened at, and show the
/// domain's problems beside the fields, or what another admin changed meanwhile.
/// </summary>
public abstract class DraftElementModel(DraftEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The draft revision the form was opened at.</summary>
    [BindProperty]
    public int BaseRevision { get; set; }

    public DraftState State { get; private set; } = null!;

    public DraftSave.Conflict? Conflict { get; private set; }

    public bool Saved { get; private set; }

    public bool Invalid { get; private set; }

    /// <summary>The element, as DraftEditor names it for conflicts ("conditions[usage]", "general", …).</summary>
    protected abstract string Element { get; }

    /// <summary>The element's path in the validator's problems.</summary>
    public abstract string ProblemPath { get; }

    protected abstract bool Exists(QuestionnaireDefinition definition);

    /// <summary>Fills the input from the element.</summary>
    protected abstract void Fill(QuestionnaireDefinition definition);

    /// <summary>The definition with the input applied to the element.</summary>
    protected abstract QuestionnaireDefinition Apply(QuestionnaireDefinition definition);

    protected abstract Task<bool> IsValidInputAsync();

    public IEnumerable<QuestionnaireProblem> ProblemsAt(string field) =>
        State.Problems.Where(p => p.Path == $"{ProblemPath}.{field}" || p.Path.StartsWith($"{ProblemPath}.{field}.", StringComparison.Ordinal));

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        var state = await editor.LoadAsync(Id);
        if (state is null || !Exists(state.Definition))
            return NotFound();
        State = state;
        Fill(state.Definition);
        BaseRevision = state.Draft.Revision;
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var state = await editor.LoadAsync(Id);
        if (state is null || !Exists(state.Definition))
            return NotFound();
        State = state;
        if (!await IsValidInputAsync())
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        switch (await editor.SaveAsync(Id, BaseRevision, Element, Apply))
        {
            case DraftSave.Saved:
                return RedirectToPage(new { id = Id, key = Key, saved = true });
            case DraftSave.Conflict conflict:
                // Keep what this admin typed; show what the other admin changed; save nothing.
                State = conflict.Current;
                Conflict = conflict;
                BaseRevision = conflict.Current.Draft.Revision;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }
}
