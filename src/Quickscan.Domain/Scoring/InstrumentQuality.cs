using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>One respondent's answers with the profile that routed them (and the department they gave), as input for the instrument's own figures.</summary>
public sealed record RespondentAnswers(RespondentProfile Profile, IReadOnlyCollection<Answer> Answers, string? Department = null);

/// <summary>
/// One question over the respondents of one track: Shown counts those it was shown to; Answered those with a
/// scale value or option; DontKnow and NotApplicable apart. Distribution counts each value ("1"–"5" for
/// agreement, the option key for a single choice).
/// </summary>
public sealed record ItemFigures(string QuestionKey, int Shown, int Answered, int DontKnow, int NotApplicable, IReadOnlyDictionary<string, int> Distribution)
{
    /// <summary>Share of those shown the question who answered "don't know" (a finding: "62% do not know whether there are goals").</summary>
    public Rational? DontKnowShare => Shown == 0 ? null : Rational.Of(DontKnow, Shown);

    public Rational? NotApplicableShare => Shown == 0 ? null : Rational.Of(NotApplicable, Shown);
}

/// <summary>A factor's don't-know figures: its scored questions' counts summed.</summary>
public sealed record FactorQuality(string Key, int Shown, int DontKnow, int NotApplicable)
{
    public Rational? DontKnowShare => Shown == 0 ? null : Rational.Of(DontKnow, Shown);
}

public sealed record TrackQuality(Track Track, int Respondents, IReadOnlyList<ItemFigures> Items, IReadOnlyList<FactorQuality> Factors)
{
    public ItemFigures Item(string key) => Items.First(i => i.QuestionKey == key);

    public FactorQuality Factor(string key) => Factors.First(f => f.Key == key);
}

/// <summary>
/// A scan's instrument figures from its respondents' answers: per track every question's counts, and the survey's
/// responses per department (as given, trimmed, case ignored) and role group. Counts only, so they can be kept and
/// added to: <see cref="Add"/> with the next respondents gives what computing them all at once gives.
/// </summary>
public sealed record InstrumentFigures(
    TrackQuality Survey,
    TrackQuality Intake,
    IReadOnlyDictionary<string, int> DepartmentResponses,
    IReadOnlyDictionary<string, int> RoleGroupResponses)
{
    public static InstrumentFigures Compute(Questionnaire questionnaire, IReadOnlyCollection<RespondentAnswers> respondents) =>
        Add(questionnaire, null, respondents);

    /// <summary>These figures with more respondents counted in (none of them counted before).</summary>
    public static InstrumentFigures Add(Questionnaire questionnaire, InstrumentFigures? counted, IReadOnlyCollection<RespondentAnswers> respondents)
    {
        var employees = respondents.Where(r => r.Profile.Track == Track.Survey).ToList();
        return new InstrumentFigures(
            InstrumentQuality.Compute(questionnaire, Track.Survey, respondents, counted?.Survey),
            InstrumentQuality.Compute(questionnaire, Track.Intake, respondents, counted?.Intake),
            Tally(counted?.DepartmentResponses, employees.Select(r => r.Department), StringComparer.OrdinalIgnoreCase),
            Tally(counted?.RoleGroupResponses, employees.Select(r => r.Profile.RoleGroup), StringComparer.OrdinalIgnoreCase));
    }

    private static Dictionary<string, int> Tally(IReadOnlyDictionary<string, int>? counted, IEnumerable<string?> groups, StringComparer comparer)
    {
        var tally = new Dictionary<string, int>(counted ?? new Dictionary<string, int>(), comparer);
        foreach (var group in groups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim()))
            tally[group] = tally.GetValueOrDefault(group) + 1;
        return tally;
    }
}

/// <summary>The instrument's quality figures, per track (survey and intake are never mixed).</summary>
public static class InstrumentQuality
{
    /// <summary>The track's figures over these respondents, added to <paramref name="counted"/> when given (figures of other respondents).</summary>
    public static TrackQuality Compute(Questionnaire questionnaire, Track track, IEnumerable<RespondentAnswers> respondents, TrackQuality? counted = null)
    {
        var items = questionnaire.AllQuestions.ToDictionary(q => q.Key, _ => new Counts(), StringComparer.Ordinal);
        foreach (var item in counted?.Items ?? [])
        {
            if (items.TryGetValue(item.QuestionKey, out var kept))
                kept.From(item);
        }

        var count = counted?.Respondents ?? 0;
        foreach (var respondent in respondents.Where(r => r.Profile.Track == track))
        {
            count++;
            var answers = Routing.ByQuestion(respondent.Answers);
            foreach (var question in questionnaire.AllQuestions)
            {
                if (!questionnaire.IsShown(question, respondent.Profile, answers))
                    continue;
                var counts = items[question.Key];
                counts.Shown++;
                switch (answers.GetValueOrDefault(question.Key))
                {
                    case ScaleAnswer scale:
                        counts.Answered++;
                        counts.Add(scale.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case ChoiceAnswer choice:
                        counts.Answered++;
                        counts.Add(choice.OptionKey);
                        break;
                    case DontKnowAnswer:
                        counts.DontKnow++;
                        break;
                    case NotApplicableAnswer:
                        counts.NotApplicable++;
                        break;
                }
            }
        }

        var figures = questionnaire.AllQuestions
            .Select(q => items[q.Key])
            .Zip(questionnaire.AllQuestions, (c, q) => new ItemFigures(q.Key, c.Shown, c.Answered, c.DontKnow, c.NotApplicable, c.Distribution))
            .ToList();
        var factors = questionnaire.Conditions.SelectMany(c => c.Factors)
            .Select(f =>
            {
                var scored = f.Questions.Where(q => q.IsScored()).Select(q => items[q.Key]).ToList();
                return new FactorQuality(f.Key, scored.Sum(c => c.Shown), scored.Sum(c => c.DontKnow), scored.Sum(c => c.NotApplicable));
            })
            .ToList();
        return new TrackQuality(track, count, figures, factors);
    }

    private sealed class Counts
    {
        public int Shown;
        public int Answered;
        public int DontKnow;
        public int NotApplicable;
        public Dictionary<string, int> Distribution { get; } = new(StringComparer.Ordinal);

        public void Add(string value) => Distribution[value] = Distribution.GetValueOrDefault(value) + 1;

        public void From(ItemFigures figures)
        {
            Shown = figures.Shown;
            Answered = figures.Answered;
            DontKnow = figures.DontKnow;
            NotApplicable = figures.NotApplicable;
            foreach (var (value, n) in figures.Distribution)
                Distribution[value] = n;
        }
    }
}
