using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Web.Data;
using Quickscan.Web.Infrastructure;
using Quickscan.Web.Pages.Reports;
using Quickscan.Web.Pages.Scans.Exports;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// A scan's exports: the anonymous answers and scores as CSV or Excel, and the report as PDF, in the
/// language asked for (?lang=nl|en, else the UI language). Every handler finds the scan through
/// <see cref="Ownership.VisibleTo(IQueryable{Scan}, CurrentUser)"/>: someone else's scan is a 404.
/// </summary>
public sealed class ExportModel(
    ExportQuery exports,
    ReportQuery reports,
    ReportDocuments documents,
    ReportPdf pdf,
    CurrentUser user,
    IStringLocalizer<SharedResource> text,
    AppTime time,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? Lang { get; set; }

    /// <summary>No export was named.</summary>
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } export)
            return NotFound();
        if (!TryUseLanguage(out var language))
            return BadRequest();
        var respondents = await exports.RespondentsAsync(export.Scan, export.Questionnaire, cancellationToken);
        var table = ExportTables.Answers(export.Questionnaire, language, respondents, export.Scan.AnonymityThreshold, LocalDate, text);
        return Download(SpreadsheetFiles.Csv(table, language), SpreadsheetFiles.CsvContentType, export.Scan, "Export.File.Answers", "csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } export)
            return NotFound();
        if (!TryUseLanguage(out var language))
            return BadRequest();
        var q = export.Questionnaire;
        var respondents = await exports.RespondentsAsync(export.Scan, q, cancellationToken);
        var result = Domain.Scoring.ScanAggregation.Aggregate(q, respondents.Where(r => r.InFigures).Select(r => r.Scores).ToList(), export.Scan.AnonymityThreshold);
        // The report's instrument figures, under the report's rules (reportable items, small groups out, visible quotes).
        var report = await reports.ForConsultantAsync(Id, user, cancellationToken);
        List<(string, ExportTable)> sheets =
        [
            (text["Export.Sheet.Answers"], ExportTables.Answers(q, language, respondents, export.Scan.AnonymityThreshold, LocalDate, text)),
            (text["Export.Sheet.Scores"], ExportTables.Scores(q, language, result, text)),
        ];
        if (report?.Instrument is not null)
        {
            sheets.Add((text["Export.Sheet.Items"], ExportInstrument.Items(report, language, text)));
            sheets.Add((text["Export.Sheet.Rates"], ExportInstrument.Rates(report, text)));
            sheets.Add((text["Export.Sheet.Quotes"], ExportInstrument.Quotes(report, await reports.AllQuotesAsync(report, cancellationToken: cancellationToken), language, text)));
        }

        var workbook = SpreadsheetFiles.Xlsx(sheets);
        return Download(workbook, SpreadsheetFiles.XlsxContentType, export.Scan, "Export.File.Answers", "xlsx");
    }

    /// <summary>The item figures as CSV: per question and track shown, answered, don't know, not applicable and the distribution.</summary>
    public async Task<IActionResult> OnGetItemsAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } export)
            return NotFound();
        if (!TryUseLanguage(out var language))
            return BadRequest();
        if (await reports.ForConsultantAsync(Id, user, cancellationToken) is not { Instrument: not null } report)
            return NotFound();
        return Download(SpreadsheetFiles.Csv(ExportInstrument.Items(report, language, text), language), SpreadsheetFiles.CsvContentType, export.Scan, "Export.File.Items", "csv");
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } export)
            return NotFound();
        if (!TryUseLanguage(out var language))
            return BadRequest();
        // The report page's own document, so the PDF shows what the page shows.
        if (await reports.ForConsultantAsync(Id, user, cancellationToken) is not { } report)
            return NotFound();
        return Download(pdf.Render(documents.Build(report, language)), ReportPdf.ContentType, export.Scan, "Export.File.Report", "pdf");
    }

    private sealed record Export(ExportScan Scan, Questionnaire Questionnaire);

    /// <summary>The scan and its questionnaire; null when this user may not see the scan.</summary>
    private async Task<Export?> FindAsync(CancellationToken cancellationToken)
    {
        var scan = await exports.FindScanAsync(Id, cancellationToken);
        return scan is null ? null : new Export(scan, await exports.QuestionnaireAsync(scan));
    }

    /// <summary>
    /// The export language: ?lang=nl|en, else the UI language. Switches the culture to it for the rest of the
    /// handler, so the localizer speaks it too. Synchronous on purpose: a culture set inside an async method
    /// would not flow back to its caller.
    /// </summary>
    private bool TryUseLanguage(out Language language)
    {
        if (string.IsNullOrEmpty(Lang))
            language = Localization.CurrentLanguage;
        else if (!Languages.TryParse(Lang, out language))
            return false;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Localization.CultureFor(language);
        return true;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(time.ToLocal(instant));

    /// <summary>A download named after the scan and today's date, e.g. quickscan-2026-antwoorden-2026-11-30.csv.</summary>
    private FileContentResult Download(byte[] content, string contentType, ExportScan scan, string kindKey, string extension)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        var today = LocalDate(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(content, contentType, $"{Slug(scan.Title)}-{text[kindKey]}-{today}.{extension}");
    }

    /// <summary>Lower-case ASCII letters and digits separated by single hyphens; accents are dropped (é → e).</summary>
    public static string Slug(string title, int maxLength = 60)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }

        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
            result = result[..maxLength].TrimEnd('-');
        return result.Length == 0 ? "scan" : result;
    }
}
