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

    /// <summary>
    /// The kept figures and open answers (<see cref="OpenAnswer"/>) with the threshold, hidden quotes and headcounts of
    /// now: an open answer is a quote only where the group shown its question is at least the anonymity threshold.
    /// </summary>
    public static ReportInstrument From(InstrumentFigures figures, IReadOnlyList<OpenAnswer> openAnswers, int anonymityThreshold, IReadOnlySet<(Guid, string)> hidden, ReportHeadcounts headcounts)
    {
        var quotes = openAnswers
            .Where(a => ReportRules.IsGroupShown((a.Track == Domain.Scoring.Track.Intake ? figures.Intake : figures.Survey).Item(a.QuestionKey).Shown, anonymityThreshold))
            .Select(a => new ReportQuote(a.Track, a.RespondentId, a.QuestionKey, a.Text, hidden.Contains((a.RespondentId, a.QuestionKey))))
            .ToList();
        return new ReportInstrument(figures.Survey, figures.Intake, quotes, figures.DepartmentResponses, figures.RoleGroupResponses, headcounts);
    }

    /// <summary>The instrument's figures of these respondents, added to <paramref name="counted"/> (other respondents') when given.</summary>
    public static InstrumentFigures Figures(Questionnaire questionnaire, IReadOnlyCollection<AnswerSheet> respondents, InstrumentFigures? counted = null) =>
        InstrumentFigures.Add(questionnaire, counted, respondents.Select(r => new RespondentAnswers(new RespondentProfile(r.Track, r.RoleGroup), r.Answers, r.Department)).ToList());
}

/// <summary>
/// A submitted respondent's non-blank answer to an open question, trimmed. Lists of them are kept in text order
/// (<see cref="OpenAnswer.InOrder"/>), so a quote's place says nothing of who wrote it.
/// </summary>
public sealed record OpenAnswer(Track Track, Guid RespondentId, string QuestionKey, string Text)
{
    public static IEnumerable<OpenAnswer> Of(Questionnaire questionnaire, IEnumerable<AnswerSheet> respondents)
    {
        var open = questionnaire.AllQuestions.Where(q => q.Kind == QuestionKind.OpenText).Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        return respondents.SelectMany(r => r.Answers.OfType<TextAnswer>()
            .Where(a => open.Contains(a.QuestionKey) && !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => new OpenAnswer(r.Track, r.Id, a.QuestionKey, a.Text.Trim())));
    }

    public static IReadOnlyList<OpenAnswer> InOrder(IEnumerable<OpenAnswer> answers) =>
        answers.OrderBy(q => q.Track).ThenBy(q => q.QuestionKey, StringComparer.Ordinal).ThenBy(q => q.Text, StringComparer.Ordinal).ThenBy(q => q.RespondentId).ToList();
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
