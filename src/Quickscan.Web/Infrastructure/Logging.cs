using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Quickscan.Web.Infrastructure;

public static partial class Logging
{
    /// <summary>Serilog from configuration (section "Serilog"), console by default; JSON lines when Quickscan:JsonLogs is true.</summary>
    public static void AddQuickscanLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration.GetValue<bool>("Quickscan:JsonLogs") ? AsJson(builder.Configuration) : builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<MaskTokensEnricher>(),
            // Each host logs to its own logger, never the process-wide static one (tests run several hosts).
            preserveStaticLogger: true);

    /// <summary>
    /// The Serilog settings with every console sink writing one JSON object per event (message rendered,
    /// every property, trace and span ids) for a log collector, instead of the text template.
    /// </summary>
    public static IConfiguration AsJson(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Serilog").AsEnumerable()
            .Where(kv => kv.Value is not null && !kv.Key.EndsWith(":outputTemplate", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren().Where(s => s["Name"] == "Console"))
            settings[$"{sink.Path}:Args:formatter"] = "Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact";
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>One structured line per request; bodies (and so answers) are never logged.</summary>
    public static IApplicationBuilder UseQuickscanRequestLogging(this IApplicationBuilder app) => app
        .UseSerilogRequestLogging(options =>
        {
            // This app's logger, not the static one: several hosts in one process (tests) each keep their own.
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, context) =>
                diagnostics.Set("CorrelationId", CorrelationId(context));
            options.GetLevel = (context, _, exception) =>
                (exception is not null && !Aborted(context, exception)) || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        })
        .UseClientDisconnects();

    /// <summary>
    /// What a user quotes from an error page: the request's trace id, so the log line, the trace in the
    /// telemetry backend and the page all carry the same id.
    /// </summary>
    public static string CorrelationId(HttpContext context) =>
        System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;

    /// <summary>
    /// A client that went away mid-request (closed the tab, lost the train's Wi-Fi) is not a server error:
    /// the request line says 499, at Information, without a stack trace.
    /// </summary>
    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Aborted(context, e))
        {
            if (!context.Response.HasStarted)
                context.Response.StatusCode = ClientClosedRequest;
        }
    });

    /// <summary>nginx's status for a request the client abandoned.</summary>
    public const int ClientClosedRequest = 499;

    private static bool Aborted(HttpContext context, Exception e) =>
        context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException;

    /// <summary>
    /// Masks everything shaped like a share, resume or sponsor token (32 or more URL-safe characters, raw
    /// or percent-encoded) that follows a slash, an encoded slash or an equals sign, whatever comes after
    /// it: "/s/TOKEN.", "/s/TOKEN%20", "/r/TOKEN?x=1", "returnUrl=%2Fs%2FTOKEN". Ids (GUIDs) stay readable.
    /// </summary>
    public static string MaskTokens(string text) => text.Length < 32 ? text : TokenLike().Replace(text, "***");

    [GeneratedRegex("(?<=/|%2F|%252F|=)(?![0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}(?![A-Z0-9_-]))(?:[A-Z0-9_-]|%[0-9A-F]{2}){32,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenLike();
}

/// <summary>
/// Share, resume and sponsor tokens open a scan, a respondent's answers or a report, so they never reach
/// the log: every string in every property of every event (request paths, scopes, structured values,
/// sequences) has its token-shaped parts masked.
/// </summary>
public sealed class MaskTokensEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(value);
            if (!ReferenceEquals(masked, value))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
        }
    }

    /// <summary>The value with its strings masked; the same instance when nothing changed.</summary>
    private static LogEventPropertyValue Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var masked = Logging.MaskTokens(text);
                return ReferenceEquals(masked, text) || masked == text ? value : new ScalarValue(masked);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Mask).ToList();
                return elements.Zip(sequence.Elements).All(p => ReferenceEquals(p.First, p.Second)) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))).ToList();
                return properties.Zip(structure.Properties).All(p => ReferenceEquals(p.First.Value, p.Second.Value)) ? value : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Mask(e.Key), Mask(e.Value))).ToList();
                return entries.Zip(dictionary.Elements).All(p => ReferenceEquals(p.First.Key, p.Second.Key) && ReferenceEquals(p.First.Value, p.Second.Value)) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
