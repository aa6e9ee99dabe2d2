using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Reports;

/// <summary>A question that a notable share of those shown it answered "don't know" (per track).</summary>
public sealed record DontKnowFinding(Track Track, string QuestionKey, int DontKnow, int Shown)
{
    public Rational Share => Rational.Of(DontKnow, Shown);
}

/// <summary>A department or role group: its submitted responses against the headcount the consultant entered (null: none entered).</summary>
public sealed record GroupRate(string Group, int Responses, int? Headcount)
{
    /// <summary>Responses / headcount; null without a headcount (or a headcount of 0). Above 1 when more responded than were counted.</summary>
    public Rational? Rate => Headcount is > 0 and var headcount ? Rational.Of(Responses, headcount) : null;
}

/// <summary>The groups shown with their rate, and the groups under the anonymity threshold, told only as a count.</summary>
public sealed record GroupRates(IReadOnlyList<GroupRate> Shown, int HiddenGroups);

/// <summary>
/// The report's rules on the instrument's own figures (<see cref="InstrumentQuality"/>): which don't-know shares
/// are findings, which item figures may be shown, and response rates per group.
/// </summary>
public static class InstrumentFindings
{
    /// <summary>
    /// A question is a finding from a quarter "don't know" on. Why a quarter: below it a don't-know is what any
    /// question gets from people it does not concern; from one in four on, a sizeable part of the organisation
    /// does not know something the scan assumes is known (goals, KPIs, who owns the platform), and that is
    /// something to act on (tell them), whatever the score. The same quarter is the domain's bar for a
    /// submission that counts at all (<see cref="ScoringSettings.MinimumAnsweredShare"/>).
    /// </summary>
    public const decimal DontKnowFindingShare = 0.25m;

    /// <summary>
    /// Whether one question's figures (a don't-know share, a distribution) may be shown: the group it was shown to
    /// is at least the anonymity threshold in the survey; the owner intake is not anonymous and has no threshold.
    /// </summary>
    public static bool IsReported(Track track, int shown, int anonymityThreshold) =>
        shown > 0 && (track == Track.Intake || ReportRules.IsGroupShown(shown, anonymityThreshold));

    /// <summary>Whether a share is a finding: at least <paramref name="minimumShare"/> of those shown answered "don't know".</summary>
    public static bool IsFinding(int dontKnow, int shown, decimal minimumShare = DontKnowFindingShare) =>
        shown > 0 && dontKnow > 0 && Rational.Of(dontKnow, shown) >= minimumShare;

    /// <summary>
    /// The findings of one track: scored questions that may be reported and reach the share, the largest share
    /// first, then in the questionnaire's order.
    /// </summary>
    public static IReadOnlyList<DontKnowFinding> DontKnow(Questionnaire questionnaire, TrackQuality quality, int anonymityThreshold, decimal minimumShare = DontKnowFindingShare)
    {
        var order = questionnaire.AllQuestions.Select((q, i) => (q.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        return quality.Items
            .Where(i => IsScoredItem(questionnaire, i.QuestionKey))
            .Where(i => IsReported(quality.Track, i.Shown, anonymityThreshold) && IsFinding(i.DontKnow, i.Shown, minimumShare))
            .Select(i => new DontKnowFinding(quality.Track, i.QuestionKey, i.DontKnow, i.Shown))
            .OrderByDescending(f => f.Share)
            .ThenBy(f => order[f.QuestionKey])
            .ToList();
    }

    /// <summary>A scored question of a factor (not an open question, not an unscored context fact of the intake).</summary>
    public static bool IsScoredItem(Questionnaire questionnaire, string questionKey) =>
        questionnaire.TryGetFactorOf(questionKey, out _, out var factor) && factor.Questions.First(q => q.Key == questionKey).IsScored();

    /// <summary>
    /// A factor's don't-know share over its scored questions that may be reported (answers, not people: a
    /// question routed to a small group is left out, so its don't-knows can't be read off the sum); null when none may.
    /// </summary>
    public static FactorQuality? Factor(Questionnaire questionnaire, TrackQuality quality, string factorKey, int anonymityThreshold)
    {
        var items = questionnaire.Factor(factorKey).Questions
            .Where(q => q.IsScored())
            .Select(q => quality.Item(q.Key))
            .Where(i => IsReported(quality.Track, i.Shown, anonymityThreshold))
            .ToList();
        return items.Count == 0 ? null : new FactorQuality(factorKey, items.Sum(i => i.Shown), items.Sum(i => i.DontKnow), items.Sum(i => i.NotApplicable));
    }

    /// <summary>
    /// Response rates per group: every group that responded or has a headcount, in name order; a group with fewer
    /// responses than the anonymity threshold (none included) is not shown by name, only counted.
    /// </summary>
    public static GroupRates Rates(IReadOnlyDictionary<string, int> responses, IReadOnlyDictionary<string, int> headcounts, int anonymityThreshold)
    {
        var groups = responses.Keys.Union(headcounts.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var all = groups.Select(g => new GroupRate(
            g,
            responses.Where(r => string.Equals(r.Key, g, StringComparison.OrdinalIgnoreCase)).Sum(r => r.Value),
            headcounts.Where(h => string.Equals(h.Key, g, StringComparison.OrdinalIgnoreCase)).Select(h => (int?)h.Value).FirstOrDefault())).ToList();
        var shown = all.Where(r => ReportRules.IsGroupShown(r.Responses, anonymityThreshold)).ToList();
        return new GroupRates(shown, all.Count - shown.Count);
    }
}
