using Quickscan.Domain.Comparisons;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;

namespace Quickscan.Web.Pages.Reports;

/// <summary>The scan a report is about, as far as the report shows it.</summary>
public sealed record ReportScan(
    Guid Id,
    string Title,
    ScanStatus Status,
    Guid OrganisationId,
    string OrganisationName,
    string? Sector,
    string? ConsultantName,
    int QuestionnaireVersionId,
    int AnonymityThreshold,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    string? ReportToken,
    DateTimeOffset? ResponsesDeletedAt = null,
    string? PlatformName = null);

/// <summary>
/// How many took part: started (incl. unfinished), submitted (what the report is based on), of which
/// interviews entered by the consultant, and when the last response came in.
/// </summary>
public sealed record ReportCounts(int Started, int Submitted, int Interviews, DateTimeOffset? LastResponseAt, ReportQuality? Quality = null);

/// <summary>
/// The quality of the response (<see cref="ResponseFigures"/>): submissions not counted (under the minimum share
/// answered), and among the counted ones those flagged for straight-lining, for answering too fast, and either;
/// whether the consultant excludes the flagged ones from every figure.
/// </summary>
public sealed record ReportQuality(int NotCounted, int StraightLining, int TooFast, int Flagged, bool ExcludeFlagged, Guid ScanVersion = default)
{
    /// <summary>How many responses the figures leave out because they are flagged.</summary>
    public int Excluded => ExcludeFlagged ? Flagged : 0;
}

/// <summary>
/// A next step in both languages, so the report can be read in either: generated steps (and the consultant's
/// copies of them) carry the advice planner's two texts; a step whose text the consultant wrote is in
/// <see cref="WrittenIn"/> only (both halves of each text are the same then), and the report says so.
/// Owner and horizon (days) make the steps a roadmap.
/// </summary>
public sealed record ReportStep(
    int Position,
    bool IsPriority,
    string? ConditionKey,
    LocalizedText Title,
    LocalizedText Text,
    LocalizedText? Why,
    Language? WrittenIn,
    string? Owner,
    int? HorizonDays);

/// <summary>The organisation's previous scan (created earlier, with at least one submitted response), compared with this one.</summary>
public sealed record ReportPrevious(Guid Id, string Title, DateTimeOffset CreatedAt, int Respondents, ScoreProfile Profile, RescanComparison Comparison);

/// <summary>
/// This scan against the closed scans on the same questionnaire version. The overlay on the radar chart
/// is the population's MEDIAN per condition: robust against the odd extreme organisation.
/// </summary>
public sealed record ReportBenchmark(BenchmarkResult Result, BenchmarkScope Scope, string? Sector, IReadOnlyDictionary<string, double?> Median);

/// <summary>Everything a report of one scan shows, in no language in particular: the document builder localises it.</summary>
public sealed record ReportData(
    ReportScan Scan,
    Questionnaire Questionnaire,
    ScanResult Result,
    ReportCounts Counts,
    IReadOnlyDictionary<string, ReportNote> Notes,
    IReadOnlyDictionary<string, ExpertAssessment> Assessments,
    IReadOnlyList<ReportStep> Steps,
    bool StepsEdited,
    ReportPrevious? Previous,
    ReportBenchmark? Benchmark,
    int BenchmarkCandidates,
    string Stamp,
    ReportInstrument? Instrument = null)
{
    /// <summary>Changes whenever the step list changes, so an edit made on a stale list is refused (409) instead of hitting the wrong step.</summary>
    public string StepsStamp => ReportSteps.StampOf(Steps, StepsEdited);
}
