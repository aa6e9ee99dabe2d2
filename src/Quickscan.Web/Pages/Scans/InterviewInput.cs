using FluentValidation;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans;

/// <summary>Who is interviewed, without saying who: a role group (required for an interview) and optionally a department.</summary>
public sealed class InterviewInput
{
    public string? RoleGroup { get; set; }
    public string? Department { get; set; }
}

public sealed class InterviewValidator : AbstractValidator<InterviewInput>
{
    public InterviewValidator()
    {
        RuleFor(x => x.RoleGroup)
            .NotEmpty()
            .Must(role => role is null || RoleGroups.All.Contains(role))
            .WithMessage("Choose one of the role groups.");
        RuleFor(x => x.Department)
            .MaximumLength(ProfileInput.DepartmentMaxLength)
            .SingleLine()
            .Must(department => department is null || !department.Contains('@'))
            .WithMessage("A department, not an email address.");
    }
}
