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
    /// ASP.NET Core Identity on the app's database: roles Admin and Consultant, server-side sessions,
    /// authenticator-app two-factor sign-in with single-use codes (five wrong codes lock the account for a
    /// quarter of an hour), wrong passwords limited per account (see QuickscanSignInManager), no self-registration.
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
            .AddUserStore<ProtectedSecretsUserStore>()
            .AddSignInManager<QuickscanSignInManager>()
            .AddClaimsPrincipalFactory<QuickscanClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

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
            // The server-side session is checked on every request (see Sessions).
            options.Events.OnValidatePrincipal = Sessions.ValidatePrincipalAsync;
        });
        // Identity's own check only refreshes the claims (name, role) now and then; Sessions does the ending.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = Sessions.KeepSessionId;
        });
        services.AddOptions<SignInLimitOptions>().BindConfiguration("RateLimits:SignIn");
        services.AddSingleton<SignInThrottle>();

        services.AddAuthorizationBuilder()
            .AddPolicy(ConsultantPolicy, p => p.RequireRole(Roles.Consultant, Roles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        services.AddHostedService<TwoFactorSecretsMigration>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<Pages.Admin.Users.UserAdministration>();
        return services;
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
