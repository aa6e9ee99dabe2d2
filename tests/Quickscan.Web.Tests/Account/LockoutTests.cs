using System.Net;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Account;

public sealed class LockoutTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_password_is_refused_with_the_lockout_message()
    {
        var user = await app.CreateUserAsync();
        var client = new AccountClient(app);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var (wrong, page) = await client.LoginAsync(user.Email!, "not the password " + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Equal("Deze combinatie van e-mailadres en wachtwoord klopt niet.", page.QuerySelector("#login-error")!.TextContent.Trim());
        }

        var (fifth, fifthPage) = await client.LoginAsync(user.Email!, "not the password 5");
        Assert.Equal(HttpStatusCode.OK, fifth.StatusCode);
        Assert.Contains("geblokkeerd", fifthPage.QuerySelector("#login-error")!.TextContent);

        var (sixth, sixthPage) = await client.LoginAsync(user.Email!, QuickscanApp.TestPassword);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal("Te veel mislukte pogingen: dit account is een kwartier geblokkeerd.", sixthPage.QuerySelector("#login-error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.ProbeAsync("/clients")).Status);
        var stored = await app.UserAsync(user.Id);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task A_right_password_before_the_fifth_attempt_resets_the_count()
    {
        var user = await app.CreateUserAsync();
        var client = new AccountClient(app);
        for (var attempt = 0; attempt < 4; attempt++)
            await client.LoginAsync(user.Email!, "wrong password " + attempt);

        await AccountClient.SignedInAsync(app, user);

        Assert.Equal(0, (await app.UserAsync(user.Id)).AccessFailedCount);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var (response, page) = await new AccountClient(app).LoginAsync("nobody@example.test", QuickscanApp.TestPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Deze combinatie van e-mailadres en wachtwoord klopt niet.", page.QuerySelector("#login-error")!.TextContent.Trim());
    }
}
