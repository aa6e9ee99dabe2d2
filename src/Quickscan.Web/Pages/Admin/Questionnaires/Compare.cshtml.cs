using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>Two versions (or a version and a draft) side by side: every text changed, questions added, removed or moved, weights and thresholds.</summary>
public sealed class CompareModel(QuickscanDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Draft { get; set; }

    public string FromLabel { get; private set; } = "";

    public string ToLabel { get; private set; } = "";

    public IReadOnlyList<DefinitionChange> Changes { get; private set; } = [];

    /// <summary>The two definitions compared, for naming where each change is.</summary>
    public QuestionnaireDefinition? Before { get; private set; }

    public QuestionnaireDefinition? After { get; private set; }

    public IReadOnlyList<(int Id, string Label)> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Versions = (await db.QuestionnaireVersions.AsNoTracking().OrderBy(v => v.Key).ThenBy(v => v.Version).ThenBy(v => v.Revision).ToListAsync())
            .Select(v => (v.Id, $"{v.Key} {v.Label}")).ToList();
        if (From is null || (To is null && Draft is null))
            return Page();
        var from = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == From);
        if (from is null)
            return NotFound();
        FromLabel = $"{from.Key} {from.Label}";
        string? json;
        if (Draft is { } draftId)
        {
            json = await db.QuestionnaireDrafts.Where(d => d.Id == draftId).Select(d => d.DefinitionJson).SingleOrDefaultAsync();
            ToLabel = "draft";
        }
        else
        {
            var to = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == To);
            json = to?.DefinitionJson;
            ToLabel = to is null ? "" : $"{to.Key} {to.Label}";
        }

        if (json is null)
            return NotFound();
        Before = QuestionnaireJson.Parse(from.DefinitionJson, out _)!;
        After = QuestionnaireJson.Parse(json, out _)!;
        Changes = DefinitionDiff.Compare(Before, After)
            .Where(c => !(c.Path == "version"))
            .ToList();
        return Page();
    }
}
