using Microsoft.AspNetCore.Identity;
using Quickscan.Web.Data;

namespace Quickscan.Web.Tests.Account;

public sealed class TemporaryPasswordTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task Every_temporary_password_meets_the_password_rules()
    {
        var passwords = Enumerable.Range(0, 20_000).Select(_ => UserSeeding.TemporaryPassword()).ToList();

        await app.WithUsersAsync(async users =>
        {
            var user = new User { DisplayName = "Tijdelijk", UserName = "tijdelijk@example.test", Email = "tijdelijk@example.test" };
            foreach (var password in passwords)
            {
                foreach (var rule in users.PasswordValidators)
                {
                    var result = await rule.ValidateAsync(users, user, password);
                    Assert.True(result.Succeeded, $"{password}: {string.Join(", ", result.Errors.Select(e => e.Code))}");
                }
            }

            return true;
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
