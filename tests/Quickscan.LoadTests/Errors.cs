using System.Collections.Concurrent;

namespace Quickscan.LoadTests;

/// <summary>Errors by phase and kind, with the first message of each kind as an example.</summary>
public sealed class Errors
{
    private readonly ConcurrentDictionary<(string Phase, string Kind), (long Count, string Example)> _errors = new();

    public void Add(string phase, Exception exception)
    {
        var kind = exception switch
        {
            UnexpectedResponseException e => $"HTTP {(int)e.Status}",
            TaskCanceledException { InnerException: TimeoutException } => "timeout",
            OperationCanceledException => "cancelled (phase time limit)",
            HttpRequestException e => $"connection ({e.HttpRequestError})",
            _ => exception.GetType().Name,
        };
        _errors.AddOrUpdate((phase, kind), _ => (1, exception.Message), (_, v) => (v.Count + 1, v.Example));
    }

    public long Count(string phase) => _errors.Where(e => e.Key.Phase == phase).Sum(e => e.Value.Count);

    public long Total => _errors.Values.Sum(v => v.Count);

    public IEnumerable<string> Describe() =>
        _errors.OrderBy(e => e.Key.Phase).ThenByDescending(e => e.Value.Count)
            .Select(e => $"{e.Key.Phase}: {e.Value.Count} × {e.Key.Kind} (e.g. {e.Value.Example})");
}
