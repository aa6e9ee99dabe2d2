using System.Linq.Expressions;

namespace Quickscan.Web.Data;

/// <summary>
/// The one rule for which submitted respondents are in a figure (report, counts, live wall, exports'
/// aggregates, benchmark membership, state of affairs, rescan comparison): submitted, counted (at least the
/// questionnaire's minimum share answered; an under-quarter submission is kept but left out), and not flagged
/// while the scan excludes flagged responses. Every count or aggregate of respondents goes through here.
/// </summary>
public static class ResponseFigures
{
    /// <summary>Whether a respondent is in the figures of its scan.</summary>
    public static readonly Expression<Func<Respondent, bool>> InFiguresRule =
        r => r.SubmittedAt != null && r.Counted && !(r.Scan.ExcludeFlagged && (r.StraightLining || r.TooFast));

    /// <summary>Submitted and counted, flagged or not: the responses the report counts flags among.</summary>
    public static readonly Expression<Func<Respondent, bool>> CountedRule =
        r => r.SubmittedAt != null && r.Counted;

    /// <summary>
    /// A scan's responses counted in one pass over its respondents (the report's header), where a count per figure
    /// read them nine times. The marks are <see cref="InFiguresRule"/> and <see cref="CountedRule"/>, spelled out
    /// because a rule can't be called inside a projection; ResponseCountsTests holds them to the rules.
    /// </summary>
    public static IQueryable<ResponseCounts> Counts(this IQueryable<Respondent> respondents, bool excludeFlagged) =>
        respondents
            .Select(r => new
            {
                r.Source,
                r.SubmittedAt,
                Submitted = r.SubmittedAt != null,
                Counted = r.SubmittedAt != null && r.Counted,
                InFigures = r.SubmittedAt != null && r.Counted && !(excludeFlagged && (r.StraightLining || r.TooFast)),
                r.StraightLining,
                r.TooFast,
            })
            .GroupBy(r => 1)
            .Select(g => new ResponseCounts(
                g.Count(),
                g.Count(r => r.InFigures),
                g.Count(r => r.InFigures && r.Source == RespondentSource.Interview),
                g.Where(r => r.InFigures).Max(r => r.SubmittedAt),
                g.Count(r => r.Submitted && !r.Counted),
                g.Count(r => r.Counted && r.StraightLining),
                g.Count(r => r.Counted && r.TooFast),
                g.Count(r => r.Counted && (r.StraightLining || r.TooFast))));

    /// <summary>The respondents in the figures of their scan.</summary>
    public static IQueryable<Respondent> InFigures(this IQueryable<Respondent> respondents) => respondents.Where(InFiguresRule);

    /// <summary>Submitted and counted (flagged ones included, whatever the scan's setting).</summary>
    public static IQueryable<Respondent> CountedSubmissions(this IQueryable<Respondent> respondents) => respondents.Where(CountedRule);

    /// <summary>The stored scores of respondents in the figures of their scan.</summary>
    public static IQueryable<RespondentScore> InFigures(this IQueryable<RespondentScore> scores, IQueryable<Respondent> respondents)
    {
        var inFigures = respondents.InFigures();
        return scores.Where(s => inFigures.Any(r => r.Id == s.RespondentId));
    }

    /// <summary>Whether a respondent with these marks is in its scan's figures (the same rule, in memory).</summary>
    public static bool IsInFigures(bool submitted, bool counted, bool straightLining, bool tooFast, bool excludeFlagged) =>
        submitted && counted && !(excludeFlagged && (straightLining || tooFast));
}

/// <summary>
/// A scan's responses: started, in the figures (of which interviews, the latest submission), submitted but not
/// counted, and counted ones flagged. Only the respondents' own row is read (every submitted one has its score row:
/// the submit writes both in one transaction), so the count costs one pass over the scan's respondents.
/// </summary>
public sealed record ResponseCounts(int Started, int Submitted, int Interviews, DateTimeOffset? LastResponseAt, int NotCounted, int StraightLining, int TooFast, int Flagged)
{
    public static readonly ResponseCounts None = new(0, 0, 0, null, 0, 0, 0, 0);
}
