using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The optional profile: role group and department, for the breakdown in the report.</summary>
public sealed class ProfileModel(RespondentJourney journey, QuestionnaireCache questionnaires, IValidator<ProfileInput> validator)
    : RespondentPageModel(journey, questionnaires)
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadRespondentAsync(withAnswers: true) is { } stop)
            return stop;
        Input = new ProfileInput { RoleGroup = Respondent.RoleGroup, Department = Respondent.Department };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadRespondentAsync(withAnswers: false) is { } stop)
            return stop;
        if (!(await validator.ValidateAsync(Input, HttpContext.RequestAborted)).IsValid)
            return BadRequest();
        var department = string.IsNullOrWhiteSpace(Input.Department) ? null : Input.Department.Trim();
        var role = string.IsNullOrEmpty(Input.RoleGroup) ? null : Input.RoleGroup;
        // An interview's role group is required (its form has no "rather not say").
        if (Respondent.IsInterview && role is null)
            return BadRequest();
        if (await Journey.SaveProfileAsync(Respondent.Id, role, department, HttpContext.RequestAborted) == SaveOutcome.Locked)
            return RedirectToPage("/Respond/Result", new { Token });
        // The steps come from the saved profile (routing may depend on the role group): continue where the respondent was.
        return RedirectToPage("/Respond/Continue", new { Token });
    }
}
