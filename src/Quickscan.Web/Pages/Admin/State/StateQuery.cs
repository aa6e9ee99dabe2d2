using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.State;

/// <summary>
/// Every closed scan's result as one organisation's result in the year it closed (the latest closed scan
/// of an organisation counts once per year), from stored scores only.
/// </summary>
public sealed class StateQuery(QuickscanDbContext db, QuestionnaireCache questionnaires)
{
    public async Task<IReadOnlyList<OrganisationResult>> LoadAsync()
    {
        var scans = await db.Scans.AsNoTracking()
            .Where(s => s.Status == ScanStatus.Closed && s.ClosedAt != null && !s.IsTest)
            .Select(s => new { s.Id, s.OrganisationId, s.Organisation.Sector, s.Organisation.SizeClass, ClosedAt = s.ClosedAt!.Value, s.QuestionnaireVersionId })
            .ToListAsync();
        var latest = scans
            .GroupBy(s => (s.OrganisationId, s.ClosedAt.Year))
            .Select(g => g.OrderByDescending(s => s.ClosedAt).First())
            .ToList();
        var ids = latest.Select(s => s.Id).ToList();
        var scores = (await db.RespondentScores.AsNoTracking()
                .InFigures(db.Respondents)
                .Where(s => ids.Contains(s.ScanId))
                .Select(s => new { s.ScanId, s.ScoresJson })
                .ToListAsync())
            .ToLookup(s => s.ScanId);

        var results = new List<OrganisationResult>();
        foreach (var scan in latest.Where(s => scores[s.Id].Any()))
        {
            var questionnaire = await questionnaires.GetAsync(scan.QuestionnaireVersionId);
            var result = ScanAggregation.Aggregate(questionnaire, scores[scan.Id].Select(s => Data.ScoreSheetJson.Read(s.ScoresJson, null)).ToList());
            results.Add(new OrganisationResult(
                scan.Sector,
                scan.SizeClass,
                scan.ClosedAt.Year,
                result.Conditions.ToDictionary(c => c.Key, c => (double?)c.Mean),
                result.Conditions.ToDictionary(c => c.Key, c => c.Level?.Number),
                result.Bottleneck));
        }

        return results;
    }
}
