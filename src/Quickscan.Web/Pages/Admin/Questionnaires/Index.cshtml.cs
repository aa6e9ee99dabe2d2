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
            var json = await reader.ReadToEndAsync();
            var definition = QuestionnaireJson.Parse(json, out var problems);
            ImportProblems = definition is null ? problems : [.. ControlCharacterProblems(json), .. problems];
            if (definition is not null && ImportProblems.Count == 0)
            {
                var draft = await editor.CreateAsync(definition, basedOnVersionId: null);
                return RedirectToPage("/Admin/Questionnaires/Draft", new { id = draft.Id });
            }
        }

        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// A problem for every text in the file with a control character other than a line break (a "\u0000" in
    /// the JSON, say): they would reach every respondent's page, the exports and the database.
    /// </summary>
    public static IEnumerable<QuestionnaireProblem> ControlCharacterProblems(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json, new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var found = new List<QuestionnaireProblem>();
        Walk(document.RootElement, "");
        return found;

        void Walk(System.Text.Json.JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                        if (!Infrastructure.RequestHygiene.IsPlainText(property.Name))
                            found.Add(QuestionnaireProblem.Of(path, Infrastructure.TextRules.ControlCharactersCode, "This text contains invisible control characters; only line breaks are allowed."));
                        Walk(property.Value, at);
                    }

                    break;
                case System.Text.Json.JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                        Walk(item, $"{path}[{index++}]");
                    break;
                case System.Text.Json.JsonValueKind.String when !Infrastructure.RequestHygiene.IsPlainText(element.GetString(), multiLine: true):
                    found.Add(QuestionnaireProblem.Of(path, Infrastructure.TextRules.ControlCharactersCode, "This text contains invisible control characters; only line breaks are allowed."));
                    break;
            }
        }
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
