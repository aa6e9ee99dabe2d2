using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public static class ScanAggregation
{
    /// <summary>
    /// Aggregates the stored scores of a scan's respondents. Role groups below <paramref name="anonymityThreshold"/>
    /// (the scan's own setting; the questionnaire's when null) are counted but not shown.
    /// </summary>
    public static ScanResult Aggregate(Questionnaire questionnaire, IReadOnlyCollection<ScoreSheet> respondents, int? anonymityThreshold = null)
    {
        var conditions = AggregateConditions(questionnaire, respondents);
        var means = conditions.ToDictionary(c => c.Key, c => c.Mean, StringComparer.Ordinal);
        var index = questionnaire.OverallIndex(means);

        var groups = respondents
            .Where(r => !string.IsNullOrWhiteSpace(r.RoleGroup))
            .GroupBy(r => r.RoleGroup!, StringComparer.Ordinal)
            .ToList();
        var threshold = anonymityThreshold ?? questionnaire.Settings.AnonymityThreshold;
        var shown = groups
            .Where(g => Reports.ReportRules.IsGroupShown(g.Count(), threshold))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleGroupAggregate(g.Key, g.Count(), AggregateConditions(questionnaire, g.ToList())))
            .ToList();

        return new ScanResult(
            respondents.Count,
            conditions,
            index,
            index is { } value ? questionnaire.LevelOf(value) : null,
            questionnaire.Bottleneck(means),
            shown,
            groups.Count - shown.Count);
    }

    private static ConditionAggregate[] AggregateConditions(Questionnaire questionnaire, IReadOnlyCollection<ScoreSheet> respondents)
    {
        var result = new ConditionAggregate[questionnaire.Conditions.Count];
        for (var c = 0; c < result.Length; c++)
        {
            var condition = questionnaire.Conditions[c];
            var conditionFigures = new StatisticsAccumulator();
            var factorFigures = new StatisticsAccumulator[condition.Factors.Count];
            var distribution = new int[questionnaire.Levels.Count];
            var excluded = 0;
            foreach (var respondent in respondents)
            {
                if (!respondent.Conditions.TryGetValue(condition.Key, out var score) || score is not { } value)
                {
                    excluded++;
                    continue;
                }

                conditionFigures.Add(value);
                distribution[questionnaire.LevelOf(value).Number - 1]++;
                for (var f = 0; f < factorFigures.Length; f++)
                {
                    if (respondent.Factors.TryGetValue(condition.Factors[f].Key, out var factorScore) && factorScore is { } factorValue)
                        factorFigures[f].Add(factorValue);
                }
            }

            var statistics = conditionFigures.ToStatistics();
            result[c] = new ConditionAggregate(
                condition.Key,
                statistics,
                statistics is null ? null : questionnaire.LevelOf(statistics.Mean),
                excluded,
                distribution,
                statistics is not null && statistics.StandardDeviation > questionnaire.Settings.ConsensusSdThreshold,
                condition.Factors.Select((factor, f) => new FactorAggregate(factor.Key, factorFigures[f].ToStatistics())).ToList());
        }

        return result;
    }
}
