using System.Text.Json;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Pages.Reports;

/// <summary>An open answer as a quote; <see cref="Hidden"/> when the consultant hid it (then only the consultant sees it, marked).</summary>
public sealed record ReportQuote(Track Track, Guid RespondentId, string QuestionKey, string Text, bool Hidden);

/// <summary>
/// The instrument's own figures of a scan, from its submitted respondents' answers: per track (survey and intake
/// never mixed) every question's shown / answered / don't know / not applicable and distribution; the open answers
/// of questions whose group (the track's respondents shown the question) is at least the anonymity threshold;
/// survey responses per department and role group; the consultant's headcounts.
/// </summary>
public sealed record ReportInstrument(
    TrackQuality Survey,
    TrackQuality Intake,
    IReadOnlyList<ReportQuote> Quotes,
    IReadOnlyDictionary<string, int> DepartmentResponses,
    IReadOnlyDictionary<string, int> RoleGroupResponses,
    ReportHeadcounts Headcounts)
{
    public TrackQuality Track(Track track) => track == Domain.Scoring.Track.Intake ? Intake : Survey;

    /// <summary>The answers as read (and kept in memory by the scores' stamp) with the hidden quotes and headcounts of now.</summary>
    public static ReportInstrument From(Questionnaire questionnaire, IReadOnlyList<AnswerSheet> respondents, int anonymityThreshold, IReadOnlySet<(Guid, string)> hidden, ReportHeadcounts headcounts)
    {
        var answers = respondents.Select(r => new RespondentAnswers(new RespondentProfile(r.Track, r.RoleGroup), r.Answers)).ToList();
        var survey = InstrumentQuality.Compute(questionnaire, Domain.Scoring.Track.Survey, answers);
        var intake = InstrumentQuality.Compute(questionnaire, Domain.Scoring.Track.Intake, answers);
        var open = questionnaire.AllQuestions.Where(q => q.Kind == QuestionKind.OpenText).Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        // Only where the group shown the question is large enough; in text order, so a quote's place says nothing of who wrote it.
        var quotes = respondents
            .SelectMany(r => r.Answers.OfType<TextAnswer>().Where(a => open.Contains(a.QuestionKey) && !string.IsNullOrWhiteSpace(a.Text)).Select(a => (r, a)))
            .Where(x => ReportRules.IsGroupShown((x.r.Track == Domain.Scoring.Track.Intake ? intake : survey).Item(x.a.QuestionKey).Shown, anonymityThreshold))
            .Select(x => new ReportQuote(x.r.Track, x.r.Id, x.a.QuestionKey, x.a.Text.Trim(), hidden.Contains((x.r.Id, x.a.QuestionKey))))
            .OrderBy(q => q.Track).ThenBy(q => q.QuestionKey, StringComparer.Ordinal).ThenBy(q => q.Text, StringComparer.Ordinal)
            .ToList();
        var employees = respondents.Where(r => r.Track == Domain.Scoring.Track.Survey).ToList();
        return new ReportInstrument(
            survey,
            intake,
            quotes,
            Count(employees.Select(r => r.Department)),
            Count(employees.Select(r => r.RoleGroup)),
            headcounts);
    }

    private static Dictionary<string, int> Count(IEnumerable<string?> groups) =>
        groups.Where(g => !string.IsNullOrWhiteSpace(g)).GroupBy(g => g!.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>One submitted respondent's answers with what routed them, and the department they gave.</summary>
public sealed record AnswerSheet(Guid Id, Track Track, string? RoleGroup, string? Department, IReadOnlyList<Answer> Answers);

/// <summary>The consultant's headcounts per department (names as entered) and per role group (its key), stored on the scan as JSON.</summary>
public sealed record ReportHeadcounts(IReadOnlyDictionary<string, int> Departments, IReadOnlyDictionary<string, int> RoleGroups)
{
    public static ReportHeadcounts None { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public bool IsEmpty => Departments.Count == 0 && RoleGroups.Count == 0;

    public static ReportHeadcounts Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return None;
        var stored = JsonSerializer.Deserialize<Stored>(json, Options);
        return new(
            new Dictionary<string, int>(stored?.Departments ?? [], StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, int>(stored?.RoleGroups ?? [], StringComparer.Ordinal));
    }

    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(new Stored(new(Departments), new(RoleGroups)), Options);

    private sealed record Stored(Dictionary<string, int>? Departments, Dictionary<string, int>? RoleGroups);
}
