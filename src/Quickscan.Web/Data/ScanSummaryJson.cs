using System.Text.Json;
using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>
/// The JSON in ScanSummary.FiguresJson: the scan's condition and factor scores (exact, as in ScoreSheetJson), the
/// level of each condition (after the intake's ladder cap) and the bottleneck. What other scans' reports and the
/// state of affairs need of a scan, and no more.
/// </summary>
public static class ScanSummaryJson
{
    private sealed record Figures(
        Dictionary<string, Rational?> Conditions,
        Dictionary<string, Rational?> Factors,
        Dictionary<string, int?> Levels,
        string? Bottleneck);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ScanResult result) =>
        JsonSerializer.Serialize(
            new Figures(
                new(result.Profile.Conditions),
                new(result.Profile.Factors),
                result.Conditions.ToDictionary(c => c.Key, c => c.Level?.Number),
                result.Bottleneck),
            Options);

    public static ScanFigures Read(string json)
    {
        var figures = JsonSerializer.Deserialize<Figures>(json, Options)!;
        return new ScanFigures(new ScoreProfile(figures.Conditions, figures.Factors), figures.Levels, figures.Bottleneck);
    }
}

/// <summary>A scan's kept figures: its profile, each condition's level number (null: no level) and its bottleneck.</summary>
public sealed record ScanFigures(ScoreProfile Profile, IReadOnlyDictionary<string, int?> Levels, string? Bottleneck);
