using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Comparisons;

/// <summary>The change of one condition between an organisation's previous and current result.</summary>
public sealed record ConditionChange(string Key, double? Previous, double? Current, int? PreviousLevel, int? CurrentLevel)
{
    public double? ScoreChange => Current - Previous;

    public int? LevelChange => CurrentLevel - PreviousLevel;
}

public sealed record RescanComparison(IReadOnlyList<ConditionChange> Conditions, double? PreviousIndex, double? CurrentIndex)
{
    public double? IndexChange => CurrentIndex - PreviousIndex;

    public ConditionChange Condition(string key) => Conditions.First(c => c.Key == key);
}

public static class Rescan
{
    /// <summary>
    /// Compares a re-scan with the previous result. Condition keys are fixed across versions, so two
    /// versions compare; both are placed on the current version's levels and weights.
    /// </summary>
    public static RescanComparison Compare(Questionnaire questionnaire, ScoreProfile previous, ScoreProfile current)
    {
        var changes = questionnaire.Conditions
            .Select(c =>
            {
                var before = previous.ConditionScore(c.Key);
                var after = current.ConditionScore(c.Key);
                return new ConditionChange(
                    c.Key,
                    before,
                    after,
                    before is { } b ? questionnaire.LevelOf(b).Number : null,
                    after is { } a ? questionnaire.LevelOf(a).Number : null);
            })
            .ToList();
        return new RescanComparison(changes, questionnaire.OverallIndex(previous.Conditions), questionnaire.OverallIndex(current.Conditions));
    }
}
