using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Admin.Users;

/// <summary>
/// A new consultant or admin. With email on they get an invitation to choose their password; without, the app
/// makes up a temporary password and shows it to the admin once, in the response to the form, and the user
/// has to choose their own at first sign-in.
/// </summary>
public sealed class NewModel(UserAdministration administration, IValidator<NewUserInput> validator) : PageModel
{
    [BindProperty]
    public NewUserInput Input { get; set; } = new();

    public IReadOnlyList<string> Invalid { get; private set; } = [];

    /// <summary>"Duplicate" or "InvalidEmail" when the account could not be made.</summary>
    public string? Problem { get; private set; }

    public UserChangeResult? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            Invalid = validation.Errors.Select(e => e.PropertyName).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await administration.CreateAsync(Input);
        if (result.Status != UserChangeStatus.Done)
        {
            Problem = result.Problem;
            if (Problem == "InvalidEmail")
                Invalid = [nameof(NewUserInput.Email)];
            Response.StatusCode = Problem == "Duplicate" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        // Shown once: not cached, not in a redirect, not stored.
        Created = result;
        Response.Headers.CacheControl = "no-cache, no-store";
        return Page();
    }

    public static IReadOnlyList<string> RoleChoices => Roles.All;
}
