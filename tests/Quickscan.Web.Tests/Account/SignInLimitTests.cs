using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Account;

/// <summary>The app with a password hasher that counts how often a password is checked.</summary>
public sealed class CountingHasherApp : AccountsApp
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IPasswordHasher<User>>();
            services.AddSingleton<IPasswordHasher<User>>(Hasher);
        });
    }
}

public sealed class CountingHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Wrong passwords: limited per address, never a lockout a stranger can cause; the same answers, in the same
/// order, and the same password hashing work for an address with an account and one without.
/// </summary>
public sealed class SignInLimitTests(CountingHasherApp app) : IClassFixture<CountingHasherApp>
{
    private const int Budget = 10;

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answers_in_the_same_order_up_to_and_past_the_limit()
    {
        var user = await app.CreateUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";

        var known = await AttemptsAsync(user.Email!, Budget + 2);
        var nobody = await AttemptsAsync(unknown, Budget + 2);

        Assert.Equal(known, nobody);
        Assert.All(known.Take(Budget), a => Assert.Equal((HttpStatusCode.OK, "Deze combinatie van e-mailadres en wachtwoord klopt niet."), a));
        Assert.All(known.Skip(Budget), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.Contains("Te veel mislukte pogingen", known[^1].Message);
    }

    [Fact]
    public async Task A_stranger_guessing_passwords_cant_lock_the_consultant_out_of_a_browser_they_signed_in_with_before()
    {
        var user = await app.CreateUserAsync();
        // The consultant's own laptop: signed in before, signed out since.
        var laptop = await AccountClient.SignedInAsync(app, user);
        var (_, clients) = await laptop.GetAsync("/clients");
        await laptop.PostAsync("/account/logout", clients, []);

        await AttemptsAsync(user.Email!, Budget + 5);

        // The account is not locked; a new browser has to wait, the laptop signs in at once.
        var stored = await app.UserAsync(user.Id);
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
        var (elsewhere, page) = await new AccountClient(app).LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
        Assert.NotNull(page.QuerySelector("#login-error"));
        var (again, _) = await laptop.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/clients", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_forged_or_someone_elses_device_cookie_gives_no_budget_of_its_own()
    {
        var owner = await app.CreateUserAsync();
        var victim = await app.CreateUserAsync();
        var attacker = await AccountClient.SignedInAsync(app, owner);
        await AttemptsAsync(victim.Email!, Budget);

        // The attacker's browser carries a device cookie, but for their own account, not the victim's.
        var (response, _) = await attacker.LoginAsync(victim.Email!, "another guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);

        var forged = new AccountClient(app);
        forged.Http.DefaultRequestHeaders.Add("Cookie", "qs_device=made-up-value");
        var (forgedResponse, _) = await forged.LoginAsync(victim.Email!, "yet another guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, forgedResponse.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_costs_the_same_password_hashing_for_an_unknown_address_as_for_a_known_one()
    {
        var user = await app.CreateUserAsync();

        var before = app.Hasher.Verifications;
        await new AccountClient(app).LoginAsync(user.Email!, "wrong password one");
        var known = app.Hasher.Verifications - before;
        before = app.Hasher.Verifications;
        await new AccountClient(app).LoginAsync($"nobody-{Guid.NewGuid():N}@example.test", "wrong password one");
        var unknown = app.Hasher.Verifications - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task A_lockout_from_wrong_codes_is_only_mentioned_to_someone_who_typed_the_right_password()
    {
        var user = await app.CreateUserAsync();
        await app.WithUsersAsync(async users => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id.ToString()))!, DateTimeOffset.UtcNow.AddMinutes(15)));

        var (wrong, wrongPage) = await new AccountClient(app).LoginAsync(user.Email!, "a wrong password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Deze combinatie van e-mailadres en wachtwoord klopt niet.", Message(wrongPage));

        var (right, rightPage) = await new AccountClient(app).LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Te veel mislukte pogingen", Message(rightPage));
    }

    private async Task<List<(HttpStatusCode Status, string Message)>> AttemptsAsync(string email, int count)
    {
        var results = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < count; i++)
        {
            var (response, page) = await new AccountClient(app).LoginAsync(email, $"guess number {i}");
            results.Add((response.StatusCode, Message(page)));
        }

        return results;
    }

    private static string Message(IHtmlDocument page) => page.QuerySelector("#login-error")?.TextContent.Trim() ?? "";
}
