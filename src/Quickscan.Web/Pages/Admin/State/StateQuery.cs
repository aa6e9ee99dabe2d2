using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;

namespace Quickscan.Web.Pages.Admin.State;

/// <summary>
/// Every closed scan's result as one organisation's result in the year it closed (the latest closed scan
/// of an organisation counts once per year), from the scans' kept summaries (<see cref="ScanSummaries"/>): the
/// cost grows with the number of scans, never with their respondents.
/// </summary>
public sealed class StateQuery(QuickscanDbContext db, ScanSummaries summaries)
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
        var kept = await summaries.GetAsync(latest.Select(s => s.Id).ToList());
        return latest
            .Where(s => kept.ContainsKey(s.Id))
            .Select(s => new OrganisationResult(
                s.Sector,
                s.SizeClass,
                s.ClosedAt.Year,
                kept[s.Id].Figures.Profile.Conditions.ToDictionary(c => c.Key, c => c.Value is { } mean ? mean.ToDouble() : (double?)null),
                kept[s.Id].Figures.Levels,
                kept[s.Id].Figures.Bottleneck))
            .ToList();
    }
}
