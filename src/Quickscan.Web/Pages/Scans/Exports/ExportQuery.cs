using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>What an export needs to know about the scan.</summary>
public sealed record ExportScan(Guid Id, string Title, string OrganisationName, int QuestionnaireVersionId, int AnonymityThreshold, bool ExcludeFlagged = false);

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

    /// <summary>False for a submission with fewer than the minimum share answered: exported, but in no aggregate.</summary>
    public bool Counted { get; init; } = true;

    public bool StraightLining { get; init; }

    public bool TooFast { get; init; }

    /// <summary>Flagged while the scan excludes flagged responses.</summary>
    public bool Excluded { get; init; }

    /// <summary>Whether the response is in the aggregates (<see cref="ResponseFigures"/>), as in the report.</summary>
    public bool InFigures => Counted && !Excluded;
}

/// <summary>The reads of the exports. The scan is always found through <see cref="Ownership.VisibleTo(IQueryable{Scan}, CurrentUser)"/>.</summary>
public sealed class ExportQuery(QuickscanDbContext db, CurrentUser user, QuestionnaireCache questionnaires)
{
    /// <summary>The scan, if this user may see it; null otherwise (the caller answers 404).</summary>
    public Task<ExportScan?> FindScanAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Scans.VisibleTo(user).AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new ExportScan(s.Id, s.Title, s.Organisation.Name, s.QuestionnaireVersionId, s.AnonymityThreshold, s.ExcludeFlagged))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<Questionnaire> QuestionnaireAsync(ExportScan scan) => questionnaires.GetAsync(scan.QuestionnaireVersionId);

    /// <summary>
    /// Every submitted response with its answers and stored scores, in the order they were submitted, marked as
    /// counted or not and flagged; aggregates take only those <see cref="ExportRespondent.InFigures"/>.
    /// </summary>
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

            return new ExportRespondent(r.RoleGroup, r.Department, r.Source, r.SubmittedAt!.Value, answers, scores, index)
            {
                Track = r.Track,
                Counted = r.Counted,
                StraightLining = r.StraightLining,
                TooFast = r.TooFast,
                Excluded = r.Counted && !ResponseFigures.IsInFigures(true, r.Counted, r.StraightLining, r.TooFast, scan.ExcludeFlagged),
            };
        }).ToList();
    }
}
