using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>A draft's condition page exactly as respondents will see it (the same partial renders both), without saving anything.</summary>
public sealed class PreviewModel(DraftEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Condition { get; set; } = "";

    public DraftState State { get; private set; } = null!;

    public ConditionDefinition Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var state = await editor.LoadAsync(Id);
        var condition = state?.Definition.Conditions.FirstOrDefault(c => c.Key == Condition);
        if (state is null || condition is null)
            return NotFound();
        (State, Current) = (state, condition);
        return Page();
    }
}
