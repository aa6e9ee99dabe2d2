using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Identity's sign-in with Quickscan's rules on top:
/// <list type="bullet">
/// <item>every sign-in starts a server-side session (<see cref="Sessions"/>), every sign-out ends it;</item>
/// <item>a disabled user can't sign in, whatever their password;</item>
/// <item>wrong passwords never lock an account (that would let anyone lock a known consultant out): they are
/// limited per account by <see cref="SignInThrottle"/>, keyed on the typed address whether or not an account
/// has it, so known and unknown addresses get the same answers; an unknown address costs the same password
/// hashing as a known one, so the timing doesn't tell them apart either;</item>
/// <item>wrong authenticator or recovery codes (only reachable with the right password) do lock the account;
/// that lockout is only mentioned to someone who typed the right password;</item>
/// <item>sign-ins, failures, lockouts go into the audit trail.</item>
/// </list>
/// </summary>
public sealed class QuickscanSignInManager(
    UserManager<User> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation,
    QuickscanDbContext db,
    AuditLog audit,
    SignInThrottle throttle,
    TimeProvider clock)
    : SignInManager<User>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<bool> CanSignInAsync(User user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var key = throttle.KeyFor(Context, userName);
        if (!throttle.MayTry(key))
            return SignInResult.LockedOut;
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            DummyPasswordCheck(password);
            throttle.Failed(key);
            await RecordAsync(AuditActions.AccountSignInFailed, null, "?", "unknown account");
            return SignInResult.Failed;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        if (result.IsLockedOut && !await UserManager.CheckPasswordAsync(user, password))
            result = SignInResult.Failed;
        if (result.Succeeded)
            await RecordAsync(AuditActions.AccountSignedIn, user, "password");
        else if (result.RequiresTwoFactor)
            await RecordAsync(AuditActions.AccountPasswordVerified, user, "second step next");
        else
        {
            if (!result.IsLockedOut)
                throttle.Failed(key);
            await RecordAsync(result.IsNotAllowed ? AuditActions.AccountSignInRefused : AuditActions.AccountSignInFailed, user, result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "disabled" : "wrong password");
        }

        return result;
    }

    /// <summary>
    /// One code attempt at a time per account: the attempt holds the user's row (PostgreSQL) from before the code is
    /// checked until its sign-in is saved, and reads the user again once it holds it. Two browsers sending the same
    /// code at once otherwise raced on the row (the winner's lockout reset against the losers' failed-attempt counts),
    /// so that now and then nobody was signed in, or one got a 500.
    /// </summary>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null || !db.Database.IsNpgsql())
            return await AuthenticatorSignInAsync(user, code, isPersistent, rememberClient);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE \"Id\" = {user.Id} FOR UPDATE");
            await db.Entry(user).ReloadAsync();
            var result = await AuthenticatorSignInAsync(user, code, isPersistent, rememberClient);
            await transaction.CommitAsync();
            return result;
        });
    }

    private async Task<SignInResult> AuthenticatorSignInAsync(User? user, string code, bool isPersistent, bool rememberClient)
    {
        var lockedBefore = user is not null && await UserManager.IsLockedOutAsync(user);
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await RecordTwoFactorAsync(user, result, "authenticator code", lockedBefore);
        return result;
    }

    /// <summary>Recovery codes get the same checks as authenticator codes: refused while locked out or disabled, every wrong one counts.</summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return SignInResult.Failed;
        var lockedBefore = await UserManager.IsLockedOutAsync(user);
        var result = await PreSignInCheck(user) ?? await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded && !result.IsLockedOut && !result.IsNotAllowed && UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
                result = SignInResult.LockedOut;
        }

        await RecordTwoFactorAsync(user, result, "recovery code", lockedBefore);
        return result;
    }

    public override async Task RefreshSignInAsync(User user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>
    /// Every way into the app ends here: a new sign-in gets a new session, a refresh (after the user changed
    /// their own password or two-factor settings) keeps the one it has.
    /// </summary>
    public override async Task SignInWithClaimsAsync(User user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var current = Sessions.IdOf(Context.User);
        Guid sessionId;
        if (_refreshing && current is { } existing && Context.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString())
            sessionId = existing;
        else
        {
            await EndSessionAsync();
            var session = new UserSession { UserId = user.Id, CreatedAt = clock.GetUtcNow() };
            db.UserSessions.Add(session);
            await db.SaveChangesAsync();
            sessionId = session.Id;
            throttle.TrustDevice(Context, user.UserName ?? "");
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "en" ? "en" : "nl";
            if (user.Language != language)
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language));
                user.Language = language;
            }
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(Sessions.Claim, sessionId.ToString())));
    }

    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true)
            await RecordAsync(AuditActions.AccountSignedOut, await UserManager.GetUserAsync(Context.User), null);
        await EndSessionAsync();
        await base.SignOutAsync();
    }

    private async Task EndSessionAsync()
    {
        if (Sessions.IdOf(Context.User) is { } id)
            await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    private async Task RecordTwoFactorAsync(User? user, SignInResult result, string how, bool lockedBefore)
    {
        if (user is null)
            return;
        if (result.Succeeded)
            await RecordAsync(AuditActions.AccountSignedIn, user, how);
        else if (result.IsLockedOut)
            await RecordAsync(lockedBefore ? AuditActions.AccountSignInRefused : AuditActions.AccountLockedOut, user, lockedBefore ? "locked out" : how);
        else
            await RecordAsync(AuditActions.AccountTwoFactorFailed, user, how);
    }

    private Task RecordAsync(string action, User? user, string? summary) =>
        RecordAsync(action, user?.Id, user?.Email ?? "?", summary);

    /// <summary>Saved at once: a failed attempt has no other change to ride along with.</summary>
    private async Task RecordAsync(string action, Guid? userId, string userName, string? summary)
    {
        audit.RecordAs(userId, userName, action, AuditEntities.User, userId?.ToString() ?? "-", summary);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException e)
        {
            // A user row another request changed first (two attempts at the same moment; Identity already
            // reported its own save as failed): drop the stale copy, keep the audit entry.
            foreach (var stale in e.Entries)
                stale.State = EntityState.Detached;
            await db.SaveChangesAsync();
        }
    }

    private static readonly User DummyUser = new() { DisplayName = "" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(DummyUser, Tokens.New()));

    /// <summary>The password hashing a known account costs, for an unknown one.</summary>
    private void DummyPasswordCheck(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash.Value, password);
}

