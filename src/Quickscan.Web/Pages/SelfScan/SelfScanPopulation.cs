using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.SelfScan;

/// <summary>
/// The self-scan's own population for the state of affairs: every stored self-scan as one organisation's
/// result in the year it was made, from its stored scores. Anonymous, so the same organisation may be in it
/// more than once; it is never mixed into the real quickscans' figures.
/// </summary>
public sealed class SelfScanPopulation(QuickscanDbContext db, QuestionnaireCache questionnaires)
{
    public async Task<IReadOnlyList<OrganisationResult>> LoadAsync(Guid? except = null, CancellationToken cancellationToken = default)
    {
        var rows = await db.SelfScanResponses.AsNoTracking()
            .Where(r => r.Id != except)
            .Select(r => new { r.QuestionnaireVersionId, r.Sector, r.SizeClass, r.SubmittedAt, r.ScoresJson })
            .ToListAsync(cancellationToken);
        var results = new List<OrganisationResult>(rows.Count);
        foreach (var row in rows)
        {
            var questionnaire = await questionnaires.GetAsync(row.QuestionnaireVersionId);
            var sheet = ScoreSheetJson.Read(row.ScoresJson, null);
            results.Add(new OrganisationResult(
                row.Sector,
                row.SizeClass,
                row.SubmittedAt.Year,
                sheet.Conditions.ToDictionary(c => c.Key, c => (double?)c.Value),
                sheet.Conditions.ToDictionary(c => c.Key, c => c.Value is { } score ? questionnaire.LevelOf(score).Number : (int?)null),
                SelfScanResultView.WeakestOf(questionnaire, sheet.Conditions) is [var single] ? single : null));
        }

        return results;
    }
}
