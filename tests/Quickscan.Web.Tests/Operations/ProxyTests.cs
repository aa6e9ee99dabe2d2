using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>The app behind a TLS-terminating proxy at 10.0.0.5, with its public address and Secure cookies configured.</summary>
public sealed class ProxiedApp : QuickscanApp
{
    public const string Proxy = "10.0.0.5";
    public const string PublicBaseUrl = "https://quickscan.example";

    // Secure cookies come back only over HTTPS, as the proxy's clients use it.
    public ProxiedApp() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Quickscan:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Quickscan:KnownProxies:0", Proxy);
        builder.UseSetting("Quickscan:SecureCookies", "true");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ComesThroughProxy>());
    }

    /// <summary>The test server has no remote address: every request comes from the proxy's, unless the test says otherwise.</summary>
    private sealed class ComesThroughProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Remote"].FirstOrDefault() ?? Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class ProxyTests(ProxiedApp app) : IClassFixture<ProxiedApp>
{
    /// <summary>Plain HTTP from the proxy to the app, as behind a TLS-terminating proxy.</summary>
    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://localhost") });

    [Fact]
    public async Task Share_and_sponsor_links_use_the_public_address_never_a_forged_host()
    {
        var consultant = await app.CreateUserAsync();
        var client = await app.CreateClientAsync(consultant);
        var scan = await app.CreateScanAsync(s => s.ReportToken = Web.Infrastructure.Tokens.New(), client);
        var signedIn = await SignedInClient.SignInAsync(app, consultant);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/scans/{scan.Id}");
        request.Headers.Host = "evil.example";

        var html = await (await signedIn.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"{ProxiedApp.PublicBaseUrl}/s/{scan.ShareToken}", html);
        Assert.Contains($"{ProxiedApp.PublicBaseUrl}/r/{scan.ReportToken}", html);
        Assert.DoesNotContain("evil.example", html);
    }

    [Fact]
    public async Task A_respondents_resume_link_uses_the_public_address()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, respondent.Url("/later"));
        request.Headers.Host = "evil.example";

        var page = new HtmlParser().ParseDocument(await (await respondent.Http.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.StartsWith($"{ProxiedApp.PublicBaseUrl}/s/{scan.ShareToken}/r/", page.QuerySelector("#resume-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Hsts_is_sent_for_https_as_the_trusted_proxy_forwards_it_and_not_for_an_untrusted_sender()
    {
        HttpRequestMessage Request(string? remote)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Host = "quickscan.example";
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            if (remote is not null)
                request.Headers.Add("X-Test-Remote", remote);
            return request;
        }

        var trusted = await Client().SendAsync(Request(null));
        var untrusted = await Client().SendAsync(Request("198.51.100.7"));

        Assert.Contains("max-age=31536000", trusted.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(untrusted.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Every_cookie_is_secure_anti_forgery_language_and_sign_in()
    {
        var user = await app.CreateUserAsync();
        var client = Client();
        var login = await client.GetAsync("/account/login");
        var language = await client.GetAsync("/language/en?returnUrl=/");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = new HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Input.Email", user.Email!), new("Input.Password", QuickscanApp.TestPassword), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(language.Headers.GetValues("Set-Cookie")).Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("qs_auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Kestrel_sends_no_server_header() =>
        Assert.False(app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
}
