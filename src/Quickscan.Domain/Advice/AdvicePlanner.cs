using Quickscan.Domain.Questionnaires;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Advice;

public static class AdvicePlanner
{
    public const int PriorityCount = 3;

    /// <summary>
    /// The ordered next steps for a respondent's or a scan's scores. The bottleneck condition comes first,
    /// then the other conditions by weight × distance to the next level; each condition's step is followed by
    /// advice for its factors that lie the lag threshold or more below it, the largest gap first.
    /// Conditions without a score get no step: there is nothing to base one on.
    /// </summary>
    public static IReadOnlyList<NextStep> Plan(Questionnaire questionnaire, ScoreProfile profile)
    {
        var bottleneck = questionnaire.Bottleneck(profile.Conditions);
        var ordered = questionnaire.Conditions
            .Select((condition, order) => (condition, order, score: profile.ConditionScore(condition.Key)))
            .Where(x => x.score is not null)
            .OrderByDescending(x => x.condition.Key == bottleneck)
            .ThenByDescending(x => x.condition.Weight * DistanceToNextLevel(questionnaire, x.score!.Value))
            .ThenBy(x => x.order);

        var reasons = new List<(LocalizedText Advice, NextStepReason Why)>();
        foreach (var (condition, _, score) in ordered)
        {
            var value = score!.Value;
            var level = questionnaire.LevelOf(value).Number;
            int? target = level < questionnaire.Levels.Count ? level + 1 : null;
            var advice = condition.Levels.First(l => l.Level == level).Advice;
            reasons.Add((advice, new NextStepReason(condition.Key, value, level, target, condition.Key == bottleneck)));

            var lagging = condition.Factors
                .Select(f => (factor: f, score: profile.FactorScore(f.Key)))
                .Where(x => x.score is { } s && value - s >= questionnaire.Settings.FactorLagThreshold)
                .OrderByDescending(x => value - x.score!.Value);
            foreach (var (factor, factorScore) in lagging)
                reasons.Add((factor.Advice, new NextStepReason(condition.Key, value, level, target, condition.Key == bottleneck, factor.Key, factorScore)));
        }

        return reasons
            .Select((step, i) => new NextStep(i + 1, i < PriorityCount, step.Advice, step.Why))
            .ToList();
    }

    /// <summary>Points to the next level's threshold; 0 at the top level.</summary>
    public static double DistanceToNextLevel(Questionnaire questionnaire, double score)
    {
        var level = questionnaire.LevelOf(score);
        return level.Number == questionnaire.Levels.Count ? 0 : level.To - score;
    }
}
