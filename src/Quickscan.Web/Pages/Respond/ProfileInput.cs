using FluentValidation;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>The optional profile: a role group and a department. Never a name or an email address.</summary>
public sealed class ProfileInput
{
    public string? RoleGroup { get; set; }

    public string? Department { get; set; }

    public const int DepartmentMaxLength = 100;
}

public sealed class ProfileValidator : AbstractValidator<ProfileInput>
{
    public ProfileValidator()
    {
        RuleFor(x => x.RoleGroup)
            .Must(role => string.IsNullOrEmpty(role) || RoleGroups.All.Contains(role))
            .WithMessage("Unknown role group.");
        RuleFor(x => x.Department)
            .MaximumLength(ProfileInput.DepartmentMaxLength)
            .SingleLine()
            .Must(department => department is null || !department.Contains('@'))
            .WithMessage("A department, not an email address.");
    }
}

/// <summary>The role groups a respondent can choose from; the report breaks results down by them.</summary>
public static class RoleGroups
{
    public const string Management = "management";
    public const string Employee = "employee";
    public const string CommunityManager = "community-manager";
    public const string Support = "support";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Employee, Management, CommunityManager, Support, Other];
}
