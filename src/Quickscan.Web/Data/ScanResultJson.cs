using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>
/// A whole <see cref="ScanResult"/> as JSON, for the kept result of a scan (ScanSummary.ResultJson): the domain's
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

    /// <summary>A property without a setter (init included) is computed from the others: not written.</summary>
    private static void LeaveOutDerived(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in type.Properties.Where(p => p.Set is null && p.AssociatedParameter is null).ToList())
            type.Properties.Remove(property);
    }
}
