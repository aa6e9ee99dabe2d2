using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OtpNet;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Server-side sessions. Every sign-in makes a <see cref="UserSession"/> row whose id goes into the auth
/// cookie; every request checks, in one indexed query, that the row still exists, that the user is not
/// disabled and that their security stamp is the one the cookie was issued with. So signing out (the row
/// is deleted) ends that session at once, a copied cookie included, and a disabled user, a changed role,
/// a reset password or a reset two-factor sign-in (each changes the stamp) end every session of that user
/// on their next request. The rows live in the database, so this holds across instances.
/// </summary>
public static class Sessions
{
    public const string Claim = "quickscan:sid";

    /// <summary>However often a session is used, it ends this long after sign-in.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    public static Guid? IdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Claim), out var id) ? id : null;

    /// <summary>The cookie handler's check on every request, before Identity's periodic stamp check.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || !await IsLiveAsync(context.HttpContext, principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task<bool> IsLiveAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var services = http.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (IdOf(principal) is not { } sessionId
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || principal.FindFirstValue(stampClaim) is not { } stamp)
            return false;
        var db = services.GetRequiredService<QuickscanDbContext>();
        var notBefore = services.GetRequiredService<TimeProvider>().GetUtcNow() - MaxAge;
        var live = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.CreatedAt, u.SecurityStamp, u.IsDisabled })
            .SingleOrDefaultAsync();
        return live is not null && !live.IsDisabled && live.SecurityStamp == stamp && live.CreatedAt > notBefore;
    }

    /// <summary>Identity's periodic refresh rebuilds the principal: keep the session id in it.</summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(Claim) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == Claim))
            identity.AddClaim(new Claim(Claim, claim.Value));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Authenticator codes that work once: a code is accepted only for a time step later than the last one
/// accepted for that user, recorded with a conditional update so that two requests racing with the same
/// code can't both win.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(QuickscanDbContext db) : AuthenticatorTokenProvider<User>
{
    /// <summary>Codes of two steps (a minute) either side of now are accepted, for phone clocks that drift.</summary>
    private static readonly VerificationWindow Window = new(previous: 2, future: 2);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
            return false;
        byte[] secret;
        try
        {
            secret = Base32Encoding.ToBytes(key);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!new Totp(secret).VerifyTotp(token, out var step, Window))
            return false;
        // A new concurrency stamp too: a request that loaded the user before this (the loser of a race with the
        // same code) can then no longer save its copy, which would put the old step back.
        var stamp = Guid.NewGuid().ToString();
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorStep == null || u.LastAuthenticatorStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastAuthenticatorStep, step).SetProperty(x => x.ConcurrencyStamp, stamp));
        if (claimed != 1)
            return false;
        var entry = db.Entry(user);
        entry.Property(u => u.LastAuthenticatorStep).CurrentValue = step;
        entry.Property(u => u.LastAuthenticatorStep).OriginalValue = step;
        entry.Property(u => u.ConcurrencyStamp).CurrentValue = stamp;
        entry.Property(u => u.ConcurrencyStamp).OriginalValue = stamp;
        return true;
    }
}
