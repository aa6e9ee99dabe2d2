using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Quickscan.Web.Pages.Reports;

/// <summary>
/// The opaque reference a quote's hide form posts instead of the respondent's id: the respondent and the
/// question, encrypted and signed with Data Protection under a purpose that includes the scan. The browser can't
/// read which respondent wrote a quote (so two quotes of one respondent can't be linked either: each reference is
/// freshly encrypted), can't forge one, and a reference made for another scan does not open here.
/// </summary>
public sealed class QuoteReferences(IDataProtectionProvider protection)
{
    private const string Purpose = "Quickscan.Report.QuoteReference.v1";

    /// <summary>Far above a real reference (about 150 characters); anything longer is not decrypted at all.</summary>
    public const int MaxLength = 400;

    private IDataProtector For(Guid scanId) => protection.CreateProtector(Purpose, scanId.ToString("N"));

    public string Protect(Guid scanId, ReportQuote quote) => For(scanId).Protect($"{quote.RespondentId:N}|{quote.QuestionKey}");

    /// <summary>The respondent and question of a reference made for this scan; false for anything tampered, foreign or garbage.</summary>
    public bool TryRead(Guid scanId, string? reference, out Guid respondentId, out string questionKey)
    {
        (respondentId, questionKey) = (Guid.Empty, "");
        if (string.IsNullOrEmpty(reference) || reference.Length > MaxLength)
            return false;
        string plain;
        try
        {
            plain = For(scanId).Unprotect(reference);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Not made by this app for this scan (or not base64url at all): the caller answers 400.
            return false;
        }

        var bar = plain.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !Guid.TryParseExact(plain.AsSpan(0, bar), "N", out respondentId))
            return false;
        questionKey = plain[(bar + 1)..];
        return questionKey.Length > 0;
    }
}
