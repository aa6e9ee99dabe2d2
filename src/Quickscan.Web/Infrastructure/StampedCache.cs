using Microsoft.Extensions.Caching.Memory;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// Values computed from stored rows, kept in memory with the stamp (a version) they were computed for, by
/// kind and id; an entry whose stamp no longer matches is computed again. Configuration
/// Quickscan:ReportCache=false turns it off: every read then computes from the database (the report
/// benchmark measures both). A second instance keeps its own entries; the stamps keep both correct.
/// </summary>
public sealed class StampedCache(IConfiguration configuration) : IDisposable
{
    private static readonly TimeSpan Sliding = TimeSpan.FromMinutes(15);

    private readonly bool _enabled = configuration.GetValue("Quickscan:ReportCache", true);

    /// <summary>
    /// Its own cache, so it can't crowd out anything else, bounded in size: a profile counts 1, a scan's kept
    /// scores count one per respondent (a scoring time each, beside the scan's tally), so at most about 50,000 are held.
    /// </summary>
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public bool Enabled => _enabled;

    public void Dispose() => _memory.Dispose();

    private sealed record Entry<T>(string Stamp, T Value);

    /// <summary>The value kept for this stamp, or default.</summary>
    public bool TryGet<T>(string kind, Guid id, string stamp, out T value)
    {
        if (_enabled && _memory.TryGetValue((kind, id), out Entry<T>? entry) && entry!.Stamp == stamp)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Whatever is kept under kind and id, whatever its stamp (for incremental updates).</summary>
    public (string Stamp, T Value)? GetAny<T>(string kind, Guid id) =>
        _enabled && _memory.TryGetValue((kind, id), out Entry<T>? entry) ? (entry!.Stamp, entry.Value) : null;

    public void Set<T>(string kind, Guid id, string stamp, T value, int size = 1)
    {
        if (_enabled)
            _memory.Set((kind, id), new Entry<T>(stamp, value), new MemoryCacheEntryOptions { SlidingExpiration = Sliding, Size = Math.Max(1, size) });
    }

    public async Task<T> GetOrLoadAsync<T>(string kind, Guid id, string stamp, Func<Task<T>> load)
    {
        if (TryGet(kind, id, stamp, out T value))
            return value;
        value = await load();
        Set(kind, id, stamp, value);
        return value;
    }

    /// <summary>The values for many ids; those missing or stale are loaded together in one call.</summary>
    public async Task<IReadOnlyDictionary<Guid, T>> GetOrLoadManyAsync<T>(string kind, IReadOnlyList<(Guid Id, string Stamp)> keys, Func<List<Guid>, Task<Dictionary<Guid, T>>> load)
    {
        var found = new Dictionary<Guid, T>();
        var missing = new List<Guid>();
        foreach (var (id, stamp) in keys)
        {
            if (TryGet(kind, id, stamp, out T value))
                found[id] = value;
            else
                missing.Add(id);
        }

        if (missing.Count == 0)
            return found;
        var loaded = await load(missing);
        var stamps = keys.ToDictionary(k => k.Id, k => k.Stamp);
        foreach (var (id, value) in loaded)
        {
            found[id] = value;
            Set(kind, id, stamps[id], value);
        }

        return found;
    }
}
