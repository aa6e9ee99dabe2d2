using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.Users;

/// <summary>
/// One user and what an admin can do to them: reset the password (a temporary one, shown once), disable or
/// enable, change the role, move their clients to someone else. Every form carries the user's concurrency
/// stamp; a change made by another admin in between is reported, not overwritten.
/// </summary>
public sealed class DetailsModel(
    UserAdministration administration,
    CurrentUser actor,
    IValidator<UserChangeInput> changeValidator,
    IValidator<MoveClientsInput> moveValidator) : PageModel
{
    /// <summary>The messages a redirect back to this page may ask for.</summary>
    public static readonly IReadOnlySet<string> DoneMessages = new HashSet<string> { "disabled", "enabled", "role-changed", "clients-moved", "unchanged", "two-factor-reset", "reset-sent" };

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public UserChangeInput Change { get; set; } = new();

    [BindProperty]
    public MoveClientsInput Move { get; set; } = new();

    /// <summary>What just happened, after a redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>How many clients were moved, after a redirect.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Moved { get; set; }

    public UserSummary Account { get; private set; } = null!;

    /// <summary>The user's concurrency stamp now, for the forms.</summary>
    public string Stamp { get; private set; } = "";

    /// <summary>Who could take over this user's clients.</summary>
    public IReadOnlyList<UserSummary> Owners { get; private set; } = [];

    public bool IsSelf => Account.Id == actor.Id;

    /// <summary>This user's clients, to hand over one by one or all at once.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Clients { get; private set; } = [];

    public string? TemporaryPassword { get; private set; }

    /// <summary>Why a change was refused: "Self" or "LastAdmin"; or "Conflict" when someone else changed the user first.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Done is not null && !DoneMessages.Contains(Done))
            Done = null;
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostResetPasswordAsync() => ApplyAsync(() => administration.ResetPasswordAsync(Id, Change.Stamp), done: "reset-sent");

    public Task<IActionResult> OnPostResetTwoFactorAsync() => ApplyAsync(() => administration.ResetTwoFactorAsync(Id, Change.Stamp), "two-factor-reset");

    public Task<IActionResult> OnPostDisableAsync() => ApplyAsync(() => administration.SetDisabledAsync(Id, Change.Stamp, disabled: true), "disabled");

    public Task<IActionResult> OnPostEnableAsync() => ApplyAsync(() => administration.SetDisabledAsync(Id, Change.Stamp, disabled: false), "enabled");

    public Task<IActionResult> OnPostRoleAsync() => Change.Role is { } role
        ? ApplyAsync(() => administration.ChangeRoleAsync(Id, Change.Stamp, role), "role-changed")
        : Task.FromResult<IActionResult>(BadRequest());

    public async Task<IActionResult> OnPostMoveClientsAsync()
    {
        if (!(await moveValidator.ValidateAsync(Move)).IsValid)
            return BadRequest();
        var result = await administration.MoveClientsAsync(Id, Move.TargetId, Move.ClientIds);
        return result.Status switch
        {
            UserChangeStatus.Done => RedirectToPage(new { Id, Done = "clients-moved", Moved = result.Count }),
            UserChangeStatus.NotFound => NotFound(),
            UserChangeStatus.Conflict => await ShowProblemAsync("Conflict", StatusCodes.Status409Conflict),
            _ => BadRequest(),
        };
    }

    private async Task<IActionResult> ApplyAsync(Func<Task<UserChangeResult>> change, string? done)
    {
        // A form of this page always sends a stamp, and a role only from the list: anything else was made up.
        if (!(await changeValidator.ValidateAsync(Change)).IsValid)
            return BadRequest();
        var result = await change();
        switch (result.Status)
        {
            case UserChangeStatus.NotFound:
                return NotFound();
            case UserChangeStatus.Conflict:
                return await ShowProblemAsync("Conflict", StatusCodes.Status409Conflict);
            case UserChangeStatus.Refused:
                return await ShowProblemAsync(result.Problem!, result.Problem == "Self" ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
        }

        if (result.TemporaryPassword is { } password)
        {
            // Shown once: in this response only, never cached, never in a URL or a cookie.
            TemporaryPassword = password;
            Response.Headers.CacheControl = "no-cache, no-store";
            await LoadAsync();
            return Page();
        }

        return RedirectToPage(new { Id, Done = result.Changed ? done : "unchanged" });
    }

    /// <summary>The page as it is now, with the reason nothing was changed.</summary>
    private async Task<IActionResult> ShowProblemAsync(string problem, int status)
    {
        if (!await LoadAsync())
            return NotFound();
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await administration.FindAsync(Id) is not { } account)
            return false;
        Account = account;
        Stamp = await administration.StampAsync(Id) ?? "";
        Owners = Account.Clients > 0 ? await administration.PossibleOwnersAsync(Id) : [];
        Clients = Account.Clients > 0 ? await administration.ClientsOfAsync(Id) : [];
        return true;
    }

    public static IReadOnlyList<string> RoleChoices => Roles.All;
}
