using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>What an export needs to know about the scan.</summary>
public sealed record ExportScan(Guid Id, string Title, string OrganisationName, int QuestionnaireVersionId, int AnonymityThreshold);

/// <summary>
/// One submitted response as it is exported: no id, no resume token hash, no times other than the
/// submission date, nothing that links the row back to a person or a stored record.
/// </summary>
public sealed record ExportRespondent(
    string? RoleGroup,
    string? Department,
    RespondentSource Source,
    DateTimeOffset SubmittedAt,
    IReadOnlyDictionary<string, Answer> Answers,
    ScoreSheet Scores,
    double? Index)
{
    /// <summary>The way in: the employee survey or the owner intake.</summary>
    public Track Track { get; init; } = Track.Survey;
}

/// <summary>The reads of the exports. The scan is always found through <see cref="Ownership.VisibleTo(IQueryable{Scan}, CurrentUser)"/>.</summary>
public sealed class ExportQuery(QuickscanDbContext db, CurrentUser user, QuestionnaireCache questionnaires)
{
    /// <summary>The scan, if this user may see it; null otherwise (the caller answers 404).</summary>
    public Task<ExportScan?> FindScanAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Scans.VisibleTo(user).AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new ExportScan(s.Id, s.Title, s.Organisation.Name, s.QuestionnaireVersionId, s.AnonymityThreshold))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<Questionnaire> QuestionnaireAsync(ExportScan scan) => questionnaires.GetAsync(scan.QuestionnaireVersionId);

    /// <summary>The submitted responses with their answers and stored scores, in the order they were submitted.</summary>
    public async Task<IReadOnlyList<ExportRespondent>> RespondentsAsync(ExportScan scan, Questionnaire questionnaire, CancellationToken cancellationToken = default)
    {
        var rows = await db.Respondents.AsNoTracking()
            .Where(r => r.ScanId == scan.Id && r.SubmittedAt != null)
            .Include(r => r.Answers)
            .Include(r => r.Score)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return rows.Select(r =>
        {
            var answers = r.Answers.ToDictionary(a => a.QuestionKey, a => a.ToDomain(), StringComparer.Ordinal);
            ScoreSheet scores;
            double? index;
            if (r.Score is { } stored)
            {
                scores = ScoreSheetJson.Read(stored.ScoresJson, r.RoleGroup);
                index = stored.Index;
            }
            else
            {
                // Every submission stores its scores; should one be missing, score its answers the same way.
                var result = RespondentScoring.Score(questionnaire, answers.Values.ToList());
                scores = result.ToSheet(r.RoleGroup);
                index = result.Index;
            }

            return new ExportRespondent(r.RoleGroup, r.Department, r.Source, r.SubmittedAt!.Value, answers, scores, index) { Track = r.Track };
        }).ToList();
    }
}
