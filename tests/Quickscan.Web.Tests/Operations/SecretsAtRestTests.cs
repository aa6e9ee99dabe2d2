using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>Data Protection keys and two-factor secrets as they lie in the database (PostgreSQL).</summary>
public sealed class SecretsAtRestTests(QuickscanApp app) : IClassFixture<QuickscanApp>
{
    [Fact]
    public async Task Data_protection_keys_in_the_database_are_encrypted_with_the_certificate()
    {
        // Protecting anything makes sure the key ring has a key.
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("payload", protector.Unprotect(protector.Protect("payload")));

        var keys = await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public async Task The_authenticator_key_and_recovery_codes_are_not_stored_in_plain_text()
    {
        var user = await app.CreateUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var stored = await users.FindByIdAsync(user.Id.ToString()) ?? throw new InvalidOperationException();
        Assert.True((await users.ResetAuthenticatorKeyAsync(stored)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(stored) ?? throw new InvalidOperationException();
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(stored, 10))!.ToList();

        var tokens = await app.QueryAsync(db => db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync());

        var keyRow = Assert.Single(tokens, t => t.Name == "AuthenticatorKey");
        Assert.StartsWith(ProtectedSecretsUserStore.Prefix, keyRow.Value);
        Assert.DoesNotContain(key, keyRow.Value);
        var codesRow = Assert.Single(tokens, t => t.Name == "RecoveryCodes");
        Assert.All(codes, code => Assert.DoesNotContain(code, codesRow.Value));
        // Read back through Identity they are what was made: a code redeems once.
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(stored, codes[0])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(stored, codes[0])).Succeeded);
        Assert.Equal(9, await users.CountRecoveryCodesAsync(stored));
    }

    [Fact]
    public async Task An_authenticator_key_stored_in_plain_text_before_is_encrypted_at_start_and_still_works()
    {
        var user = await app.CreateUserAsync();
        const string plainKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await app.ExecuteAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = ProtectedSecretsUserStore.IdentityProvider, Name = "AuthenticatorKey", Value = plainKey });
            await db.SaveChangesAsync();
        });

        var migration = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<TwoFactorSecretsMigration>().Single();
        Assert.Equal(1, await migration.ProtectPlainSecretsAsync());
        Assert.Equal(0, await migration.ProtectPlainSecretsAsync());

        var value = await app.QueryAsync(db => db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync());
        Assert.StartsWith(ProtectedSecretsUserStore.Prefix, value);
        Assert.DoesNotContain(plainKey, value);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        Assert.Equal(plainKey, await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id.ToString()))!));
    }
}

/// <summary>Start-up in Production: without key encryption it refuses, with a message naming the setting.</summary>
public sealed class KeyEncryptionStartupTests
{
    /// <summary>The app on a SQLite file, in the given environment, with the given certificate settings.</summary>
    private sealed class CertificateApp(string file, string environment, params (string Key, string Value)[] settings) : QuickscanApp
    {
        protected override string Provider => "Sqlite";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ConnectionString = $"Data Source={file}";
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }

    private static string NewFile() => Path.Combine(Path.GetTempPath(), $"quickscan-keys-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Production_without_a_certificate_refuses_to_start_before_touching_the_database()
    {
        var file = NewFile();
        await using var app = new CertificateApp(file, "Production", ("Quickscan:DataProtection:CertificatePath", ""));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(app.InitializeAsync);

        Assert.Contains("Quickscan:DataProtection:CertificatePath is not set: in Production the Data Protection keys", failure.Message);
        Assert.False(File.Exists(file));
    }

    [Theory]
    [InlineData("/nonexistent/quickscan.pfx", "test-certificate-password")]
    [InlineData(null, "wrong password")]
    public async Task A_certificate_that_does_not_load_stops_the_start_with_the_reason(string? path, string password)
    {
        await using var app = new CertificateApp(NewFile(), "Production",
            ("Quickscan:DataProtection:CertificatePath", path ?? TestCertificate.Path), ("Quickscan:DataProtection:CertificatePassword", password));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(app.InitializeAsync);

        Assert.Contains("Quickscan:DataProtection:CertificatePath '", failure.Message);
        Assert.Contains("gives no usable certificate", failure.Message);
    }

    [Fact]
    public async Task Production_with_a_certificate_starts_and_after_a_rotation_the_old_keys_still_decrypt()
    {
        var file = NewFile();
        var newCertificate = TestCertificate.Create("CN=Quickscan rotated");
        string protectedPayload;
        await using (var before = new CertificateApp(file, "Production"))
        {
            await before.InitializeAsync();
            using var client = before.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            protectedPayload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("rotation").Protect("kept");
        }

        await using var after = new CertificateApp(file, "Production",
            ("Quickscan:DataProtection:CertificatePath", newCertificate),
            ("Quickscan:DataProtection:PreviousCertificates:0:CertificatePath", TestCertificate.Path),
            ("Quickscan:DataProtection:PreviousCertificates:0:CertificatePassword", TestCertificate.Password));
        await after.InitializeAsync();

        Assert.Equal("kept", after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("rotation").Unprotect(protectedPayload));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(path);
    }
}
