using Microsoft.AspNetCore.DataProtection;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Respond;

/// <summary>
/// The intro's start button carries the resume token its response will get, encrypted (Data Protection), so every
/// post of that one form starts the same response: a double-click or a resent form gives one respondent with one
/// token, never two. Only the server chooses tokens; the page shows nothing a reader could resume with.
/// </summary>
public sealed class StartKeys(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Quickscan.StartKeys.v1");

    /// <summary>A new key for an intro form.</summary>
    public string New() => _protector.Protect(Tokens.New());

    /// <summary>The resume token behind a key; null when it is not one of ours (tampered, or from keys since retired).</summary>
    public string? Open(string key)
    {
        try
        {
            var token = _protector.Unprotect(key);
            return Tokens.LooksValid(token) ? token : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
