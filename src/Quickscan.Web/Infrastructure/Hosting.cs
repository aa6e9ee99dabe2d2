using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Quickscan.Web.Infrastructure;

/// <summary>Section "Quickscan": how the app is reached and where it lives.</summary>
public sealed class HostingOptions
{
    public const string Section = "Quickscan";

    /// <summary>
    /// The address people use ("https://quickscan.example.org"). Every absolute link (share, resume, sponsor,
    /// QR code, email) is built on it, never on the request's Host header. Unset: the request's own address
    /// (fine for `dotnet run`, not behind a proxy).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The time zone dates are shown and entered in (IANA id).</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    /// <summary>Reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, "172.16.0.0/12") of such proxies, for a proxy without a fixed address (compose, Kubernetes).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Redirect plain HTTP to HTTPS (when nothing in front does it already).</summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>Cookies only over HTTPS. Unset: on in Production.</summary>
    public bool? SecureCookies { get; set; }
}

/// <summary>Settings checked at start, each with a message that says what to fix.</summary>
public sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var problems = new List<string>();
        if (!TryFindTimeZone(options.TimeZone))
            problems.Add($"Quickscan:TimeZone '{options.TimeZone}' is not a time zone this system knows (use an IANA id such as Europe/Amsterdam).");
        if (options.PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.AbsolutePath != "/"))
            problems.Add($"Quickscan:PublicBaseUrl '{url}' must be an absolute http(s) address without path or query, such as https://quickscan.example.org.");
        problems.AddRange(options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Quickscan:KnownProxies: '{p}' is not an IP address."));
        problems.AddRange(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
            .Select(n => $"Quickscan:KnownNetworks: '{n}' is not a network in CIDR notation (such as 172.16.0.0/12)."));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool TryFindTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Absolute links to this app, on the configured public address.</summary>
public sealed class PublicUrls(IOptions<HostingOptions> options, IHttpContextAccessor http)
{
    /// <summary>The absolute form of an app path ("/s/abc"); the request's own address only when no public address is configured.</summary>
    public string Absolute(string path)
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } baseUrl)
            return baseUrl.TrimEnd('/') + path;
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Quickscan:PublicBaseUrl is not set and there is no request to take the address from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }

    /// <summary>The absolute link to a page, like <see cref="UrlHelperExtensions.PageLink"/> but on the public address.</summary>
    public string Page(IUrlHelper url, string pageName, object? values) =>
        Absolute(url.Page(pageName, values) ?? throw new InvalidOperationException($"No route to {pageName}."));
}

public static class Hosting
{
    /// <summary>
    /// Everything about being reached through a reverse proxy: settings validated at start, forwarded
    /// headers from the configured proxies only, a public base URL for links, Secure cookies in production,
    /// HSTS and (optionally) HTTPS redirection, and no Server header.
    /// </summary>
    public static IServiceCollection AddQuickscanHosting(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
        services.AddHttpContextAccessor();
        services.AddSingleton<PublicUrls>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (the default): a proxy on the same machine.
            foreach (var proxy in hosting.Value.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in hosting.Value.KnownNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<HostingOptions>>((cookies, hosting) =>
        {
            if (hosting.Value.SecureCookies ?? environment.IsProduction())
                cookies.Secure = CookieSecurePolicy.Always;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme as the proxy saw them, then the cookie policy.</summary>
    public static IApplicationBuilder UseQuickscanHosting(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.HttpsRedirect)
            app.UseHttpsRedirection();
        app.UseCookiePolicy();
        return app;
    }
}
