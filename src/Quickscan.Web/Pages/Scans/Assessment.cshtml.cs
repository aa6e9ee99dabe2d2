using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// The consultant's expert assessment: per condition a level 1–5 (named as in the scan's questionnaire
/// version) and an optional comment, stored as one ExpertAssessment row per assessed condition. The report
/// shows it beside the respondents' view. Saving sets what the form holds: a condition without a level has
/// no row (clearing removes it); a save that changes nothing writes nothing.
/// </summary>
public sealed class AssessmentModel(
    QuickscanDbContext db,
    CurrentUser user,
    AuditLog audit,
    QuestionnaireCache questionnaires,
    TimeProvider clock,
    IValidator<AssessmentInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AssessmentInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public Scan Scan { get; private set; } = null!;

    public Questionnaire Questionnaire { get; private set; } = null!;

    public Language Language => Localization.CurrentLanguage;

    /// <summary>Someone saved the assessment at the same moment; the form shows what is stored now.</summary>
    public bool Conflict { get; private set; }

    /// <summary>Conditions whose comment has no level (the one mistake the form lets a person make).</summary>
    public IReadOnlyList<string> CommentsWithoutLevel { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } stop)
            return stop;
        await ShowStoredAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop)
            return stop;
        Saved = false;
        Input.NormalizeLineBreaks();
        var context = new ValidationContext<AssessmentInput>(Input);
        context.RootContextData[AssessmentInput.QuestionnaireKey] = Questionnaire;
        var validation = await validator.ValidateAsync(context, HttpContext.RequestAborted);
        if (validation.Errors.Any(e => e.ErrorCode != AssessmentInput.CommentWithoutLevel))
            return BadRequest();
        if (!validation.IsValid)
        {
            CommentsWithoutLevel = Questionnaire.Conditions.Select(c => c.Key)
                .Where(key => validation.Errors.Any(e => e.PropertyName == $"Comments[{key}]"))
                .ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var stored = await db.ExpertAssessments.Where(a => a.ScanId == Id).ToDictionaryAsync(a => a.ConditionKey, HttpContext.RequestAborted);
        var before = Describe(stored.Values);
        var now = clock.GetUtcNow();
        var changed = new List<string>();
        foreach (var condition in Questionnaire.Conditions.Select(c => c.Key))
        {
            var (level, comment) = (Input.LevelOf(condition), Input.CommentOf(condition));
            var row = stored.GetValueOrDefault(condition);
            if (level is null)
            {
                if (row is null)
                    continue;
                db.ExpertAssessments.Remove(row);
                stored.Remove(condition);
            }
            else if (row is null)
            {
                stored[condition] = db.ExpertAssessments.Add(new ExpertAssessment { ScanId = Id, ConditionKey = condition, Level = level.Value, Comment = comment, UpdatedAt = now }).Entity;
            }
            else if (row.Level != level || row.Comment != comment)
            {
                (row.Level, row.Comment, row.UpdatedAt) = (level.Value, comment, now);
            }
            else
            {
                continue;
            }

            changed.Add(condition);
        }

        if (changed.Count > 0)
        {
            audit.Record(AuditActions.ScanExpertAssessmentChanged, AuditEntities.Scan, Id, $"{Scan.Title}: {string.Join(", ", changed)}", before, Describe(stored.Values));
            try
            {
                await db.SaveChangesAsync(HttpContext.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Saved at the same moment from another window (a row added or removed in between): keep
                // neither half-applied, show what is stored now.
                db.ChangeTracker.Clear();
                Conflict = true;
                await ShowStoredAsync();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
        }

        return RedirectToPage(new { id = Id, saved = "true" });
    }

    private async Task ShowStoredAsync()
    {
        var stored = await db.ExpertAssessments.AsNoTracking().Where(a => a.ScanId == Id).ToListAsync(HttpContext.RequestAborted);
        Input = new AssessmentInput
        {
            Levels = stored.ToDictionary(a => a.ConditionKey, a => (string?)a.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Comments = stored.ToDictionary(a => a.ConditionKey, a => a.Comment),
        };
    }

    /// <summary>For the audit entry: each assessed condition's level and comment.</summary>
    private static string Describe(IEnumerable<ExpertAssessment> assessments) =>
        JsonSerializer.Serialize(assessments
            .OrderBy(a => ConditionKeys.All.ToList().IndexOf(a.ConditionKey))
            .ToDictionary(a => a.ConditionKey, a => new { level = a.Level, comment = a.Comment }));

    private async Task<IActionResult?> LoadAsync()
    {
        var scan = await db.Scans.AsNoTracking().VisibleTo(user).Include(s => s.Organisation).SingleOrDefaultAsync(s => s.Id == Id, HttpContext.RequestAborted);
        if (scan is null)
            return NotFound();
        Scan = scan;
        Questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);
        return null;
    }
}
