using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Request limits, from the "RateLimits" settings section. Sized for a workshop: 300 phones behind one venue
/// IP address all start within a minute and save every few seconds without ever meeting a limit, while one
/// client can't create responses without end or hammer the sign-in. The limits count per app instance (in
/// memory): behind a load balancer with N instances a client gets up to N times as much. That is a deliberate
/// trade for not needing a shared store; wrong passwords per account are limited separately (SignInThrottle).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Posts to the sign-in, two-factor, forgot-password and set-password pages per IP address per minute.</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>
    /// New responses per share link: a whole room at once, then this many per minute. Sized for a workshop of
    /// 3,000 phones arriving within a minute (scripts/workshop.sh).
    /// </summary>
    public int StartsPerLinkBurst { get; set; } = 3000;
    public int StartsPerLinkPerMinute { get; set; } = 1000;

    /// <summary>
    /// Saves (page posts and background autosaves) per share link: a burst, then this many per second. The same
    /// workshop makes about 350 a second (a background save every 10 s and a step a minute per phone).
    /// </summary>
    public int SavesPerLinkBurst { get; set; } = 5000;
    public int SavesPerLinkPerSecond { get; set; } = 500;

    /// <summary>Requests per sponsor report link (the page polls while open): a burst, then this many per minute.</summary>
    public int SponsorPerLinkBurst { get; set; } = 120;
    public int SponsorPerLinkPerMinute { get; set; } = 300;

    /// <summary>
    /// Short-link lookups (/j/{code}) per IP address: a whole room behind one venue address joins at once, while
    /// guessing codes stays hopeless (about 39 bits each).
    /// </summary>
    public int JoinsPerIpBurst { get; set; } = 1000;
    public int JoinsPerIpPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    private static readonly string[] SignInPaths = ["/account/login", "/account/login/two-factor", "/account/forgot-password", "/account/set-password"];

    public static IServiceCollection AddQuickscanRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Partition(context, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value));
        });
        return services;
    }

    /// <summary>Which budget a request counts against, if any; everything else is not limited.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var post = HttpMethods.IsPost(request.Method);
        if (post && SignInPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.Equals(p + "/", StringComparison.OrdinalIgnoreCase)))
        {
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetSlidingWindowLimiter("sign-in\n" + ip, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPerIpPerMinute,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            });
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0] == "s" && post)
        {
            return segments.Length == 2
                ? Bucket("start\n" + segments[1], limits.StartsPerLinkBurst, limits.StartsPerLinkPerMinute, TimeSpan.FromMinutes(1))
                : Bucket("save\n" + segments[1], limits.SavesPerLinkBurst, limits.SavesPerLinkPerSecond, TimeSpan.FromSeconds(1));
        }

        if (segments.Length == 2 && segments[0] == "j")
            return Bucket("join\n" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.JoinsPerIpBurst, limits.JoinsPerIpPerMinute, TimeSpan.FromMinutes(1));

        if (segments.Length >= 2 && segments[0] == "r")
            return Bucket("sponsor\n" + segments[1], limits.SponsorPerLinkBurst, limits.SponsorPerLinkPerMinute, TimeSpan.FromMinutes(1));
        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> Bucket(string key, int burst, int perPeriod, TimeSpan period) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
