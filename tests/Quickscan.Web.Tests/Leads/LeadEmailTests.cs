using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using Quickscan.Web.Data;
using Quickscan.Web.Tests.Infrastructure;
using Quickscan.Web.Tests.SelfScan;

namespace Quickscan.Web.Tests.Leads;

/// <summary>The self-scan app with email on: a real SMTP server (netDumbster) in the test process, and a public address for links.</summary>
public sealed class MailingSelfScanApp : SelfScanApp
{
    public const string PublicBaseUrl = "https://quickscan.example.test";

    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithRandomPort().Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Quickscan:PublicBaseUrl", PublicBaseUrl);
    }

    /// <summary>The messages to one address, parsed, once there are <paramref name="count"/> of them (the sender works in the background).</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string address, int count)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(15); waited += TimeSpan.FromMilliseconds(100))
        {
            var messages = Received(address);
            if (messages.Count >= count)
                return messages;
            await Task.Delay(100);
        }

        return Received(address);
    }

    private List<MimeMessage> Received(string address) => Smtp.ReceivedEmail
        .Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))
        .Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
        .ToList();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Stop();
        Smtp.Dispose();
    }
}

/// <summary>
/// Item 4 of the self-scan issue: a consultant to whom a lead is assigned gets an email, in their language, naming
/// the organisation and linking to the lead, with none of the prospect's personal details; assigning to oneself sends nothing.
/// </summary>
public sealed class LeadEmailTests(MailingSelfScanApp app) : IClassFixture<MailingSelfScanApp>
{
    private static KeyValuePair<string, string> Field(string name, object value) => new(name, value.ToString()!);

    private static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> AssignAsync(SignedInClient client, Lead lead, User to)
    {
        var (_, page) = await client.GetAsync($"/leads/{lead.Id}");
        var response = await client.PostAsync($"/leads/{lead.Id}?handler=Assign", page, [Field("Input.ConsultantId", to.Id), Field("Input.Version", lead.Version)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (response, (await client.GetAsync(response.Headers.Location!.OriginalString)).Document);
    }

    private async Task<User> EnglishAsync(User user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
        stored.Language = "en";
        Assert.True((await users.UpdateAsync(stored)).Succeeded);
        return stored;
    }

    [Fact]
    public async Task The_assigned_consultant_gets_an_email_in_their_language_with_the_organisation_and_a_link_to_the_lead_and_no_personal_data()
    {
        var lead = await Prospects.RequestAsync(app, "Provincie Mailland");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin, "Beheerder Bert"));
        var consultant = await app.CreateUserAsync(Roles.Consultant, "Consultant Carla");

        var (response, page) = await AssignAsync(admin, lead, consultant);

        Assert.Contains("Done=notified", response.Headers.Location!.OriginalString);
        Assert.Contains("Consultant Carla krijgt hierover een e-mail.", page.QuerySelector(".notice.success")!.TextContent);
        var mail = Assert.Single(await app.MailToAsync(consultant.Email!, 1));
        Assert.Equal("Aanvraag toegewezen: Provincie Mailland", mail.Subject);
        var body = mail.TextBody;
        Assert.Contains("Hallo Consultant Carla,", body);
        Assert.Contains("Beheerder Bert heeft de aanvraag van Provincie Mailland", body);
        Assert.Contains($"{MailingSelfScanApp.PublicBaseUrl}/leads/{lead.Id}", body);
        // The prospect's own details stay behind the sign-in.
        Assert.DoesNotContain(lead.Name, body);
        Assert.DoesNotContain(lead.Email, body);
        Assert.DoesNotContain(lead.Phone!, body);

        // The link opens the lead for the consultant.
        var consultantClient = await SignedInClient.SignInAsync(app, consultant);
        var (opened, details) = await consultantClient.GetAsync(new Uri($"{MailingSelfScanApp.PublicBaseUrl}/leads/{lead.Id}").AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Provincie Mailland", details.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_english_speaking_consultant_gets_the_email_in_english()
    {
        var lead = await Prospects.RequestAsync(app, "County Mailshire");
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin, "Admin Alice"));
        var consultant = await EnglishAsync(await app.CreateUserAsync(Roles.Consultant, "Consultant Colin"));

        await AssignAsync(admin, lead, consultant);

        var mail = Assert.Single(await app.MailToAsync(consultant.Email!, 1));
        Assert.Equal("Request assigned to you: County Mailshire", mail.Subject);
        Assert.Contains("Hello Consultant Colin,", mail.TextBody);
        Assert.Contains("Admin Alice has assigned the quickscan request from County Mailshire to you.", mail.TextBody);
        Assert.Contains($"{MailingSelfScanApp.PublicBaseUrl}/leads/{lead.Id}", mail.TextBody);
    }

    [Fact]
    public async Task Picking_up_a_lead_oneself_or_assigning_it_to_its_assignee_again_sends_nothing()
    {
        var lead = await Prospects.RequestAsync(app, "Gemeente Zelfdorp");
        var consultant = await app.CreateUserAsync(Roles.Consultant, "Consultant Zelf");
        var client = await SignedInClient.SignInAsync(app, consultant);

        var (response, page) = await AssignAsync(client, lead, consultant);

        Assert.Contains("Done=assigned", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("e-mail", page.QuerySelector(".notice.success")!.TextContent);

        // An admin assigns it to the same consultant again, then a second lead to them: only the second sends an email
        // (the sender delivers in order, so once it is there, an email for the first would have been too).
        var admin = await SignedInClient.SignInAsync(app, await app.CreateUserAsync(Roles.Admin));
        lead = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Leads, l => l.Id == lead.Id));
        await AssignAsync(admin, lead, consultant);
        var second = await Prospects.RequestAsync(app, "Gemeente Tweededorp");
        await AssignAsync(admin, second, consultant);

        var mail = Assert.Single(await app.MailToAsync(consultant.Email!, 1));
        Assert.Contains("Gemeente Tweededorp", mail.Subject);
        await Task.Delay(500);
        Assert.Single(await app.MailToAsync(consultant.Email!, 1));
    }
}
