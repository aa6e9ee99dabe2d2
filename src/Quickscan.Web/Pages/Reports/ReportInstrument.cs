using System.Text.Json;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Reports;
using Quickscan.Domain.Scoring;
using Quickscan.Web.Data;

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

    /// <summary>Per question (and track) with quotes: how many there are, and how many of them are not hidden.</summary>
    public IReadOnlyDictionary<(Track Track, string QuestionKey), QuoteCount> QuoteCounts { get; init; } = new Dictionary<(Track, string), QuoteCount>();

    /// <summary>
    /// The kept figures and open answers (<see cref="OpenAnswerSet"/>) with the threshold, hidden quotes and headcounts of
    /// now: an open answer is a quote only where the group shown its question is at least the anonymity threshold.
    /// Of each question's quotes only the first <see cref="QuotesBlock.OnReport"/> are kept, and the first as many
    /// visible ones (what the report draws for the consultant and for readers), with the counts of all of them.
    /// </summary>
    public static ReportInstrument From(InstrumentFigures figures, OpenAnswerSet openAnswers, int anonymityThreshold, IReadOnlySet<(Guid, string)> hidden, ReportHeadcounts headcounts)
    {
        var quotes = new List<ReportQuote>();
        var counts = new Dictionary<(Track, string), QuoteCount>();
        foreach (var group in openAnswers.Answers
                     .Where(a => ReportRules.IsGroupShown((a.Track == Domain.Scoring.Track.Intake ? figures.Intake : figures.Survey).Item(a.QuestionKey).Shown, anonymityThreshold))
                     .GroupBy(a => (a.Track, a.QuestionKey)))
        {
            var all = 0;
            var visible = 0;
            var hiddenOnes = 0;
            foreach (var answer in group)
            {
                var isHidden = hidden.Contains((answer.RespondentId, answer.QuestionKey));
                hiddenOnes += isHidden ? 1 : 0;
                if (all < QuotesBlock.OnReport || (!isHidden && visible < QuotesBlock.OnReport))
                    quotes.Add(new ReportQuote(answer.Track, answer.RespondentId, answer.QuestionKey, answer.Text, isHidden));
                all++;
                visible += isHidden ? 0 : 1;
            }

            // The set holds every hidden answer in the figures, so the hidden ones are counted exactly even when only the first of the others are held.
            var count = openAnswers.Counts[group.Key];
            counts[group.Key] = new QuoteCount(count, count - hiddenOnes);
        }

        return new ReportInstrument(figures.Survey, figures.Intake, quotes, figures.DepartmentResponses, figures.RoleGroupResponses, headcounts) { QuoteCounts = counts };
    }

    /// <summary>The instrument's figures of these respondents, added to <paramref name="counted"/> (other respondents') when given.</summary>
    public static InstrumentFigures Figures(Questionnaire questionnaire, IReadOnlyCollection<AnswerSheet> respondents, InstrumentFigures? counted = null) =>
        InstrumentFigures.Add(questionnaire, counted, respondents.Select(r => new RespondentAnswers(new RespondentProfile(r.Track, r.RoleGroup), r.Answers, r.Department)).ToList());
}

/// <summary>How many quotes a question has, and how many of them readers see (the others are hidden).</summary>
public sealed record QuoteCount(int All, int Visible);

/// <summary>
/// A scan's open answers (in figures, non-blank) in the report's order, <see cref="OpenAnswer.InOrder"/>, with the
/// number of them per question and track: all of them when the figures were computed from every answer, or only
/// the first <see cref="PreviewSize"/> of each question and every hidden one when read from their kept references
/// (<see cref="KeptQuotes"/>), which is enough for what the report draws (<see cref="ReportInstrument.From"/>).
/// </summary>
public sealed record OpenAnswerSet(IReadOnlyList<OpenAnswer> Answers, IReadOnlyDictionary<(Track Track, string QuestionKey), int> Counts)
{
    /// <summary>
    /// Kept per question: the report draws the first <see cref="QuotesBlock.OnReport"/> of all and of the visible ones,
    /// so this many hold them while no more than the difference are hidden (otherwise every answer is read).
    /// </summary>
    public const int PreviewSize = 2 * QuotesBlock.OnReport;

    /// <summary>Every open answer, in order.</summary>
    public static OpenAnswerSet Of(IReadOnlyList<OpenAnswer> ordered) =>
        new(ordered, ordered.GroupBy(a => (a.Track, a.QuestionKey)).ToDictionary(g => g.Key, g => g.Count()));

    /// <summary>What a kept result holds of these (all of them): per question the count and who wrote the first <see cref="PreviewSize"/>.</summary>
    public IReadOnlyList<KeptQuotes> Keep() =>
        [.. Answers.GroupBy(a => (a.Track, a.QuestionKey)).Select(g => new KeptQuotes(g.Key.Track, g.Key.QuestionKey, Counts[g.Key], [.. g.Take(PreviewSize).Select(a => a.RespondentId)]))];
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
