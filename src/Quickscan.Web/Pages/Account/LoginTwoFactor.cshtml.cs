using FluentValidation;
using Quickscan.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Account;

public sealed class LoginTwoFactorInput
{
    /// <summary>A six-digit code from the authenticator app, or one of the recovery codes.</summary>
    public string Code { get; set; } = "";

    /// <summary>Don't ask for a code on this device again (until the user's security stamp changes).</summary>
    public bool RememberMachine { get; set; }
}

public sealed class LoginTwoFactorValidator : AbstractValidator<LoginTwoFactorInput>
{
    public LoginTwoFactorValidator() => RuleFor(x => x.Code).NotEmpty().MaximumLength(64).SingleLine();
}

/// <summary>
/// The second step of signing in, after a correct password, for users with two-factor sign-in: a code from
/// the authenticator app or a recovery code (each works once). Wrong codes count towards the lockout.
/// </summary>
[AllowAnonymous]
public sealed class LoginTwoFactorModel(SignInManager<User> signIn, IValidator<LoginTwoFactorInput> validator, IStringLocalizer<SharedResource> text, ILogger<LoginTwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public LoginTwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Keep me signed in" from the password step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only after a correct password: otherwise there is nobody to ask a code of.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        if (!(await validator.ValidateAsync(Input)).IsValid)
        {
            Error = text["TwoFactor.Login.Missing"];
            return Page();
        }

        var code = TwoFactorCodes.Normalize(Input.Code);
        var usedRecoveryCode = !TwoFactorCodes.IsAuthenticatorCode(code);
        var result = usedRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.NormalizeRecoveryCode(code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.AuthenticatorCode(code), RememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            if (usedRecoveryCode)
                logger.LogInformation("A user signed in with a recovery code");
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/clients");
        }

        Error = result.IsLockedOut ? text["Login.LockedOut"] : text["TwoFactor.Login.Failed"];
        return Page();
    }
}

/// <summary>How people type codes: with spaces, dashes, in lower case.</summary>
public static class TwoFactorCodes
{
    public static string Normalize(string code) => string.Concat(code.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Six digits (spaces and a dash in the middle allowed when typed).</summary>
    public static bool IsAuthenticatorCode(string normalized)
    {
        var digits = normalized.Replace("-", "");
        return digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }

    public static string AuthenticatorCode(string normalized) => normalized.Replace("-", "");

    /// <summary>Recovery codes look like XXXXX-XXXXX; accept them in lower case or without the dash.</summary>
    public static string NormalizeRecoveryCode(string normalized)
    {
        var code = normalized.ToUpperInvariant();
        return code.Length == 10 && !code.Contains('-') ? $"{code[..5]}-{code[5..]}" : code;
    }
}
