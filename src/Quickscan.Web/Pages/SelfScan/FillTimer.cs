using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>
/// A minimum fill time for the contact form without any third party: the form carries the moment it was shown,
/// protected by the app's Data Protection keys so it can't be forged, and a request sent sooner than a person
/// could type it is refused.
/// </summary>
public sealed class FillTimer(IDataProtectionProvider protection, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SelfScanOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Quickscan.SelfScan.ContactForm.v1");

    public string Start() => _protector.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the form was shown by this app long enough ago (and not longer ago than a day).</summary>
    public bool IsPlausible(string? started)
    {
        if (string.IsNullOrEmpty(started))
            return false;
        try
        {
            var shown = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(_protector.Unprotect(started), CultureInfo.InvariantCulture));
            var elapsed = clock.GetUtcNow() - shown;
            return elapsed >= TimeSpan.FromSeconds(options.Value.MinimumFillSeconds) && elapsed <= TimeSpan.FromDays(1);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return false;
        }
    }
}
