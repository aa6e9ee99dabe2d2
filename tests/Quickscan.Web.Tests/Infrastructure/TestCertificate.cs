using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway self-signed RSA certificate (.pfx with a password in a temp file), made once per test run, so the
/// apps under test encrypt their Data Protection keys as production does.
/// </summary>
public static class TestCertificate
{
    public const string Password = "test-certificate-password";

    private static readonly Lazy<string> File = new(() => Create("CN=Quickscan test key encryption"));

    /// <summary>The path of the shared test certificate.</summary>
    public static string Path => File.Value;

    /// <summary>A new certificate file of its own (for rotation tests); deleted when the test run ends.</summary>
    public static string Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"quickscan-test-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}
