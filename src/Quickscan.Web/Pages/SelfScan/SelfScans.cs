using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>A published self-scan version and its questionnaire.</summary>
public sealed record SelfScanVersion(int Id, Questionnaire Questionnaire);

/// <summary>A stored self-scan response as its result page and its lead need it.</summary>
public sealed record StoredSelfScan(
    Guid Id,
    SelfScanVersion Version,
    string Language,
    string? Sector,
    string? SizeClass,
    IReadOnlyDictionary<string, string> Answers,
    RespondentResult Result,
    DateTimeOffset SubmittedAt);

/// <summary>The self-scan's reads and writes: which version is offered, storing a response, finding it again by its result token.</summary>
public sealed class SelfScans(QuickscanDbContext db, QuestionnaireCache questionnaires, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The newest published self-scan version; null when none is published.</summary>
    public async Task<SelfScanVersion?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var id = await db.QuestionnaireVersions.AsNoTracking()
            .Where(v => v.Kind == QuestionnaireKind.SelfScan)
            .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Id)
            .Select(v => (int?)v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return id is { } versionId ? new SelfScanVersion(versionId, await questionnaires.GetAsync(versionId)) : null;
    }

    /// <summary>A self-scan version by id (the one a form was shown with); null when it is not a published self-scan.</summary>
    public async Task<SelfScanVersion?> VersionAsync(int id, CancellationToken cancellationToken = default) =>
        await db.QuestionnaireVersions.AsNoTracking().AnyAsync(v => v.Id == id && v.Kind == QuestionnaireKind.SelfScan, cancellationToken)
            ? new SelfScanVersion(id, await questionnaires.GetAsync(id))
            : null;

    /// <summary>Scores and stores a validated response; returns the secret for its result link.</summary>
    public async Task<string> SaveAsync(SelfScanVersion version, SelfScanInput input, Language language, CancellationToken cancellationToken = default)
    {
        var answers = input.ToAnswers(version.Questionnaire);
        var result = RespondentScoring.Score(version.Questionnaire, answers);
        var token = Tokens.New();
        db.SelfScanResponses.Add(new SelfScanResponse
        {
            QuestionnaireVersionId = version.Id,
            ResultTokenHash = Tokens.Hash(token),
            Language = language.Code(),
            Sector = string.IsNullOrEmpty(input.Sector) ? null : input.Sector,
            SizeClass = string.IsNullOrEmpty(input.SizeClass) ? null : input.SizeClass,
            AnswersJson = JsonSerializer.Serialize(input.Answers.Where(a => !string.IsNullOrEmpty(a.Value)).ToDictionary(a => a.Key, a => a.Value), Json),
            Index = result.Index,
            ScoresJson = ScoreSheetJson.Write(result.ToSheet(null)),
            SubmittedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<StoredSelfScan?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!Tokens.LooksValid(token))
            return null;
        var hash = Tokens.Hash(token);
        var row = await db.SelfScanResponses.AsNoTracking().SingleOrDefaultAsync(r => r.ResultTokenHash == hash, cancellationToken);
        return row is null ? null : await ToStoredAsync(row);
    }

    public async Task<StoredSelfScan?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.SelfScanResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null ? null : await ToStoredAsync(row);
    }

    /// <summary>Scores again from the stored answers: the result page always shows what the questionnaire says about them.</summary>
    private async Task<StoredSelfScan> ToStoredAsync(SelfScanResponse row)
    {
        var version = new SelfScanVersion(row.QuestionnaireVersionId, await questionnaires.GetAsync(row.QuestionnaireVersionId));
        var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(row.AnswersJson, Json) ?? [];
        var input = new SelfScanInput { Answers = answers.ToDictionary(a => a.Key, a => (string?)a.Value) };
        var result = RespondentScoring.Score(version.Questionnaire, input.ToAnswers(version.Questionnaire));
        return new StoredSelfScan(row.Id, version, row.Language, row.Sector, row.SizeClass, answers, result, row.SubmittedAt);
    }
}
