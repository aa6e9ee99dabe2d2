using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Account;

public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().MaximumLength(256);
        RuleFor(x => x.NewPassword).NotEmpty().MinimumLength(12).MaximumLength(256).NotEqual(x => x.CurrentPassword);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword);
    }
}

/// <summary>Choosing a new password; required after an admin handed out a temporary one.</summary>
public sealed class ChangePasswordModel(UserManager<User> users, SignInManager<User> signIn, IValidator<ChangePasswordInput> validator, Infrastructure.AuditLog audit, Infrastructure.SecurityNotices notices) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool MustChange => User.HasClaim(c => c.Type == Infrastructure.Accounts.MustChangePasswordClaim);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            Errors = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            return Page();
        }

        // Saved with the new password, or not at all. Changing it ends the user's other sessions (new security stamp).
        audit.Record(AuditActions.UserPasswordChanged, AuditEntities.User, user.Id, user.Email);
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Code).ToList();
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        await notices.SendAsync(user, Infrastructure.SecurityNotice.PasswordChanged);
        return RedirectToPage("/Clients/Index");
    }
}
