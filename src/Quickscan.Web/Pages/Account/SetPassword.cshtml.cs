using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Account;

public sealed class SetPasswordInput
{
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class SetPasswordValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordValidator()
    {
        RuleFor(x => x.NewPassword).NotEmpty().MinimumLength(12).MaximumLength(256);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword);
    }
}

/// <summary>
/// The page a set-password link (invitation, forgot password, an admin's reset) opens. The link works once
/// and for a day; setting the password ends every session of the account and lifts a lockout.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(UserManager<User> users, AuditLog audit, SecurityNotices notices, IValidator<SetPasswordInput> validator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    /// <summary>The link no longer works (used, expired, or made up).</summary>
    public bool Expired { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await ValidLinkUserAsync() is null)
            return ShowExpired();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await ValidLinkUserAsync() is not { } user)
            return ShowExpired();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            Errors = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var firstPassword = user.PasswordHash is null;
        user.MustChangePassword = false;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.RecordAs(user.Id, user.Email ?? "", firstPassword ? AuditActions.UserPasswordChosen : AuditActions.UserPasswordSetByLink, AuditEntities.User, user.Id, user.Email);
        var result = await users.ResetPasswordAsync(user, Code!, Input.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                return ShowExpired();
            Errors = result.Errors.Select(e => e.Code).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!firstPassword)
            await notices.SendAsync(user, SecurityNotice.PasswordChanged);
        return Redirect("/account/login?done=password-set");
    }

    private async Task<User?> ValidLinkUserAsync()
    {
        if (string.IsNullOrEmpty(Code) || Code.Length > 2048 || await users.FindByIdAsync(UserId.ToString()) is not { IsDisabled: false } user)
            return null;
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, Code) ? user : null;
    }

    private PageResult ShowExpired()
    {
        Expired = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
