using System.Globalization;
using Microsoft.Extensions.Localization;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Pages.Reports;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>
/// The report's instrument figures as export tables, under the report's own rules: only questions that may be
/// reported (<see cref="InstrumentFindings.IsReported"/>), rates with small groups left out, only visible quotes.
/// </summary>
public static class ExportInstrument
{
    public static ExportTable Items(ReportData data, Language language, IStringLocalizer text)
    {
        var q = data.Questionnaire;
        var instrument = data.Instrument!;
        var threshold = data.Scan.AnonymityThreshold;
        var tracks = q.HasIntake() ? new[] { Track.Survey, Track.Intake } : [Track.Survey];
        var rows = new List<object?[]>();
        foreach (var track in tracks)
        {
            foreach (var item in instrument.Track(track).Items.Where(i => InstrumentFindings.IsScoredItem(q, i.QuestionKey) && InstrumentFindings.IsReported(track, i.Shown, threshold)))
            {
                q.TryGetQuestion(item.QuestionKey, out var question);
                rows.Add(
                [
                    text[$"Export.Track.{track}"].Value, item.QuestionKey, q.Render(question.Text, language, data.Scan.PlatformName),
                    item.Shown, item.Answered, item.DontKnow, item.NotApplicable,
                    .. Enumerable.Range(1, 5).Select(v => question.Kind == QuestionKind.Agreement ? (object?)item.Distribution.GetValueOrDefault(v.ToString(CultureInfo.InvariantCulture)) : null),
                    string.Join("; ", (question.Options?.Select(o => o.Key) ?? Enumerable.Range(1, 5).Select(v => v.ToString(CultureInfo.InvariantCulture)))
                        .Select(key => $"{key}={item.Distribution.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture)}")),
                ]);
            }
        }

        return new ExportTable(
        [
            text["Export.Column.Track"], text["Export.Column.QuestionKey"], text["Report.Question"], text["Report.Shown"], text["Export.Column.Answered"],
            text["Scale.DontKnow"], text["Scale.NotApplicable"], "1", "2", "3", "4", "5", text["Export.Column.Distribution"],
        ], rows);
    }

    public static ExportTable Rates(ReportData data, IStringLocalizer text)
    {
        var instrument = data.Instrument!;
        var threshold = data.Scan.AnonymityThreshold;
        var rows = new List<object?[]>();
        void Add(string kind, GroupRates rates, Func<string, string> name) =>
            rows.AddRange(rates.Shown.Select(r => new object?[] { kind, name(r.Group), r.Responses, r.Headcount, r.Rate is { } rate ? (double)Math.Round(rate.ToDecimal() * 100, 1, MidpointRounding.AwayFromZero) : null }));
        Add(text["Report.Department"], InstrumentFindings.Rates(instrument.DepartmentResponses, instrument.Headcounts.Departments, threshold), g => g);
        Add(text["Report.RoleGroup"], InstrumentFindings.Rates(instrument.RoleGroupResponses, instrument.Headcounts.RoleGroups, threshold), g => text[$"RoleGroup.{g}"]);
        return new ExportTable([text["Export.Column.GroupKind"], text["Export.Column.Group"], text["Report.Responses"], text["Report.Headcount"], text["Export.Column.RatePercent"]], rows);
    }

    /// <summary>
    /// Every quote the report shows its sponsor (<paramref name="quotes"/>: all of the report's, not only the first ones
    /// it draws): never a hidden one, never with department or role.
    /// </summary>
    public static ExportTable Quotes(ReportData data, IReadOnlyList<ReportQuote> quotes, Language language, IStringLocalizer text)
    {
        var q = data.Questionnaire;
        var rows = quotes.Where(x => !x.Hidden).Select(x =>
        {
            q.TryGetQuestion(x.QuestionKey, out var question);
            return new object?[] { text[$"Export.Track.{x.Track}"].Value, x.QuestionKey, q.Render(question.Text, language, data.Scan.PlatformName), x.Text };
        }).ToList();
        return new ExportTable([text["Export.Column.Track"], text["Export.Column.QuestionKey"], text["Report.Question"], text["Export.Column.Quote"]], rows);
    }
}
