using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>The "SelfScan" settings section: spam protection of the public pages and how long leads are kept.</summary>
public sealed class SelfScanOptions
{
    public const string Section = "SelfScan";

    /// <summary>Self-scans one IP address may submit per hour.</summary>
    public int SubmissionsPerHour { get; set; } = 30;

    /// <summary>Contact requests one IP address may send per hour.</summary>
    public int ContactRequestsPerHour { get; set; } = 5;

    /// <summary>A contact request sent sooner than this after the form was shown is refused: people take longer.</summary>
    public int MinimumFillSeconds { get; set; } = 4;

    /// <summary>Leads untouched for this many days are deleted.</summary>
    public int LeadRetentionDays { get; set; } = 365;
}

public static class SelfScanSetup
{
    public const string SubmitPolicy = "self-scan-submit";
    public const string ContactPolicy = "self-scan-contact";

    /// <summary>
    /// The public self-scan and the leads it brings: its services, and ASP.NET Core's rate limiter with a fixed
    /// window per IP address for the two public forms (only their POSTs count; showing a page is never limited).
    /// </summary>
    public static IServiceCollection AddSelfScan(this IServiceCollection services)
    {
        services.AddOptions<SelfScanOptions>().BindConfiguration(SelfScanOptions.Section)
            .Validate(o => o.SubmissionsPerHour > 0 && o.ContactRequestsPerHour > 0 && o.MinimumFillSeconds >= 0 && o.LeadRetentionDays > 0,
                "SelfScan limits must be positive.")
            .ValidateOnStart();
        services.AddScoped<SelfScans>();
        services.AddScoped<SelfScanPopulation>();
        services.AddSingleton<FillTimer>();
        services.AddScoped<Leads.LeadWorkflow>();
        services.AddHostedService<Leads.LeadRetention>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubmitPolicy, context => PerAddress(context, o => o.SubmissionsPerHour));
            limiter.AddPolicy(ContactPolicy, context => PerAddress(context, o => o.ContactRequestsPerHour));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<SelfScanOptions, int> limit)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
            return RateLimitPartition.GetNoLimiter("read");
        var permits = limit(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SelfScanOptions>>().Value);
        // The address behind a proxy comes from the forwarded-headers middleware, which runs first.
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        });
    }
}
