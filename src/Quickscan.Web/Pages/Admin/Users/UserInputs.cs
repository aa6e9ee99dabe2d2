using FluentValidation;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Admin.Users;

/// <summary>A new consultant or admin; the password is made up by the app and shown to the admin once.</summary>
public sealed class NewUserInput
{
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = Roles.Consultant;
}

public sealed class NewUserValidator : AbstractValidator<NewUserInput>
{
    public NewUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256).SingleLine().EmailAddress();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).SingleLine();
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r));
    }
}

/// <summary>
/// A change to a user: the user's concurrency stamp as it was when the admin opened the page, so a change
/// made by someone else in between is noticed instead of overwritten; for a role change, the new role.
/// </summary>
public sealed class UserChangeInput
{
    public string Stamp { get; set; } = "";
    public string? Role { get; set; }
}

public sealed class UserChangeValidator : AbstractValidator<UserChangeInput>
{
    public UserChangeValidator()
    {
        RuleFor(x => x.Stamp).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Role).Must(r => r is null || Roles.All.Contains(r));
    }
}

/// <summary>Moving every client of a user to another consultant.</summary>
public sealed class MoveClientsInput
{
    public Guid TargetId { get; set; }

    /// <summary>The clients to hand over; none given means all of them (the hand-over of a leaving consultant).</summary>
    public List<Guid> ClientIds { get; set; } = [];
}

public sealed class MoveClientsValidator : AbstractValidator<MoveClientsInput>
{
    public MoveClientsValidator() => RuleFor(x => x.TargetId).NotEmpty();
}
