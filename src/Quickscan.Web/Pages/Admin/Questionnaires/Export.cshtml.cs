using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

/// <summary>A version or a draft as a file in the default questionnaire's format, for import elsewhere.</summary>
public sealed class ExportModel(QuickscanDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? versionId, Guid? draftId)
    {
        if (versionId is { } id && await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id) is { } version)
            return File(System.Text.Encoding.UTF8.GetBytes(version.DefinitionJson), "application/json", $"{version.Key}-{version.Label}.json");
        if (draftId is { } draft && await db.QuestionnaireDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draft) is { } found)
            return File(System.Text.Encoding.UTF8.GetBytes(found.DefinitionJson), "application/json", $"{found.Key}-draft.json");
        return NotFound();
    }
}
