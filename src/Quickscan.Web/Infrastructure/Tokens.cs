using System.Security.Cryptography;
using System.Text;

namespace Quickscan.Web.Infrastructure;

/// <summary>Unguessable, URL-safe secrets for share links and resume links.</summary>
public static class Tokens
{
    /// <summary>192 random bits as 32 URL-safe base64 characters.</summary>
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    /// <summary>What is stored of a secret that only its holder should have (resume tokens).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check, so that obviously bad tokens never reach the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 32 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Letters and digits that can't be mistaken for each other when read off a wall (no 0/O, 1/I/L, U/V).</summary>
    private const string JoinAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";

    public const int JoinCodeLength = 8;

    /// <summary>
    /// A join code: 8 of 29 characters, about 39 bits. It opens only what the share link opens (an anonymous
    /// response), it dies with the share link, and lookups are rate-limited per address, so guessing one of the
    /// few open scans takes years.
    /// </summary>
    public static string NewJoinCode() =>
        string.Create(JoinCodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = JoinAlphabet[RandomNumberGenerator.GetInt32(JoinAlphabet.Length)];
        });

    /// <summary>A join code as typed ("k7m2 9qxd", "K7M2-9QXD") in its stored form, or null when it can't be one.</summary>
    public static string? NormaliseJoinCode(string? typed)
    {
        if (typed is null || typed.Length > 2 * JoinCodeLength)
            return null;
        var code = new string([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return code.Length == JoinCodeLength && code.All(c => JoinAlphabet.Contains(c)) ? code : null;
    }

    /// <summary>The code as shown: two groups of four ("K7M2-9QXD").</summary>
    public static string FormatJoinCode(string code) => code.Length == JoinCodeLength ? $"{code[..4]}-{code[4..]}" : code;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
