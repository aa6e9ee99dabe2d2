using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Quickscan.Web.Pages.Admin.Users;

/// <summary>Every consultant and admin, with what an admin needs to know at a glance.</summary>
public sealed class IndexModel(UserAdministration administration) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public async Task OnGetAsync() => Users = await administration.ListAsync();
}
