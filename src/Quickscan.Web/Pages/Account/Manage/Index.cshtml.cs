using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Account.Manage;

/// <summary>The signed-in user's own account: who they are, and the way to their password and two-factor settings.</summary>
public sealed class IndexModel(UserManager<User> users) : PageModel
{
    public string Name { get; private set; } = "";

    public string Email { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        Name = user.DisplayName;
        Email = user.Email ?? "";
        Roles = [.. await users.GetRolesAsync(user)];
        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }
}
