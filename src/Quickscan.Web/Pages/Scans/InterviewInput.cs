using FluentValidation;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans;

/// <summary>Who is interviewed, without saying who: a role group (required for an interview) and optionally a department.</summary>
public sealed class InterviewInput
{
    public string? RoleGroup { get; set; }
    public string? Department { get; set; }

    /// <summary>"intake": the interview is the owner intake (the facts too); otherwise an employee's interview.</summary>
    public string? Kind { get; set; }

    public const string Intake = "intake";
    public const string Survey = "survey";

    public Domain.Scoring.Track Track => Kind == Intake ? Domain.Scoring.Track.Intake : Domain.Scoring.Track.Survey;
}

public sealed class InterviewValidator : AbstractValidator<InterviewInput>
{
    public InterviewValidator()
    {
        RuleFor(x => x.RoleGroup)
            .NotEmpty()
            .Must(role => role is null || RoleGroups.All.Contains(role))
            .WithMessage("Choose one of the role groups.");
        RuleFor(x => x.Kind)
            .Must(kind => kind is null or InterviewInput.Intake or InterviewInput.Survey)
            .WithMessage("Choose an employee interview or the owner intake.");
        RuleFor(x => x.Department)
            .MaximumLength(ProfileInput.DepartmentMaxLength)
            .SingleLine()
            .Must(department => department is null || !department.Contains('@'))
            .WithMessage("A department, not an email address.");
    }
}
