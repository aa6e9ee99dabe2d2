using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Account.Manage;

public sealed class TwoFactorCodeInput
{
    public string Code { get; set; } = "";
}

/// <summary>Proof that it is the user who turns two-factor sign-in off: their password or a current code.</summary>
public sealed class TwoFactorDisableInput
{
    public string Secret { get; set; } = "";
}

public sealed class TwoFactorDisableValidator : AbstractValidator<TwoFactorDisableInput>
{
    public TwoFactorDisableValidator() => RuleFor(x => x.Secret).NotEmpty().MaximumLength(256);
}

public sealed class TwoFactorCodeValidator : AbstractValidator<TwoFactorCodeInput>
{
    public TwoFactorCodeValidator() =>
        RuleFor(x => x.Code).NotEmpty().MaximumLength(64).SingleLine().Must(c => c is not null && TwoFactorCodes.IsAuthenticatorCode(TwoFactorCodes.Normalize(c)));
}

/// <summary>
/// Two-factor sign-in with an authenticator app: set it up (shared key and QR code, then a code to prove
/// the app works), see how many recovery codes are left, get new ones, or turn it off. Recovery codes
/// are shown once, in the response to the request that made them, and never stored in the browser.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    QuickscanDbContext db,
    AuditLog audit,
    IValidator<TwoFactorCodeInput> validator,
    IValidator<TwoFactorDisableInput> disableValidator,
    SecurityNotices notices) : PageModel
{
    public const string Issuer = "Quickscan";
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public TwoFactorCodeInput Input { get; set; } = new();

    [BindProperty]
    public TwoFactorDisableInput Disable { get; set; } = new();

    /// <summary>The password or code given to turn it off was wrong.</summary>
    public bool DisableError { get; private set; }

    /// <summary>What just happened, after a redirect: "disabled".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>The authenticator key in groups of four, for typing it into the app.</summary>
    public string SharedKey { get; private set; } = "";

    /// <summary>The otpauth:// URI in the QR code.</summary>
    public string AuthenticatorUri { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes: only in the response that made them.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>Why the code was refused: "Format" or "Wrong".</summary>
    public string? CodeError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Turns two-factor sign-in on once a code from the app proves it has the key.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (user.TwoFactorEnabled)
            return RedirectToPage();
        var valid = (await validator.ValidateAsync(Input)).IsValid;
        if (!valid || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, TwoFactorCodes.AuthenticatorCode(TwoFactorCodes.Normalize(Input.Code))))
        {
            CodeError = valid ? "Wrong" : "Format";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(user);
            return Page();
        }

        IEnumerable<string>? codes = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            audit.Record(AuditActions.UserTwoFactorEnabled, AuditEntities.User, user.Id, user.Email);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            await transaction.CommitAsync();
        });

        // Turning it on changed the security stamp: renew this session's cookie so it stays valid.
        await signIn.RefreshSignInAsync(user);
        await notices.SendAsync(user, SecurityNotice.TwoFactorEnabled);
        return ShowRecoveryCodes(codes);
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (!user.TwoFactorEnabled)
            return RedirectToPage();
        audit.Record(AuditActions.UserRecoveryCodesRegenerated, AuditEntities.User, user.Id, user.Email);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        Enabled = true;
        return ShowRecoveryCodes(codes);
    }

    /// <summary>
    /// Turns two-factor sign-in off and forgets the key, so the app's entry no longer works. Asks for the
    /// password or a current code, so that a session left open (or a stolen cookie) can't do it. A wrong one
    /// counts towards the lockout like a wrong code at sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        if (!user.TwoFactorEnabled)
            return RedirectToPage();
        if (await users.IsLockedOutAsync(user) || !(await disableValidator.ValidateAsync(Disable)).IsValid || !await ProvesUserAsync(user, Disable.Secret))
        {
            if ((await disableValidator.ValidateAsync(Disable)).IsValid)
            {
                audit.Record(AuditActions.UserTwoFactorDisableRefused, AuditEntities.User, user.Id, user.Email);
                await users.AccessFailedAsync(user);
            }

            DisableError = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(user);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            audit.Record(AuditActions.UserTwoFactorDisabled, AuditEntities.User, user.Id, user.Email);
            Check(await users.SetTwoFactorEnabledAsync(user, false));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await transaction.CommitAsync();
        });

        await signIn.RefreshSignInAsync(user);
        await notices.SendAsync(user, SecurityNotice.TwoFactorDisabled);
        return RedirectToPage(new { Done = "disabled" });
    }

    private async Task<bool> ProvesUserAsync(User user, string secret)
    {
        var code = TwoFactorCodes.Normalize(secret);
        if (TwoFactorCodes.IsAuthenticatorCode(code)
            && await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, TwoFactorCodes.AuthenticatorCode(code)))
            return true;
        return await users.CheckPasswordAsync(user, secret);
    }

    private PageResult ShowRecoveryCodes(IEnumerable<string>? codes)
    {
        RecoveryCodes = [.. codes ?? []];
        Enabled = true;
        RecoveryCodesLeft = RecoveryCodes.Count;
        Response.Headers.CacheControl = "no-cache, no-store";
        return Page();
    }

    private async Task LoadAsync(User user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        // The key is made when first needed, and kept until two-factor sign-in is turned off again.
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after creating one.");
        }

        SharedKey = FormatKey(key);
        AuthenticatorUri = OtpAuthUri(user.Email ?? user.UserName ?? "", key);
        Response.Headers.CacheControl = "no-cache, no-store";
    }

    public static string FormatKey(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(group => new string(group)));

    public static string OtpAuthUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Changing two-factor sign-in failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
