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

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
