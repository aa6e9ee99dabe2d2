using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Quickscan.Web.Infrastructure;

public static partial class Logging
{
    /// <summary>Serilog from configuration (section "Serilog"), console by default.</summary>
    public static void AddQuickscanLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<MaskTokensEnricher>());

    /// <summary>One structured line per request; bodies (and so answers) are never logged.</summary>
    public static IApplicationBuilder UseQuickscanRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This app's logger, not the static one: several hosts in one process (tests) each keep their own.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, context) =>
                diagnostics.Set("CorrelationId", context.TraceIdentifier);
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });

    /// <summary>Replaces every token-shaped path segment (32 URL-safe characters) with "***".</summary>
    public static string MaskTokens(string path) => TokenSegment().Replace(path, "/***");

    [GeneratedRegex("/[A-Za-z0-9_-]{32}(?=/|$)")]
    private static partial Regex TokenSegment();
}

/// <summary>
/// Share and resume tokens open a scan or a respondent's answers, so they never reach the log: every
/// event's RequestPath (the request line, and the request scope of any event logged during a request)
/// has its token-shaped segments masked.
/// </summary>
public sealed class MaskTokensEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue("RequestPath", out var value) && value is ScalarValue { Value: string path })
            logEvent.AddOrUpdateProperty(new LogEventProperty("RequestPath", new ScalarValue(Logging.MaskTokens(path))));
    }
}
