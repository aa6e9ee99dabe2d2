using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>Why a response may not be what it seems; flagged responses are counted apart and the consultant can exclude them.</summary>
public sealed record ResponseFlags(bool StraightLining, bool TooFast)
{
    public bool Any => StraightLining || TooFast;
}

/// <summary>The rules that decide whether a submission counts and whether a response looks careless.</summary>
public static class ResponseQuality
{
    /// <summary>
    /// A submission counts as a response only when at least the minimum share (settings.minimumAnsweredShare,
    /// a quarter by default) of the questions shown to it has an answer of substance (not don't-know or
    /// not-applicable). One below the share asks the respondent to confirm and is left out of every figure.
    /// </summary>
    public static bool IsCounted(Questionnaire questionnaire, RespondentResult result) =>
        result.Shown > 0 && result.AnsweredShare >= questionnaire.Settings.MinimumAnsweredShare;

    /// <summary>
    /// The same answer on every agreement question answered, with at least settings.straightLiningMinimum of
    /// them: reversed questions make such a pattern contradict itself.
    /// </summary>
    public static bool IsStraightLining(Questionnaire questionnaire, IEnumerable<Answer> answers)
    {
        var values = answers
            .Where(a => questionnaire.TryGetQuestion(a.QuestionKey, out var q) && q.Kind == QuestionKind.Agreement)
            .OfType<ScaleAnswer>()
            .Select(a => a.Value)
            .ToList();
        return values.Count >= questionnaire.Settings.StraightLiningMinimum && values.Distinct().Count() == 1;
    }

    /// <summary>Faster than settings.minimumSecondsPerAnswer per answer given (don't-know included: it is a click too).</summary>
    public static bool IsTooFast(Questionnaire questionnaire, int answers, TimeSpan duration) =>
        answers > 0 && (Rational)(decimal)duration.TotalSeconds < answers * (Rational)questionnaire.Settings.MinimumSecondsPerAnswer;

    public static ResponseFlags Flags(Questionnaire questionnaire, IReadOnlyCollection<Answer> answers, TimeSpan duration) =>
        new(IsStraightLining(questionnaire, answers), IsTooFast(questionnaire, answers.Count(a => a is not TextAnswer), duration));
}
