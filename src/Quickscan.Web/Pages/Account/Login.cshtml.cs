using FluentValidation;
using Quickscan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Account;

public sealed class LoginInput
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
}

public sealed class LoginValidator : AbstractValidator<LoginInput>
{
    public LoginValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256).SingleLine();
        RuleFor(x => x.Password).NotEmpty().MaximumLength(256).SingleLine();
    }
}

/// <summary>
/// Sign-in for consultants and admins. Too many wrong passwords for one address pause attempts for it from
/// unknown browsers (429); the same for an address without an account.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn, IValidator<LoginInput> validator, IStringLocalizer<SharedResource> text, Infrastructure.Mailer mailer) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>"password-set" after a set-password link was used.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>"Forgot password" works only with email.</summary>
    public bool CanResetByEmail => mailer.Enabled;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await validator.ValidateAsync(Input)).IsValid)
        {
            Error = text["Login.Missing"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
            return LocalRedirect(SafeReturnUrl());
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = SafeReturnUrl(), Input.RememberMe });
        Error = result.IsLockedOut ? text["Login.LockedOut"]
            : result.IsNotAllowed && await IsRightPasswordAsync() ? text["Login.NotAllowed"]
            : text["Login.Failed"];
        if (result.IsLockedOut)
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }

    /// <summary>
    /// A disabled account is refused before its password is checked; only with the right password does the
    /// refusal say so (neutrally), so a wrong guess learns nothing about the account.
    /// </summary>
    private async Task<bool> IsRightPasswordAsync() =>
        await signIn.UserManager.FindByEmailAsync(Input.Email.Trim()) is { } user && await signIn.UserManager.CheckPasswordAsync(user, Input.Password);

    private string SafeReturnUrl() => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/clients";
}
