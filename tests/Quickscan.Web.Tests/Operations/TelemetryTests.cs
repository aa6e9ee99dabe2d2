using System.Diagnostics;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Serilog;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Tests.Infrastructure;

namespace Quickscan.Web.Tests.Operations;

/// <summary>The app with an OTLP endpoint configured; what would be exported is also kept in memory.</summary>
public sealed class TracedApp : QuickscanApp
{
    private readonly LockedActivities _activities = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Nothing listens there: the exporter drops what it can't send, the in-memory copy is what the tests read.
        builder.UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:9");
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_activities)));
    }

    public List<Activity> Snapshot() => _activities.Snapshot();

    /// <summary>
    /// The in-memory exporter adds from whichever thread ends an activity (requests, queries of background work)
    /// without a lock of its own: a copy taken while it adds failed now and then ("collection was modified").
    /// </summary>
    private sealed class LockedActivities : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _lock = new();

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
                base.InsertItem(index, item);
        }

        public List<Activity> Snapshot()
        {
            lock (_lock)
                return [.. Items];
        }
    }

    /// <summary>
    /// What was kept once it holds an activity that matches: a request's activity ends (and is exported) after its
    /// response has gone out, so a client can read the response before the activity is there. At most 5 s.
    /// </summary>
    public async Task<List<Activity>> SnapshotWhenAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var snapshot = Snapshot();
        while (!snapshot.Any(match) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            snapshot = Snapshot();
        }

        return snapshot;
    }
}

public sealed class TelemetryTests(TracedApp app) : IClassFixture<TracedApp>
{
    [Fact]
    public async Task Requests_and_queries_are_traced_without_tokens_query_strings_or_answers()
    {
        var scan = await app.CreateScanAsync();
        var respondent = new RespondentClient(app, scan.ShareToken);
        await respondent.StartAsync();
        await respondent.AnswerAsync("usage", new Dictionary<string, string> { ["usage.effort.1"] = "4", ["usage.performance.open"] = "Mijn geheime mening" }, move: "later");
        await respondent.Http.GetAsync(respondent.Url($"/c/usage?secret={scan.ShareToken}"));

        var activities = await app.SnapshotWhenAsync(a => a.Source.Name == "Microsoft.AspNetCore" && (a.GetTagItem("url.path") as string)?.StartsWith("/c/", StringComparison.Ordinal) != true
            && (a.GetTagItem("url.path") as string)?.Contains("/c/usage", StringComparison.Ordinal) == true);
        var tags = activities.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(a.DisplayName)).ToList();

        Assert.Contains(activities, a => a.Source.Name == "Microsoft.AspNetCore" && (a.GetTagItem("url.path") as string)?.StartsWith("/s/***", StringComparison.Ordinal) == true);
        Assert.Contains(activities, a => a.Source.Name == "Npgsql");
        Assert.DoesNotContain(tags, t => t.Contains(scan.ShareToken, StringComparison.Ordinal));
        Assert.DoesNotContain(tags, t => t.Contains("geheime mening", StringComparison.Ordinal));
        Assert.DoesNotContain(tags, t => t.StartsWith("url.query=", StringComparison.Ordinal) && t.Length > "url.query=".Length);
    }

    [Fact]
    public async Task The_error_pages_correlation_id_is_the_requests_trace_id()
    {
        var response = await app.CreateClient().GetAsync(FailingEndpoint.Path);
        var correlationId = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("code")!.TextContent;

        bool IsTheRequest(Activity a) => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId.ToHexString() == correlationId;
        Assert.Contains(await app.SnapshotWhenAsync(IsTheRequest), IsTheRequest);
    }

    [Fact]
    public void Json_logs_replace_the_text_template_of_every_console_sink()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.Console",
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:0:Args:outputTemplate"] = "[{Level}] {Message}",
        }).Build();

        var json = Logging.AsJson(settings);
        using var logger = new LoggerConfiguration().ReadFrom.Configuration(json).CreateLogger();

        Assert.Equal("Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact", json["Serilog:WriteTo:0:Args:formatter"]);
        Assert.Null(json["Serilog:WriteTo:0:Args:outputTemplate"]);
    }
}
