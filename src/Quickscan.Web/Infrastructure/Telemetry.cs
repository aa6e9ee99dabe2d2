using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, Npgsql, EF Core, .NET runtime) exported over OTLP, on
/// when an endpoint is configured (Telemetry:OtlpEndpoint or the standard OTEL_EXPORTER_OTLP_ENDPOINT).
/// Traces carry no tokens (paths are masked like the log) and no query strings, user names or answers.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "quickscan";

    public static IServiceCollection AddQuickscanTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
            return services;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["Telemetry:ServiceName"] ?? ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        activity.SetTag("url.path", Logging.MaskTokens(request.Path.ToString()));
                        activity.SetTag("url.query", null);
                    };
                })
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore")
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        return services;
    }
}
