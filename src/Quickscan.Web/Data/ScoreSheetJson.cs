using System.Text.Json;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data;

/// <summary>The JSON stored in RespondentScore.ScoresJson.</summary>
public static class ScoreSheetJson
{
    private sealed record Scores(Dictionary<string, double?> Conditions, Dictionary<string, double?> Factors);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ScoreSheet sheet) =>
        JsonSerializer.Serialize(new Scores(new(sheet.Conditions), new(sheet.Factors)), Options);

    public static ScoreSheet Read(string json, string? roleGroup)
    {
        var scores = JsonSerializer.Deserialize<Scores>(json, Options)!;
        return new ScoreSheet(roleGroup, scores.Conditions, scores.Factors);
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
