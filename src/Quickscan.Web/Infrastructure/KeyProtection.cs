using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quickscan.Web.Data;

namespace Quickscan.Web.Infrastructure;

/// <summary>A certificate file: a PKCS#12 (.pfx/.p12, with its password) or a PEM certificate with its PEM key.</summary>
public class CertificateSettings
{
    /// <summary>The .pfx/.p12 file, or the PEM certificate (which may hold the key too).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the .pfx, or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key, when it is a file of its own.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The certificate with its private key; throws with a reason when the files don't give one.</summary>
    public X509Certificate2 Load()
    {
        var path = CertificatePath ?? throw new InvalidOperationException("no path");
        var pem = CertificateKeyPath is { Length: > 0 } || Path.GetExtension(path).ToLowerInvariant() is ".pem" or ".crt" or ".cer";
        var password = string.IsNullOrEmpty(CertificatePassword) ? null : CertificatePassword;
        var certificate = !pem
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
            : password is null
                ? X509Certificate2.CreateFromPemFile(path, CertificateKeyPath is { Length: > 0 } ? CertificateKeyPath : null)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, CertificateKeyPath is { Length: > 0 } ? CertificateKeyPath : null);
        // The key ring is encrypted with RSA (EncryptedXml): a certificate without its RSA private key can't read it back.
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException("the certificate has no RSA private key");
        }

        return certificate;
    }
}

/// <summary>
/// Section "Quickscan:DataProtection": the certificate that encrypts the Data Protection keys in the database
/// (they sign every sign-in cookie and protect the authenticator keys). Required in Production.
/// </summary>
public sealed class KeyEncryptionOptions : CertificateSettings
{
    public const string Section = "Quickscan:DataProtection";

    /// <summary>Certificates of earlier rotations: keys they encrypted can still be read, new keys use the current one.</summary>
    public List<CertificateSettings> PreviousCertificates { get; set; } = [];

    public bool IsConfigured => CertificatePath is { Length: > 0 };
}

