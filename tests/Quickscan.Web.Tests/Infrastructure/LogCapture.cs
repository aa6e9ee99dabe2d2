using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>Every log event the app writes, rendered with all its properties, for tests about what reaches the log.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    /// <summary>Each event as one line: message, properties and exception.</summary>
    public IEnumerable<string> Lines => _events.Select(e =>
        $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}");
}
