using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>
/// The public self-scan: one page, one form, no account and no cookie. A complete form is scored, stored
/// anonymously and answered with a link to its result; an incomplete one comes back with the open questions named.
/// </summary>
[EnableRateLimiting(SelfScanSetup.SubmitPolicy)]
public sealed class IndexModel(SelfScans selfScans, IValidator<SelfScanInput> validator) : PageModel
{
    [BindProperty]
    public SelfScanInput Input { get; set; } = new();

    public Questionnaire Questionnaire { get; private set; } = null!;

    public IReadOnlyList<QuestionDefinition> Missing { get; private set; } = [];

    public Language Language => Localization.CurrentLanguage;

    public async Task<IActionResult> OnGetAsync()
    {
        var version = await selfScans.CurrentAsync(HttpContext.RequestAborted);
        if (version is null)
            return NotFound();
        Questionnaire = version.Questionnaire;
        Input.VersionId = version.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var version = await selfScans.VersionAsync(Input.VersionId, HttpContext.RequestAborted);
        if (version is null)
            return BadRequest();
        Questionnaire = version.Questionnaire;
        var context = new ValidationContext<SelfScanInput>(Input);
        context.RootContextData[SelfScanInput.QuestionnaireKey] = Questionnaire;
        if (!(await validator.ValidateAsync(context, HttpContext.RequestAborted)).IsValid)
            return BadRequest();

        Missing = Input.Unanswered(Questionnaire);
        if (Missing.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var token = await selfScans.SaveAsync(version, Input, Language, HttpContext.RequestAborted);
        return RedirectToPage("/SelfScan/Result", new { token });
    }

    public bool IsMissing(string questionKey) => Missing.Any(q => q.Key == questionKey);

    /// <summary>The number a question has on the form, 1-based, counted over the whole self-scan.</summary>
    public int Number(string questionKey) =>
        Questionnaire.Questions.Where(q => q.IsScored()).Select((q, i) => (q.Key, i)).First(x => x.Key == questionKey).i + 1;
}
