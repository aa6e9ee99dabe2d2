using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Account;

public sealed class ForgotPasswordInput
{
    public string Email { get; set; } = "";
}

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordInput>
{
    public ForgotPasswordValidator() => RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress();
}

/// <summary>
/// "Forgot password": a set-password link by email. The answer is the same whether or not the address has an
/// account (the email goes out in the background, so the time taken doesn't tell either); at most a few links
/// per address per quarter of an hour. Without email switched on, the page says to ask an admin.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<User> users, PasswordLinks links, SignInThrottle throttle, AuditLog audit, QuickscanDbContext db, IValidator<ForgotPasswordInput> validator) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public bool Invalid { get; private set; }

    public bool Enabled => links.Enabled;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Enabled)
            return NotFound();
        if (!(await validator.ValidateAsync(Input)).IsValid)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var key = "reset\n" + Input.Email.Trim().ToUpperInvariant();
        if (throttle.MayTry(key))
        {
            throttle.Failed(key);
            if (await users.FindByEmailAsync(Input.Email.Trim()) is { IsDisabled: false } user)
            {
                audit.RecordAs(user.Id, user.Email ?? "", AuditActions.AccountResetRequested, AuditEntities.User, user.Id);
                await db.SaveChangesAsync();
                await links.SendResetAsync(user);
            }
        }

        Sent = true;
        return Page();
    }
}
