using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

public static class Accounts
{
    public const string ConsultantPolicy = "Consultant";
    public const string AdminPolicy = "Admin";
    public const string MustChangePasswordClaim = "quickscan:must-change-password";

    /// <summary>
    /// ASP.NET Core Identity on the app's database: roles Admin and Consultant, lockout after five failed
    /// attempts, authenticator-app two-factor sign-in, no self-registration and no mail.
    /// </summary>
    public static IServiceCollection AddQuickscanAccounts(this IServiceCollection services)
    {
        services.AddIdentity<User, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<QuickscanDbContext>()
            .AddSignInManager<QuickscanSignInManager>()
            .AddClaimsPrincipalFactory<QuickscanClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "qs_auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });
        // A disabled user or a changed password ends existing sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(ConsultantPolicy, p => p.RequireRole(Roles.Consultant, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        services.AddScoped<CurrentUser>();
        services.AddScoped<Pages.Admin.Users.UserAdministration>();
        return services;
    }
}

/// <summary>
/// A disabled user can't sign in, whatever their password. Recovery codes get the same checks as
/// authenticator codes: refused while locked out or disabled, and every wrong one counts towards lockout.
/// </summary>
public sealed class QuickscanSignInManager(
    UserManager<User> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<User> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(User user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return SignInResult.Failed;
        if (await PreSignInCheck(user) is { } refused)
            return refused;
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded && UserManager.SupportsUserLockout)
            await UserManager.AccessFailedAsync(user);
        return result;
    }
}

/// <summary>Adds the display name and, for a temporary password, the claim that sends the user to change it.</summary>
public sealed class QuickscanClaimsFactory(UserManager<User> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, Microsoft.AspNetCore.Identity.IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(Accounts.MustChangePasswordClaim, "true"));
        return identity;
    }
}

/// <summary>Who is asking, for ownership checks: a consultant sees their own clients, an admin sees all.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);

    public string Name => Principal.FindFirstValue(ClaimTypes.GivenName) ?? Principal.Identity?.Name ?? "";
}

public static class Ownership
{
    /// <summary>The organisations this user may see and change.</summary>
    public static IQueryable<Organisation> VisibleTo(this IQueryable<Organisation> organisations, CurrentUser user) =>
        user.IsAdmin ? organisations : organisations.Where(o => o.OwnerId == user.Id);

    /// <summary>The scans this user may see and change: those of their organisations.</summary>
    public static IQueryable<Scan> VisibleTo(this IQueryable<Scan> scans, CurrentUser user) =>
        user.IsAdmin ? scans : scans.Where(s => s.Organisation.OwnerId == user.Id);
}

/// <summary>A user with a temporary password can do nothing until they have chosen their own.</summary>
public sealed class MustChangePasswordFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        if (context.HttpContext.User.HasClaim(c => c.Type == Accounts.MustChangePasswordClaim)
            && page is not ("/Account/ChangePassword" or "/Account/Logout"))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectToPageResult("/Account/ChangePassword");
            return;
        }

        await next();
    }
}
