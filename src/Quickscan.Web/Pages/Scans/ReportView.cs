using System.Globalization;
using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Pages.Shared;

namespace Quickscan.Web.Pages.Scans;

/// <summary>
/// What the report partials (Pages/Shared/_Report*.cshtml) render: the data, the reader's language,
/// and whether the reader may edit (the consultant) or only read (the sponsor). One set of partials
/// serves the consultant's page, its live updates and the sponsor's page.
/// </summary>
public sealed class ReportView(ReportData data, Language language, bool canEdit, string? liveUrl = null)
{
    public ReportData Data { get; } = data;

    public Questionnaire Questionnaire => Data.Questionnaire;

    public ScanResult Result => Data.Result;

    public Language Language { get; } = language;

    /// <summary>The consultant's report: note and step forms. Never on the sponsor's page.</summary>
    public bool CanEdit { get; } = canEdit;

    /// <summary>Where the page's script polls for new responses; null when the report is not live (closed scan, sponsor).</summary>
    public string? LiveUrl { get; } = liveUrl;

    /// <summary>Set when a step edit was refused because the list changed since the form was opened.</summary>
    public bool StepsConflict { get; init; }

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public string ConditionName(string key) => Questionnaire.Condition(key).Name[Language];

    public string FactorName(string key) => Questionnaire.Factor(key).Name[Language];

    public string LevelName(int number) => Questionnaire.Level(number).Name[Language];

    public static string Score(double? value) => ScoreFormat.Points(value, Culture);

    /// <summary>An exact score, rounded half away from zero by the domain's one rounding rule.</summary>
    public static string Score(Rational? value) => ScoreFormat.Points(value, Culture);

    public static string Decimal(double value) => ScoreFormat.Points(value, Culture, 1);

    /// <summary>"–" when there is no value (the spread of one respondent).</summary>
    public static string Decimal(double? value) => ScoreFormat.Points(value, Culture, 1);

    /// <summary>A change with its sign: +5, −3 (a real minus sign), 0.</summary>
    public static string Change(double? value) => value is { } v ? ScoreFormat.Rounded(v).ToString("+0;−0;0", Culture) : "–";

    public static string Change(int? value) => value is { } v ? v.ToString("+0;−0;0", Culture) : "–";

    /// <summary>A 0–100 value as an SVG bar width (the bars are SVG: the page's CSP allows no inline styles).</summary>
    public static string Width(double? value) => Math.Clamp(value ?? 0, 0, 100).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A share of the largest count as a bar width.</summary>
    public static string Width(int count, int max) => Width(max == 0 ? 0 : 100.0 * count / max);

    public RadarChart Chart(string title, string ownName, string benchmarkName, string previousName)
    {
        var series = new List<RadarSeries>
        {
            new(ownName, Result.Conditions.Select(c => (double?)c.Mean).ToList(), "series-own"),
        };
        if (Data.Benchmark is { } benchmark)
            series.Add(new(benchmarkName, Questionnaire.Conditions.Select(c => benchmark.Median[c.Key]).ToList(), "series-benchmark"));
        if (Data.Previous is { } previous)
            series.Add(new(previousName, Questionnaire.Conditions.Select(c => (double?)previous.Profile.ConditionScore(c.Key)).ToList(), "series-previous"));
        return new RadarChart(title, Questionnaire.Conditions.Select(c => c.Name[Language]).ToList(), series);
    }
}

/// <summary>One condition of the report (partial _ReportCondition).</summary>
public sealed record ReportConditionView(ReportView Report, ConditionAggregate Condition);

/// <summary>The form for one next step (partial _ReportStepForm); Step is null for a new step.</summary>
public sealed record ReportStepFormView(ReportView Report, ReportStep? Step);
