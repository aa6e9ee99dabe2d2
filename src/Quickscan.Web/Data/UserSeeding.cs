using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Quickscan.Web.Data;

/// <summary>Roles, the first admin, and (in Development) the demo accounts.</summary>
public static class UserSeeding
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));
        }
    }

    /// <summary>
    /// The first admin from configuration (Quickscan:Admin:Email, :Password, :Name), created once when no user
    /// with that email exists. The password is never logged.
    /// </summary>
    public static async Task CreateConfiguredAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration["Quickscan:Admin:Email"];
        var password = configuration["Quickscan:Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
            return;
        var users = services.GetRequiredService<UserManager<User>>();
        if (await users.FindByEmailAsync(email) is not null)
            return;
        var result = await CreateAsync(services, email, configuration["Quickscan:Admin:Name"] ?? "Admin", Roles.Admin, password, mustChange: false);
        if (result.Succeeded)
            logger.LogInformation("Created the first admin account from configuration");
        else
            logger.LogError("Could not create the configured admin: {Errors}", string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public static async Task<IdentityResult> CreateAsync(IServiceProvider services, string email, string name, string role, string password, bool mustChange)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            MustChangePassword = mustChange,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
            result = await users.AddToRoleAsync(user, role);
        return result;
    }

    /// <summary>
    /// A temporary password that meets the password rules: 14 letters from an unambiguous alphabet, at least
    /// one of them lower case, then two digits.
    /// </summary>
    public static string TemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        string letters;
        do
        {
            letters = new string([.. Enumerable.Range(0, 14).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]);
        }
        while (!letters.Any(char.IsAsciiLetterLower));
        return letters + RandomNumberGenerator.GetInt32(10, 100);
    }

    /// <summary>Development: a demo admin and consultant, with their passwords shown once in the console log.</summary>
    public static async Task<User?> SeedDemoAccountsAsync(IServiceProvider services, ILogger logger)
    {
        var users = services.GetRequiredService<UserManager<User>>();
        foreach (var (email, name, role) in new[] { ("admin@quickscan.local", "Demo Admin", Roles.Admin), ("consultant@quickscan.local", "Demo Consultant", Roles.Consultant) })
        {
            if (await users.FindByEmailAsync(email) is not null)
                continue;
            var password = TemporaryPassword();
            await CreateAsync(services, email, name, role, password, mustChange: false);
            logger.LogWarning("Demo account {Email} ({Role}) created with password {Password}; shown only this once", email, role, password);
        }

        return await users.Users.SingleOrDefaultAsync(u => u.Email == "consultant@quickscan.local");
    }
}
