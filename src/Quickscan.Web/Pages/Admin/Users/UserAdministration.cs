using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Users;

/// <summary>How an admin's change to a user ended.</summary>
public enum UserChangeStatus
{
    Done,

    /// <summary>No such user.</summary>
    NotFound,

    /// <summary>Someone changed the user since the admin opened the page (or at the same moment); nothing was changed.</summary>
    Conflict,

    /// <summary>Not allowed, see <see cref="UserChangeResult.Problem"/>; nothing was changed.</summary>
    Refused,
}

/// <param name="Problem">For a refusal: "Self", "LastAdmin", "Duplicate", "InvalidEmail", "Target".</param>
/// <param name="TemporaryPassword">For a new user or a reset: the password to hand out, shown to the admin once and never stored or logged.</param>
/// <param name="Changed">False when the user already was as asked (nothing saved, no audit entry).</param>
/// <param name="Emailed">For a new user or a reset with email on: a set-password link was sent instead of a temporary password.</param>
public sealed record UserChangeResult(UserChangeStatus Status, string? Problem = null, string? TemporaryPassword = null, Guid? UserId = null, int Count = 0, bool Changed = true, bool Emailed = false)
{
    public static readonly UserChangeResult Done = new(UserChangeStatus.Done);
    public static readonly UserChangeResult Unchanged = new(UserChangeStatus.Done, Changed: false);
    public static readonly UserChangeResult NotFound = new(UserChangeStatus.NotFound);
    public static readonly UserChangeResult Conflict = new(UserChangeStatus.Conflict);

    public static UserChangeResult Refused(string problem) => new(UserChangeStatus.Refused, problem);
}

/// <summary>One row of the users list.</summary>
public sealed record UserSummary(Guid Id, string Name, string Email, string? Role, bool TwoFactor, bool Disabled, DateTimeOffset? LockedUntil, int Clients);

/// <summary>
/// What an admin can do to accounts: create, reset a password, disable and enable, change the role, move
/// a user's clients. Each change runs in one serializable transaction with its audit entry; a change to
/// the user row goes through UserManager.UpdateAsync, whose check of the concurrency stamp the admin's
/// form carried makes a change by someone else in between a conflict instead of a silent overwrite.
/// Rules: an admin can't demote or disable themselves, and there is always at least one enabled admin.
/// </summary>
public sealed class UserAdministration(QuickscanDbContext db, UserManager<User> users, CurrentUser actor, AuditLog audit, TimeProvider clock, Account.PasswordLinks links, SecurityNotices notices)
{
    public Task<IReadOnlyList<UserSummary>> ListAsync() => QueryAsync(db.Users);

    public async Task<UserSummary?> FindAsync(Guid id) => (await QueryAsync(db.Users.Where(u => u.Id == id))).SingleOrDefault();

