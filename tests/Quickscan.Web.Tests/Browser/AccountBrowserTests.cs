using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Account;
using Quickscan.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Quickscan.Web.Tests.Browser;

/// <summary>
/// Signing in, the own account pages (with two-factor sign-in set up in the browser) and the users admin in
/// a real browser, by keyboard where it matters, with axe-core's WCAG 2.1 A/AA rules on every page and state.
/// </summary>
[Collection("Browser")]
public sealed class AccountBrowserTests(BrowserApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_signs_in_sets_up_two_factor_and_manages_users_and_no_page_has_WCAG_21_AA_violations()
    {
        var admin = await app.CreateUserAsync(Roles.Admin, "Browser Beheerder");
        var consultant = await app.CreateUserAsync(name: "Browser Consultant");
        await app.CreateClientAsync(consultant, "Browser Klant");
        await using var session = await app.OpenAsync(Device.Desktop);
        var page = session.Page;

        // Sign in through the form, by keyboard; first a wrong password, so the error state is checked too.
        await page.GotoAsync("/account/login");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await SignInByKeyboardAsync(page, admin.Email!, "dit is niet het wachtwoord");
        await Expect(page.Locator("#login-error")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await SignInByKeyboardAsync(page, admin.Email!, QuickscanApp.TestPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));

        // The own account page, reached through the menu.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Mijn account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/manage$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn account");
        await Accessibility.AssertNoViolationsAsync(page, output);

        // Two-factor set-up: the QR code and key, a wrong code, then the app's code and the recovery codes.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Inloggen in twee stappen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/manage/two-factor$"));
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR-code die Quickscan aan je authenticator-app toevoegt" });
        await Expect(qr).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Replace(" ", "").Trim();
        var code = page.GetByLabel("Code van zes cijfers uit de app");
        await code.FillAsync(Authenticator.WrongCode(key));
        await code.PressAsync("Enter");
        await Expect(page.Locator("#code-error")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("Code van zes cijfers uit de app").FillAsync(Authenticator.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren en aanzetten" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Link, new() { Name = "Ik heb de codes bewaard" }).ClickAsync();
        await Expect(page.Locator("#two-factor-state")).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page, output);

        // The change-password page, with its error state.
        await page.GotoAsync("/account/password");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("Huidig wachtwoord", new() { Exact = true }).FillAsync("fout wachtwoord 123");
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync("een nieuw wachtwoord 1");
        await page.GetByLabel("Herhaal het nieuwe wachtwoord", new() { Exact = true }).FillAsync("een nieuw wachtwoord 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).ClickAsync();
        await Expect(page.Locator("#password-errors")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        // Admin: the home, the users list, a new user with the temporary password, the user's page.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Beheer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Gebruikers" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Browser Consultant" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe gebruiker" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gebruiker aanmaken" }).ClickAsync(); // the browser stops an empty form
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users/new$"));
        await page.GetByLabel("Naam").FillAsync("Nieuwe Collega");
        await page.GetByLabel("E-mailadres").FillAsync($"collega-{Guid.NewGuid():N}@example.test");
        await page.GetByLabel("Beheerder").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gebruiker aanmaken" }).ClickAsync();
        await Expect(page.Locator("#temporary-password")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        await page.GetByRole(AriaRole.Link, new() { Name = "Naar Nieuwe Collega" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuwe Collega");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tijdelijk wachtwoord maken" }).ClickAsync();
        await Expect(page.Locator("#temporary-password")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitschakelen" }).ClickAsync();
        await Expect(page.Locator("#done")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);

        // The consultant's page with the clients to move, and the list in English.
        var consultantRow = page.GetByRole(AriaRole.Row, new() { Name = "Browser Consultant" });
        await page.GotoAsync("/admin/users");
        await consultantRow.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#move-target")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GotoAsync($"/language/en?returnUrl={Uri.EscapeDataString("/admin/users")}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Users");
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GotoAsync("/language/nl?returnUrl=%2Fclients");

        // Signing out and in again now asks for the code: that page too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await SignInByKeyboardAsync(page, admin.Email!, QuickscanApp.TestPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await Accessibility.AssertNoViolationsAsync(page, output);
        var loginCode = page.GetByLabel("Code", new() { Exact = true });
        await loginCode.FillAsync(Authenticator.WrongCode(key));
        await loginCode.PressAsync("Enter");
        await Expect(page.Locator("#code-error")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, output);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Authenticator.Later(key));
        await page.GetByLabel("Code", new() { Exact = true }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
    }

    [Fact]
    public async Task Without_JavaScript_an_admin_creates_a_user_and_the_user_changes_the_temporary_password()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        await using var adminSession = await app.OpenAsync(Device.Desktop, javaScript: false);
        var page = adminSession.Page;
        await SignInByKeyboardAsync(page, admin.Email!, QuickscanApp.TestPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/clients$"));
        await page.GotoAsync("/admin/users/new");
        var email = $"zonder-js-{Guid.NewGuid():N}@example.test";
        await page.GetByLabel("Naam").FillAsync("Zonder Script");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gebruiker aanmaken" }).ClickAsync();
        var password = (await page.Locator("#temporary-password").TextContentAsync())!.Trim();

        await using var userSession = await app.OpenAsync(Device.Phone, javaScript: false);
        var phone = userSession.Page;
        await SignInByKeyboardAsync(phone, email, password);
        await Expect(phone).ToHaveURLAsync(new Regex("/account/password$"));
        await phone.GetByLabel("Huidig wachtwoord", new() { Exact = true }).FillAsync(password);
        await phone.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync("mijn eigen wachtwoord 9");
        await phone.GetByLabel("Herhaal het nieuwe wachtwoord", new() { Exact = true }).FillAsync("mijn eigen wachtwoord 9");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).TapAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/clients$"));
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.MustChangePassword).SingleAsync()));
    }

    /// <summary>Type the email address, Tab to the password, type it, Enter: the login form by keyboard.</summary>
    private static async Task SignInByKeyboardAsync(IPage page, string email, string password)
    {
        if (!page.Url.EndsWith("/account/login", StringComparison.Ordinal))
            await page.GotoAsync("/account/login");
        var emailField = page.GetByLabel("E-mailadres");
        await emailField.FocusAsync();
        await emailField.FillAsync("");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Wachtwoord", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
