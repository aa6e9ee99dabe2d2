using Microsoft.EntityFrameworkCore;
using Quickscan.Domain.Advice;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>A next step as the report shows it: its title, what to do, and why it was chosen.</summary>
public sealed record PdfReportStep(string Title, string Text, string? Why);

/// <summary>
/// What the PDF report shows. Built from the domain types until the results report page's own query
/// (Pages/Scans/ReportQuery.cs) is available; then the PDF is to be made from that, so page and PDF agree.
/// </summary>
public sealed record PdfReport(
    string OrganisationName,
    string ScanTitle,
    DateOnly Date,
    Questionnaire Questionnaire,
    ScanResult Result,
    IReadOnlyList<PdfReportStep> NextSteps,
    IReadOnlyDictionary<string, string> Notes)
{
    public int Responses => Result.Respondents;

    public static async Task<PdfReport> LoadAsync(
        QuickscanDbContext db,
        ExportQuery exports,
        ExportScan scan,
        Questionnaire questionnaire,
        Language language,
        DateOnly date,
        CancellationToken cancellationToken = default)
    {
        var result = ScanAggregation.Aggregate(questionnaire, await exports.ScoreSheetsAsync(scan, cancellationToken));

        // The consultant's edited steps replace the generated ones once there are any.
        var edited = await db.ReportNextSteps.AsNoTracking()
            .Where(s => s.ScanId == scan.Id)
            .OrderBy(s => s.Position)
            .Select(s => new PdfReportStep(s.Title, s.Text, s.Why))
            .ToListAsync(cancellationToken);
        var steps = edited.Count > 0
            ? edited
            : AdvicePlanner.Plan(questionnaire, result.Profile)
                .Select(step => new PdfReportStep(
                    step.FactorKey is { } factor ? questionnaire.Factor(factor).Name[language] : questionnaire.Condition(step.ConditionKey).Name[language],
                    step.Advice[language],
                    step.Why.Describe(questionnaire, language)))
                .ToList();

        var notes = await db.ReportNotes.AsNoTracking()
            .Where(n => n.ScanId == scan.Id)
            .ToDictionaryAsync(n => n.ConditionKey, n => n.Text, StringComparer.Ordinal, cancellationToken);

        return new PdfReport(scan.OrganisationName, scan.Title, date, questionnaire, result, steps, notes);
    }
}