/// <summary>Checked at start: in Production the keys must be encrypted, and a configured certificate must load.</summary>
public sealed class KeyEncryptionOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyEncryptionOptions options)
    {
        var problems = new List<string>();
        if (!options.IsConfigured)
        {
            if (environment.IsProduction())
                problems.Add($"{KeyEncryptionOptions.Section}:CertificatePath is not set: in Production the Data Protection keys (which sign every "
                    + "sign-in cookie) must be encrypted at rest. Make a certificate (see the README, \"Data Protection certificate\") and set "
                    + $"{KeyEncryptionOptions.Section}:CertificatePath (environment: Quickscan__DataProtection__CertificatePath) to the .pfx with "
                    + ":CertificatePassword, or to a PEM certificate with :CertificateKeyPath.");
        }
        else
        {
            Check(options, $"{KeyEncryptionOptions.Section}:CertificatePath", problems);
        }

        for (var i = 0; i < options.PreviousCertificates.Count; i++)
            Check(options.PreviousCertificates[i], $"{KeyEncryptionOptions.Section}:PreviousCertificates:{i}:CertificatePath", problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(CertificateSettings settings, string setting, List<string> problems)
    {
        if (settings.CertificatePath is not { Length: > 0 })
        {
            problems.Add($"{setting} is not set.");
            return;
        }

        try
        {
            using var _ = settings.Load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            problems.Add($"{setting} '{settings.CertificatePath}' gives no usable certificate ({e.Message}); it needs an RSA certificate with its private key "
                + "(a .pfx with :CertificatePassword, or a PEM certificate with :CertificateKeyPath).");
        }
    }
}

public static class KeyProtection
{
    /// <summary>
    /// Data Protection with its keys in the database (so cookies and anti-forgery tokens survive restarts and work
    /// across instances), encrypted with the configured certificate; earlier certificates still decrypt.
    /// The certificates are read here because Data Protection takes them as objects; a missing or unreadable one
    /// is left to the validator, which stops the start with a message.
    /// </summary>
    public static IServiceCollection AddQuickscanDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyEncryptionOptions>>(new KeyEncryptionOptionsValidator(environment));

        var protection = services.AddDataProtection().SetApplicationName("Quickscan").PersistKeysToDbContext<QuickscanDbContext>();
        var settings = configuration.GetSection(KeyEncryptionOptions.Section).Get<KeyEncryptionOptions>() ?? new KeyEncryptionOptions();
        if (settings.IsConfigured && TryLoad(settings) is { } current)
            protection.ProtectKeysWithCertificate(current);
        var previous = settings.PreviousCertificates.Select(TryLoad).OfType<X509Certificate2>().ToArray();
        if (previous.Length > 0)
            protection.UnprotectKeysWithAnyCertificate(previous);
        return services;
    }

    /// <summary>Fails now, before the database is touched, when key encryption is missing or broken.</summary>
    public static void CheckKeyEncryption(this WebApplication app) =>
        _ = app.Services.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value;

    private static X509Certificate2? TryLoad(CertificateSettings settings)
    {
        try
        {
            return settings.CertificatePath is { Length: > 0 } ? settings.Load() : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// Identity's store with the authenticator key and the recovery codes encrypted at rest (Data Protection, a
/// purpose of their own); Identity keeps both as rows in AspNetUserTokens. Values from before this (plain) are
/// still read, and <see cref="TwoFactorSecretsMigration"/> encrypts them at start.
/// </summary>
public sealed class ProtectedSecretsUserStore(QuickscanDbContext context, IDataProtectionProvider protection, ILogger<ProtectedSecretsUserStore> logger, IdentityErrorDescriber? describer = null)
    : UserStore<User, IdentityRole<Guid>, QuickscanDbContext, Guid>(context, describer)
{
    /// <summary>Identity's own login provider name for the tokens it keeps about a user.</summary>
    public const string IdentityProvider = "[AspNetUserStore]";

    /// <summary>Marks an encrypted value, so a plain one from before can be told apart.</summary>
    public const string Prefix = "dp1:";

    public const string Purpose = "Quickscan.TwoFactorSecrets.v1";

    public static readonly string[] SecretNames = ["AuthenticatorKey", "RecoveryCodes"];

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public static bool IsSecret(string loginProvider, string name) => loginProvider == IdentityProvider && SecretNames.Contains(name);

    public static string Protect(IDataProtector protector, string value) => Prefix + protector.Protect(value);

    public override Task SetTokenAsync(User user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is not null && IsSecret(loginProvider, name) ? Protect(_protector, value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(User user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var value = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (value is null || !IsSecret(loginProvider, name) || !value.StartsWith(Prefix, StringComparison.Ordinal))
            return value;
        try
        {
            return _protector.Unprotect(value[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            // The key that encrypted it is gone (a lost key ring or certificate): as if 2FA had no key, so the
            // sign-in fails cleanly instead of with a 500; an admin can reset the user's 2FA.
            logger.LogWarning(e, "The {Name} of user {UserId} can't be decrypted", name, user.Id);
            return null;
        }
    }
}

/// <summary>Encrypts two-factor secrets stored in plain text before they were protected; once, at start.</summary>
public sealed class TwoFactorSecretsMigration(IServiceScopeFactory scopes, IDataProtectionProvider protection, ILogger<TwoFactorSecretsMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var count = await ProtectPlainSecretsAsync(cancellationToken);
            if (count > 0)
                logger.LogInformation("Encrypted {Count} two-factor secrets that were stored in plain text", count);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // Plain values still work; the next start tries again.
            logger.LogWarning(e, "Encrypting plain two-factor secrets failed; trying again at the next start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<int> ProtectPlainSecretsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuickscanDbContext>();
        var protector = protection.CreateProtector(ProtectedSecretsUserStore.Purpose);
        var plain = await db.UserTokens
            .Where(t => t.LoginProvider == ProtectedSecretsUserStore.IdentityProvider && ProtectedSecretsUserStore.SecretNames.Contains(t.Name)
                && t.Value != null && !t.Value.StartsWith(ProtectedSecretsUserStore.Prefix))
            .AsNoTracking().ToListAsync(cancellationToken);
        var count = 0;
        foreach (var token in plain)
        {
            var value = token.Value!;
            // Only if it is still that plain value: another instance starting at the same time may have done it.
            count += await db.UserTokens
                .Where(t => t.UserId == token.UserId && t.LoginProvider == token.LoginProvider && t.Name == token.Name && t.Value == value)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Value, ProtectedSecretsUserStore.Protect(protector, value)), cancellationToken);
        }

        return count;
    }
}
