using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Admin.Questionnaires;

public sealed record VersionRow(int Id, string Key, string Label, DateTimeOffset PublishedAt, string? PublishedBy, int Scans);

public sealed record DraftRow(Guid Id, string Key, string? BasedOn, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The questionnaire versions (published and draft), and where a new draft starts: from a version or from a file.</summary>
public sealed class IndexModel(QuickscanDbContext db, DraftEditor editor) : PageModel
{
    public const long MaxImportBytes = 240 * 1024;

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public IReadOnlyList<DraftRow> Drafts { get; private set; } = [];

    public IReadOnlyList<QuestionnaireProblem> ImportProblems { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateDraftAsync(int versionId)
    {
        var version = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId);
        if (version is null)
            return NotFound();
        var definition = QuestionnaireJson.Parse(version.DefinitionJson, out _)!;
        var draft = await editor.CreateAsync(definition, version.Id);
        return RedirectToPage("/Admin/Questionnaires/Draft", new { id = draft.Id });
    }

    /// <summary>A questionnaire file in the default questionnaire's format becomes a draft, once it validates.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0 || file.Length > MaxImportBytes)
        {
            ImportProblems = [QuestionnaireProblem.Of("", "FileTooLarge", "The file is empty or larger than {0} KB.", MaxImportBytes / 1024)];
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var definition = QuestionnaireJson.Parse(await reader.ReadToEndAsync(), out var problems);
            ImportProblems = problems;
            if (definition is not null && problems.Count == 0)
            {
                var draft = await editor.CreateAsync(definition, basedOnVersionId: null);
                return RedirectToPage("/Admin/Questionnaires/Draft", new { id = draft.Id });
            }
        }

        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        Versions = (await db.QuestionnaireVersions.AsNoTracking()
                .OrderBy(v => v.Key).ThenByDescending(v => v.Version).ThenByDescending(v => v.Revision)
                .Select(v => new { v.Id, v.Key, v.Version, v.Revision, v.PublishedAt, v.PublishedBy, Scans = db.Scans.Count(s => s.QuestionnaireVersionId == v.Id) })
                .ToListAsync())
            .Select(v => new VersionRow(v.Id, v.Key, v.Revision == 0 ? $"v{v.Version}" : $"v{v.Version}.{v.Revision}", v.PublishedAt, v.PublishedBy, v.Scans))
            .ToList();
        Drafts = await db.QuestionnaireDrafts.AsNoTracking().OrderByDescending(d => d.UpdatedAt)
            .Select(d => new DraftRow(d.Id, d.Key, d.BasedOnVersion == null ? null : "v" + d.BasedOnVersion.Version + (d.BasedOnVersion.Revision == 0 ? "" : "." + d.BasedOnVersion.Revision), d.UpdatedBy, d.UpdatedAt))
            .ToListAsync();
    }
}
