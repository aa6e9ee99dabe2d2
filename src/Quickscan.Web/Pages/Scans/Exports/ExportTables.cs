using System.Globalization;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;
using Quickscan.Web.Pages.Respond;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>
/// A table for a spreadsheet: unique headers and rows of typed cells. A cell is null (empty), a string
/// (text), an int or a double (numbers) or a DateOnly.
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

/// <summary>Builds the tables of the CSV and Excel exports. Texts come from the localizer in the current UI culture.</summary>
public static class ExportTables
{
    /// <summary>
    /// One row per submitted response: a row number, role group and department (each only for groups with
    /// at least <paramref name="anonymityThreshold"/> responses, as in the report), source, submission date, one column per
    /// question headed by its wording, then the score per condition and the index. Whether the response counts
    /// (under the minimum share answered it does not), its flags and whether the scan excludes it follow the
    /// submission date: the rows are every submission, the aggregates only those in the figures.
    /// </summary>
    public static ExportTable Answers(
        Questionnaire questionnaire,
        Language language,
        IReadOnlyList<ExportRespondent> respondents,
        int anonymityThreshold,
        Func<DateTimeOffset, DateOnly> localDate,
        IStringLocalizer text)
    {
        var questions = questionnaire.Questions.ToList();
        var headers = new List<string>
        {
            text["Export.Column.Number"], text["Export.Column.RoleGroup"], text["Export.Column.Department"],
            text["Export.Column.Source"], text["Export.Column.Track"], text["Export.Column.Submitted"],
            text["Export.Column.Counted"], text["Export.Column.StraightLining"], text["Export.Column.TooFast"], text["Export.Column.Excluded"],
        };
        headers.AddRange(questions.Select(q => q.Text[language]));
        headers.AddRange(questionnaire.Conditions.Select(c => c.Name[language]));
        headers.Add(text["Export.Column.Index"]);

        var departments = ReportableDepartments(respondents.Select(r => r.Department), anonymityThreshold);
        var roleGroups = respondents.Where(r => r.RoleGroup is not null).GroupBy(r => r.RoleGroup!)
            .Where(g => Domain.Reports.ReportRules.IsGroupShown(g.Count(), anonymityThreshold)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string dontKnow = text["Export.DontKnow"];
        string notApplicable = text["Export.NotApplicable"];
        string yes = text["Export.Yes"], no = text["Export.No"];
        var rows = new List<object?[]>(respondents.Count);
        foreach (var (respondent, number) in respondents.Select((r, i) => (r, i + 1)))
        {
            var row = new List<object?>(headers.Count)
            {
                number,
                respondent.RoleGroup is { } role && roleGroups.Contains(role) ? RoleGroupLabel(role, text) : null,
                departments.TryGetValue(DepartmentKey(respondent.Department), out var department) ? department : null,
                text[respondent.Source == RespondentSource.Interview ? "Export.Source.Interview" : "Export.Source.Link"].Value,
                text[$"Export.Track.{respondent.Track}"].Value,
                localDate(respondent.SubmittedAt),
                respondent.Counted ? yes : no,
                respondent.StraightLining ? yes : no,
                respondent.TooFast ? yes : no,
                respondent.Excluded ? yes : no,
            };
            row.AddRange(questions.Select(q => AnswerCell(q, respondent.Answers.GetValueOrDefault(q.Key), language, dontKnow, notApplicable)));
            row.AddRange(questionnaire.Conditions.Select(c => (object?)Score(respondent.Scores.Conditions.GetValueOrDefault(c.Key))));
            row.Add(Score(respondent.Index));
            rows.Add(row.ToArray());
        }

        return new ExportTable(Unique(headers), rows);
    }

    /// <summary>The scan's aggregated scores: a row per condition, then the overall index.</summary>
    public static ExportTable Scores(Questionnaire questionnaire, Language language, ScanResult result, IStringLocalizer text)
    {
        var headers = new[]
        {
            "Export.Scores.Condition", "Export.Scores.Weight", "Export.Scores.Respondents", "Export.Scores.Excluded",
            "Export.Scores.Mean", "Export.Scores.Level", "Export.Scores.LevelName", "Export.Scores.StandardDeviation",
            "Export.Scores.Min", "Export.Scores.Max", "Export.Scores.Consensus",
        }.Select(key => text[key].Value).ToList();

        var rows = new List<object?[]>();
        foreach (var condition in questionnaire.Conditions)
        {
            var aggregate = result.Condition(condition.Key);
            var statistics = aggregate.Statistics;
            rows.Add(
            [
                condition.Name[language],
                condition.Weight,
                statistics?.N ?? 0,
                aggregate.Excluded,
                Score(aggregate.Score),
                aggregate.Level?.Number,
                aggregate.Level?.Name[language],
                Score(statistics?.StandardDeviation),
                Score(statistics?.Min),
                Score(statistics?.Max),
                statistics is null ? null : text[aggregate.LacksConsensus ? "Export.Yes" : "Export.No"].Value,
            ]);
        }

        rows.Add(
        [
            text["Export.Scores.Overall"].Value, null, result.Respondents, null,
            Score(result.Index), result.Level?.Number, result.Level?.Name[language], null, null, null, null,
        ]);
        return new ExportTable(Unique(headers), rows);
    }

    /// <summary>Agreement as 1–5, "don't know" and "not applicable" as text, a choice as its option's label, open text as it is.</summary>
    public static object? AnswerCell(QuestionDefinition question, Answer? answer, Language language, string dontKnow, string notApplicable) => answer switch
    {
        null => null,
        DontKnowAnswer => dontKnow,
        NotApplicableAnswer => notApplicable,
        ScaleAnswer scale => scale.Value,
        ChoiceAnswer choice => question.Options?.FirstOrDefault(o => o.Key == choice.OptionKey)?.Label[language] ?? choice.OptionKey,
        TextAnswer open => string.IsNullOrEmpty(open.Text) ? null : open.Text,
        _ => null,
    };

    /// <summary>Scores to one decimal, as the report shows them.</summary>
    public static double? Score(double? score) => score is { } value ? Math.Round(value, 1, MidpointRounding.AwayFromZero) : null;

    private static string? RoleGroupLabel(string? roleGroup, IStringLocalizer text) =>
        string.IsNullOrEmpty(roleGroup) ? null
        : RoleGroups.All.Contains(roleGroup) ? text[$"RoleGroup.{roleGroup}"].Value
        : roleGroup;

    /// <summary>
    /// The departments that may be shown: those named by at least <paramref name="threshold"/> responses,
    /// compared without case and surrounding or repeated spaces. Each is shown as its most frequent spelling.
    /// A department below the threshold is left blank, so a small group can't be picked out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReportableDepartments(IEnumerable<string?> departments, int threshold) =>
        departments
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => string.Join(' ', d!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .GroupBy(DepartmentKey, StringComparer.Ordinal)
            .Where(g => Domain.Reports.ReportRules.IsGroupShown(g.Count(), threshold))
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(d => d, StringComparer.Ordinal).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key,
                StringComparer.Ordinal);

    private static string DepartmentKey(string? department) =>
        department is null ? "" : string.Join(' ', department.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();

    /// <summary>Spreadsheet columns need distinct names: a repeated header gets " (2)", " (3)", ….</summary>
    private static List<string> Unique(IEnumerable<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var header in headers)
        {
            var name = header;
            for (var n = 2; !seen.Add(name); n++)
                name = $"{header} ({n.ToString(CultureInfo.InvariantCulture)})";
            result.Add(name);
        }

        return result;
    }
}
