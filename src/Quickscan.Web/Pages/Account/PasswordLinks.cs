using Microsoft.AspNetCore.Identity;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Account;

/// <summary>
/// Set-password links by email: an invitation for a new account, a reset after "forgot password" or after
/// an admin's reset. The link carries Identity's password-reset token, which works once (it is bound to the
/// security stamp, which setting the password changes) and for <see cref="Lifetime"/>.
/// </summary>
public sealed class PasswordLinks(UserManager<User> users, Mailer mailer, PublicUrls links)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public bool Enabled => mailer.Enabled;

    public async Task<bool> SendInvitationAsync(User user, string inviter)
    {
        var link = await LinkAsync(user);
        return mailer.Enqueue(mailer.Texts(user.Language, text => new EmailMessage(user.Email!, user.DisplayName,
            text["Email.Invite.Subject"],
            string.Join("\n\n", text["Email.Greeting", user.DisplayName], text["Email.Invite.Body", inviter], link, text["Email.Link.Valid"], text["Email.Signature"] + "\nQuickscan"))));
    }

    public async Task<bool> SendResetAsync(User user)
    {
        var link = await LinkAsync(user);
        return mailer.Enqueue(mailer.Texts(user.Language, text => new EmailMessage(user.Email!, user.DisplayName,
            text["Email.Reset.Subject"],
            string.Join("\n\n", text["Email.Greeting", user.DisplayName], text["Email.Reset.Body"], link, text["Email.Link.Valid"], text["Email.Reset.NotYou"], text["Email.Signature"] + "\nQuickscan"))));
    }

    private async Task<string> LinkAsync(User user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return links.Absolute($"/account/set-password?user={user.Id}&code={Uri.EscapeDataString(token)}");
    }
}