    private async Task<IReadOnlyList<UserSummary>> QueryAsync(IQueryable<User> selection)
    {
        var rows = await selection.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).OrderBy(n => n).FirstOrDefault(),
                u.TwoFactorEnabled,
                u.IsDisabled,
                u.LockoutEnd,
                Clients = db.Organisations.Count(o => o.OwnerId == u.Id),
            })
            .ToListAsync();
        var now = clock.GetUtcNow();
        return rows.Select(u => new UserSummary(u.Id, u.DisplayName, u.Email ?? "", u.Role, u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd > now ? u.LockoutEnd : null, u.Clients)).ToList();
    }

    /// <summary>The stamp to put in the forms of a user's page.</summary>
    public Task<string?> StampAsync(Guid id) => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleOrDefaultAsync();

    /// <summary>The users who can take over clients: enabled, with a role, not the given one.</summary>
    public async Task<IReadOnlyList<UserSummary>> PossibleOwnersAsync(Guid except) =>
        (await ListAsync()).Where(u => u.Id != except && !u.Disabled && u.Role is not null).ToList();

    /// <summary>
    /// A new consultant or admin. With email on, they get an invitation with a link to choose their password;
    /// without, a temporary password for the admin to hand over, to be changed at first sign-in.
    /// </summary>
    public async Task<UserChangeResult> CreateAsync(NewUserInput input)
    {
        var result = await CreateAccountAsync(input);
        if (result is { Status: UserChangeStatus.Done, TemporaryPassword: null, UserId: { } id } && await users.FindByIdAsync(id.ToString()) is { } user)
            return result with { Emailed = await links.SendInvitationAsync(user, actor.Name) };
        return result;
    }

    private async Task<UserChangeResult> CreateAccountAsync(NewUserInput input) => await SerializableAsync(async () =>
    {
        var email = input.Email.Trim();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.Name.Trim(),
            MustChangePassword = !links.Enabled,
            CreatedAt = clock.GetUtcNow(),
            Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl",
        };
        var password = links.Enabled ? null : UserSeeding.TemporaryPassword();
        audit.Record(AuditActions.UserCreated, AuditEntities.User, user.Id, email, after: Json(new { email, name = user.DisplayName, role = input.Role, invited = password is null }));
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var codes = created.Errors.Select(e => e.Code).ToList();
            if (codes.Any(c => c is "DuplicateUserName" or "DuplicateEmail"))
                return UserChangeResult.Refused("Duplicate");
            if (codes.Any(c => c is "InvalidUserName" or "InvalidEmail"))
                return UserChangeResult.Refused("InvalidEmail");
            throw Failure(created);
        }

        Check(await users.AddToRoleAsync(user, input.Role));
        return new UserChangeResult(UserChangeStatus.Done, TemporaryPassword: password, UserId: user.Id);
    });

    /// <summary>
    /// A new temporary password, to be changed at the next sign-in. Ends the user's sessions (new security
    /// stamp) and lifts a lockout; the old password stops working.
    /// </summary>
    /// With email on, the old password is removed and the user gets a link to choose a new one instead.
    public async Task<UserChangeResult> ResetPasswordAsync(Guid id, string stamp)
    {
        var result = await ChangeAsync(id, stamp, async user =>
        {
            user.SecurityStamp = NewSecurityStamp();
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            audit.Record(AuditActions.UserPasswordReset, AuditEntities.User, user.Id, user.Email, after: Json(new { emailed = links.Enabled }));
            if (links.Enabled)
            {
                user.PasswordHash = null;
                user.MustChangePassword = false;
                return UserChangeResult.Done;
            }

            var password = UserSeeding.TemporaryPassword();
            foreach (var rule in users.PasswordValidators)
                Check(await rule.ValidateAsync(users, user, password));
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            return new UserChangeResult(UserChangeStatus.Done, TemporaryPassword: password);
        });
        if (result.Status == UserChangeStatus.Done && links.Enabled && await users.FindByIdAsync(id.ToString()) is { } changed)
            return result with { Emailed = await links.SendResetAsync(changed) };
        return result;
    }

    /// <summary>
    /// For a user who lost their phone and recovery codes: two-factor sign-in off, authenticator key and
    /// recovery codes gone, sessions ended; they sign in with their password and can set it up again.
    /// </summary>
    public async Task<UserChangeResult> ResetTwoFactorAsync(Guid id, string stamp)
    {
        var result = await ChangeAsync(id, stamp, async user =>
        {
            if (!user.TwoFactorEnabled)
                return UserChangeResult.Unchanged;
            user.TwoFactorEnabled = false;
            user.LastAuthenticatorStep = null;
            user.SecurityStamp = NewSecurityStamp();
            await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == "[AspNetUserStore]").ExecuteDeleteAsync();
            audit.Record(AuditActions.UserTwoFactorReset, AuditEntities.User, user.Id, user.Email, before: Json(new { twoFactor = true }), after: Json(new { twoFactor = false }));
            return UserChangeResult.Done;
        });
        if (result is { Status: UserChangeStatus.Done, Changed: true } && await users.FindByIdAsync(id.ToString()) is { } changed)
            await notices.SendAsync(changed, SecurityNotice.TwoFactorReset);
        return result;
    }

    /// <summary>A disabled user can't sign in and their sessions end; their clients and scans stay as they are.</summary>
    public Task<UserChangeResult> SetDisabledAsync(Guid id, string stamp, bool disabled) => ChangeAsync(id, stamp, async user =>
    {
        if (user.IsDisabled == disabled)
            return UserChangeResult.Unchanged;
        if (disabled)
        {
            if (user.Id == actor.Id)
                return UserChangeResult.Refused("Self");
            if (await IsAdminAsync(user) && !await OtherEnabledAdminExistsAsync(user.Id))
                return UserChangeResult.Refused("LastAdmin");
            user.SecurityStamp = NewSecurityStamp();
        }

        user.IsDisabled = disabled;
        audit.Record(disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, AuditEntities.User, user.Id, user.Email,
            before: Json(new { disabled = !disabled }), after: Json(new { disabled }));
        return UserChangeResult.Done;
    });

    /// <summary>Admin or consultant. The user's sessions end, so they sign in again with their new role.</summary>
    public Task<UserChangeResult> ChangeRoleAsync(Guid id, string stamp, string role) => ChangeAsync(id, stamp, async user =>
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
            return UserChangeResult.Unchanged;
        if (current.Contains(Roles.Admin) && role != Roles.Admin)
        {
            if (user.Id == actor.Id)
                return UserChangeResult.Refused("Self");
            if (!await OtherEnabledAdminExistsAsync(user.Id))
                return UserChangeResult.Refused("LastAdmin");
        }

        audit.Record(AuditActions.UserRoleChanged, AuditEntities.User, user.Id, user.Email,
            before: Json(new { roles = current }), after: Json(new { roles = new[] { role } }));
        user.SecurityStamp = NewSecurityStamp();
        if (current.Count > 0)
            Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        return UserChangeResult.Done;
    });

    public async Task<IReadOnlyList<(Guid Id, string Name)>> ClientsOfAsync(Guid id) =>
        (await db.Organisations.AsNoTracking().Where(o => o.OwnerId == id).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();

    /// <summary>
    /// The chosen clients of one user (every client when <paramref name="only"/> is empty) become the clients of
    /// another (enabled) consultant or admin, scans and all. A client that is not this user's refuses the whole move.
    /// </summary>
    public async Task<UserChangeResult> MoveClientsAsync(Guid id, Guid targetId, IReadOnlyCollection<Guid>? only = null) => await SerializableAsync(async () =>
    {
        var source = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (source is null)
            return UserChangeResult.NotFound;
        var target = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == targetId);
        if (target is null || target.Id == source.Id || target.IsDisabled || !(await users.GetRolesAsync(target)).Any())
            return UserChangeResult.Refused("Target");
        var chosen = only is { Count: > 0 } ? only.Distinct().ToList() : null;
        var clients = await db.Organisations.Where(o => o.OwnerId == source.Id && (chosen == null || chosen.Contains(o.Id))).OrderBy(o => o.Name).ToListAsync();
        if (chosen is not null && clients.Count != chosen.Count)
            return UserChangeResult.Refused("Clients");
        if (clients.Count == 0)
            return new UserChangeResult(UserChangeStatus.Done, Count: 0);
        foreach (var client in clients)
            client.OwnerId = target.Id;
        audit.Record(AuditActions.UserClientsMoved, AuditEntities.User, source.Id, $"{clients.Count} → {target.Email}",
            before: Json(new { owner = source.Id, email = source.Email, clients = clients.Select(c => c.Id) }),
            after: Json(new { owner = target.Id, email = target.Email }));
        await db.SaveChangesAsync();
        return new UserChangeResult(UserChangeStatus.Done, Count: clients.Count);
    });

    /// <summary>
    /// Loads the user, checks the stamp from the form, applies the change and saves it with
    /// UserManager.UpdateAsync, which fails on a stamp changed in the meantime.
    /// </summary>
    private Task<UserChangeResult> ChangeAsync(Guid id, string stamp, Func<User, Task<UserChangeResult>> change) => SerializableAsync(async () =>
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
            return UserChangeResult.NotFound;
        if (user.ConcurrencyStamp != stamp)
            return UserChangeResult.Conflict;
        var result = await change(user);
        if (result.Status != UserChangeStatus.Done || !result.Changed)
            return result;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
            return updated.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)) ? UserChangeResult.Conflict : throw Failure(updated);
        return result;
    });

    /// <summary>
    /// Runs a change in a serializable transaction, so that two admins can't each remove one of the last two
    /// admins; a change that loses such a race, or a stamp check, is a conflict and leaves nothing behind.
    /// </summary>
    private Task<UserChangeResult> SerializableAsync(Func<Task<UserChangeResult>> change) =>
        // A lost connection retries the whole change; a lost race is a conflict, not a retry (caught inside).
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable);
                var result = await change();
                if (result.Status == UserChangeStatus.Done)
                    await transaction.CommitAsync();
                else
                    await transaction.RollbackAsync();
                return result;
            }
            catch (Exception e) when (IsSerializationFailure(e))
            {
                return UserChangeResult.Conflict;
            }
            finally
            {
                // Whatever was not committed (a refused change, its audit entry) must not be saved by anything later.
                db.ChangeTracker.Clear();
            }
        });

    private static bool IsSerializationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException { SqlState: "40001" or "40P01" } or DbUpdateConcurrencyException)
                return true;
        }

        return false;
    }

    private async Task<bool> IsAdminAsync(User user) => await users.IsInRoleAsync(user, Roles.Admin);

    private Task<bool> OtherEnabledAdminExistsAsync(Guid except) =>
        db.UserRoles.Where(ur => ur.UserId != except)
            .Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users.Where(u => !u.IsDisabled), id => id, u => u.Id, (_, u) => u.Id)
            .AnyAsync();

    /// <summary>A value no session has: every cookie issued before it fails the security stamp check.</summary>
    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw Failure(result);
    }

    private static InvalidOperationException Failure(IdentityResult result) =>
        new("A user change failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
}
