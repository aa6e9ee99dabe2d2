using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>
/// A whole <see cref="ScanResult"/> as JSON, for the kept result of a scan (ScanSummary.ResultJson), and its instrument figures: the domain's
/// records as they are, scores exact (Rational as in ScoreSheetJson). Derived properties (Mean, Profile, HasIntake,
/// the gaps' differences) are left out: they are computed again from what is read.
/// </summary>
public static class ScanResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutDerived } },
    };

    public static string Write(ScanResult result) => JsonSerializer.Serialize(result, Options);

    public static ScanResult Read(string json) => JsonSerializer.Deserialize<ScanResult>(json, Options)!;

    /// <summary>The scan's instrument figures (ScanSummary.InstrumentJson): counts only, no answer text.</summary>
    public static string WriteInstrument(InstrumentFigures figures) => JsonSerializer.Serialize(figures, Options);

    /// <summary>The scan's kept quotes (ScanSummary.QuotesJson): per question a count and respondents' ids, no answer text.</summary>
    public static string WriteQuotes(IReadOnlyList<KeptQuotes> quotes) => JsonSerializer.Serialize(quotes, Options);

    public static IReadOnlyList<KeptQuotes> ReadQuotes(string json) => JsonSerializer.Deserialize<List<KeptQuotes>>(json, Options)!;

    /// <summary>Groups are counted with case ignored, as <see cref="InstrumentFigures"/> does; JSON keeps no comparer.</summary>
    public static InstrumentFigures ReadInstrument(string json)
    {
        var figures = JsonSerializer.Deserialize<InstrumentFigures>(json, Options)!;
        return figures with
        {
            DepartmentResponses = new Dictionary<string, int>(figures.DepartmentResponses, StringComparer.OrdinalIgnoreCase),
            RoleGroupResponses = new Dictionary<string, int>(figures.RoleGroupResponses, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>A property without a setter (init included) is computed from the others: not written.</summary>
    private static void LeaveOutDerived(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties.Where(p => p.Set is null && p.AssociatedParameter is null).ToList())
            type.Properties.Remove(property);
    }
}
