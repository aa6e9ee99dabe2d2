using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Advice;

public static class AdvicePlanner
{
    public const int PriorityCount = 3;

    /// <summary>The next steps for a respondent, with the respondent's margin and ladder-capped levels.</summary>
    public static IReadOnlyList<NextStep> Plan(Questionnaire questionnaire, RespondentResult result) =>
        Plan(questionnaire, result.Profile, result.Weakest, result.Conditions.Where(c => c.Level is not null).ToDictionary(c => c.Key, c => c.Level!.Number));

    /// <summary>The next steps for a scan, with the scan's margin and the levels the intake caps.</summary>
    public static IReadOnlyList<NextStep> Plan(Questionnaire questionnaire, ScanResult result) =>
        Plan(questionnaire, result.Profile, result.Weakest, result.Conditions.Where(c => c.Level is not null).ToDictionary(c => c.Key, c => c.Level!.Number));

    /// <summary>
    /// The ordered next steps for a set of scores. A named bottleneck comes first (the weakest precondition
    /// limits lasting success), then the other conditions by Priority = weight × (100 − score), highest first,
    /// ties in the questionnaire's order. Priority never jumps at a level threshold and never rises when the
    /// score rises. Each condition's step is followed by advice for its factors (with 2+ scored questions) that
    /// lie the lag threshold or more below it, the largest gap first. Conditions without a score get no step:
    /// there is nothing to base one on; WeakestConditions.Unscored names them.
    /// Without a weakest given, the respondent's margin applies; levels default to the scores' own levels.
    /// </summary>
    public static IReadOnlyList<NextStep> Plan(
        Questionnaire questionnaire,
        ScoreProfile profile,
        WeakestConditions? weakest = null,
        IReadOnlyDictionary<string, int>? levels = null)
    {
        var bottleneck = (weakest ?? questionnaire.Weakest(profile.Conditions)).Bottleneck;
        var ordered = questionnaire.Conditions
            .Select((condition, order) => (condition, order, score: profile.ConditionScore(condition.Key)))
            .Where(x => x.score is not null)
            .Select(x => (x.condition, x.order, score: x.score!.Value, priority: Priority(x.condition, x.score!.Value)))
            .OrderByDescending(x => x.condition.Key == bottleneck)
            .ThenByDescending(x => x.priority)
            .ThenBy(x => x.order);

        var reasons = new List<(AdviceDefinition Advice, NextStepReason Why)>();
        foreach (var (condition, _, score, priority) in ordered)
        {
            var level = levels is not null && levels.TryGetValue(condition.Key, out var capped) ? capped : questionnaire.LevelOf(score).Number;
            int? target = level < questionnaire.Levels.Count ? level + 1 : null;
            var advice = condition.Levels.First(l => l.Level == level).Advice;
            var isBottleneck = condition.Key == bottleneck;
            reasons.Add((advice, new NextStepReason(condition.Key, score, level, target, isBottleneck) { Priority = priority }));

            var lagging = condition.Factors
                .Where(f => f.Questions.Count(q => q.IsScored()) >= 2)
                .Select(f => (factor: f, score: profile.FactorScore(f.Key)))
                .Where(x => x.score is { } s && score - s >= questionnaire.Settings.FactorLagThreshold)
                .OrderByDescending(x => score - x.score!.Value);
            foreach (var (factor, factorScore) in lagging)
                reasons.Add((factor.Advice, new NextStepReason(condition.Key, score, level, target, isBottleneck, factor.Key, factorScore) { Priority = priority }));
        }

        return reasons
            .Select((step, i) => new NextStep(i + 1, i < PriorityCount, step.Advice, step.Why))
            .ToList();
    }

    /// <summary>weight × (100 − score): continuous, and falling as the score rises.</summary>
    public static Rational Priority(ConditionDefinition condition, Rational score) => condition.Weight * (100 - score);
}
