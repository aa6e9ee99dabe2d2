using System.Globalization;
using Npgsql;

namespace Quickscan.LoadTests;

/// <summary>A respondent as PostgreSQL has it, its answers in the form's own values.</summary>
public sealed record StoredRespondent(
    string ResumeTokenHash,
    string? RoleGroup,
    string? Department,
    bool IsSubmitted,
    bool HasScore,
    Dictionary<string, string> Answers);

/// <summary>Reads respondents straight from the database (tables and columns of the EF Core migration), by resume-token hash.</summary>
public static class StoredRespondents
{
    public static async Task<Dictionary<string, StoredRespondent>> LoadAsync(string connectionString, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredRespondent>(StringComparer.Ordinal);
        if (hashes.Count == 0)
            return result;

        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var command = data.CreateCommand("""
            SELECT r."ResumeTokenHash", r."RoleGroup", r."Department", r."SubmittedAt" IS NOT NULL, s."RespondentId" IS NOT NULL
            FROM "Respondents" r LEFT JOIN "RespondentScores" s ON s."RespondentId" = r."Id"
            WHERE r."ResumeTokenHash" = ANY($1)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = reader.GetString(0);
                result[hash] = new StoredRespondent(
                    hash,
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetBoolean(3),
                    reader.GetBoolean(4),
                    new Dictionary<string, string>(StringComparer.Ordinal));
            }
        }

        await using (var command = data.CreateCommand("""
            SELECT r."ResumeTokenHash", a."QuestionKey", a."ScaleValue", a."OptionKey", a."Text", a."DontKnow"
            FROM "RespondentAnswers" a JOIN "Respondents" r ON r."Id" = a."RespondentId"
            WHERE r."ResumeTokenHash" = ANY($1)
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var value = reader.GetBoolean(5) ? "dk"
                    : !reader.IsDBNull(2) ? reader.GetInt32(2).ToString(CultureInfo.InvariantCulture)
                    : !reader.IsDBNull(3) ? reader.GetString(3)
                    : reader.IsDBNull(4) ? "" : reader.GetString(4);
                result[reader.GetString(0)].Answers[reader.GetString(1)] = value;
            }
        }

        return result;
    }

    /// <summary>Acknowledged answers that are missing or hold another value; open texts are stored trimmed.</summary>
    public static int Lost(IReadOnlyDictionary<string, string> acknowledged, StoredRespondent? stored) =>
        acknowledged.Count(a => stored is null || !stored.Answers.TryGetValue(a.Key, out var value) || value != a.Value.Trim());
}
