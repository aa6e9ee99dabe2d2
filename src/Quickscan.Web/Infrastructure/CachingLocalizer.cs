using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Quickscan.Web.Infrastructure;

/// <summary>
/// The resx texts, remembered per culture once read. ResourceManager takes a process-wide lock on every lookup
/// (two, with the resource set's own), and a respondent's step page makes about thirty: under load the threads
/// queued on those locks. The texts never change while the app runs, so each (culture, key) is looked up once;
/// what a lookup returns, formatting included, is exactly what the resx localizer returns.
/// </summary>
public sealed class CachingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type, string, string), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, "", ""), static (key, factory) => new CachingStringLocalizer(factory.Create(key.Item1)), inner);

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((typeof(void), baseName, location), static (key, factory) => new CachingStringLocalizer(factory.Create(key.Item2, key.Item3)), inner);
}

/// <summary>One resource's texts per culture (see <see cref="CachingStringLocalizerFactory"/>).</summary>
public sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    /// <summary>A bound on what is kept, should a key ever come from data: beyond it, lookups go to the resx every time.</summary>
    private const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LocalizedString>> _byCulture = new(StringComparer.Ordinal);
    private int _count;

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var texts = _byCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, static _ => new(StringComparer.Ordinal));
            if (texts.TryGetValue(name, out var text))
                return text;
            text = inner[name];
            if (Volatile.Read(ref _count) < MaxEntries && texts.TryAdd(name, text))
                Interlocked.Increment(ref _count);
            return text;
        }
    }

    /// <summary>As the resx localizer: the text (or the key when there is none) formatted in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