/// <summary>The sign-in limits; the "RateLimits" section of the settings can change them.</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Wrong passwords per account per window, from browsers the account has not signed in with before.</summary>
    public int FailuresPerAccount { get; set; } = 10;

    /// <summary>Wrong passwords per account per window from one browser it did sign in with before (that browser's own budget).</summary>
    public int FailuresPerTrustedDevice { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Wrong passwords per account, counted in memory (per instance), keyed on the address as typed, so an
/// address without an account behaves exactly like one with. A browser that signed in to the account
/// before carries a device cookie (Data Protection, so it can't be forged) and gets a budget of its own:
/// someone guessing passwords from elsewhere uses up only the budget of unknown browsers, and can't keep
/// the consultant out of their own laptop. (OWASP: "slow down online guessing attacks with device cookies".)
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string DeviceCookie = "qs_device";
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly IDataProtector _protector;
    private readonly SignInLimitOptions _options;

    public SignInThrottle(IOptions<SignInLimitOptions> options, IDataProtectionProvider protection)
    {
        _options = options.Value;
        _protector = protection.CreateProtector("Quickscan.SignInDevice");
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.EndsWith("\n*", StringComparison.Ordinal) ? _options.FailuresPerAccount : _options.FailuresPerTrustedDevice,
            Window = _options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public string KeyFor(HttpContext context, string userName)
    {
        var account = userName.Trim().ToUpperInvariant();
        return $"{account}\n{TrustedDevice(context, account) ?? "*"}";
    }

    /// <summary>Whether this budget has an attempt left; only failures use it up.</summary>
    public bool MayTry(string key) => _limiter.GetStatistics(key)?.CurrentAvailablePermits is not <= 0;

    public void Failed(string key) => _limiter.AttemptAcquire(key).Dispose();

    /// <summary>After a complete sign-in: this browser is one the account uses.</summary>
    public void TrustDevice(HttpContext context, string userName)
    {
        var account = userName.Trim().ToUpperInvariant();
        if (TrustedDevice(context, account) is not null)
            return;
        var value = _protector.Protect($"{Guid.NewGuid():N}\n{account}");
        context.Response.Cookies.Append(DeviceCookie, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

    private string? TrustedDevice(HttpContext context, string account)
    {
        if (!context.Request.Cookies.TryGetValue(DeviceCookie, out var value) || string.IsNullOrEmpty(value))
            return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 && parts[1] == account ? parts[0] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
