using System.Text.Json;
using System.Text.Json.Serialization;
using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>
/// The JSON stored in RespondentScore.ScoresJson. Scores are exact: a number when the score is a finite decimal,
/// otherwise a fraction as a string ("175/3"). Rows written before exact scores hold doubles and still read.
/// </summary>
public static class ScoreSheetJson
{
    private sealed record Scores(
        Dictionary<string, Rational?> Conditions,
        Dictionary<string, Rational?> Factors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] Track Track = Track.Survey,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, int>? Caps = null);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(ScoreSheet sheet) =>
        JsonSerializer.Serialize(new Scores(new(sheet.Conditions), new(sheet.Factors), sheet.Track, sheet.LadderCaps.Count > 0 ? new(sheet.LadderCaps) : null), Options);

    public static ScoreSheet Read(string json, string? roleGroup)
    {
        var scores = JsonSerializer.Deserialize<Scores>(json, Options)!;
        return new ScoreSheet(roleGroup, scores.Conditions, scores.Factors) { Track = scores.Track, LadderCaps = scores.Caps ?? [] };
    }

    public static RespondentScore ToRow(RespondentResult result, Guid respondentId, Guid scanId, string? roleGroup, DateTimeOffset now) => new()
    {
        RespondentId = respondentId,
        ScanId = scanId,
        RoleGroup = roleGroup,
        Index = result.Index,
        ScoresJson = Write(result.ToSheet(roleGroup)),
        ScoredAt = now,
    };
}
