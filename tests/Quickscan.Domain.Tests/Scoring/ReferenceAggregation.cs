using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>
/// The aggregation as it was before <see cref="ScanTally"/>, unchanged: every sheet at once, straight from the
/// definitions of the figures. Kept as the oracle the tally is checked against on random sheets.
/// </summary>
internal static class ReferenceAggregation
{
    /// <summary>
    /// Aggregates the stored scores of a scan's respondents, survey and intake alike (each sheet says its track).
    /// Every figure is exact and independent of the respondents' order. Groups are shown from the anonymity
    /// threshold on (the scan's own, or else the questionnaire's).
    /// </summary>
    public static ScanResult Aggregate(Questionnaire questionnaire, IReadOnlyCollection<ScoreSheet> respondents, int? anonymityThreshold = null)
    {
        var survey = respondents.Where(r => r.Track == Track.Survey).ToList();
        var intake = respondents.Where(r => r.Track == Track.Intake).ToList();
        var conditions = AggregateConditions(questionnaire, survey, intake, perceptionOnly: false);
        var scores = conditions.ToDictionary(c => c.Key, c => c.Score, StringComparer.Ordinal);
        var index = questionnaire.OverallIndex(scores);
        var weakest = questionnaire.ScanWeakest(scores);

        var threshold = anonymityThreshold ?? questionnaire.Settings.AnonymityThreshold;
        var groups = survey
            .Where(r => !string.IsNullOrWhiteSpace(r.RoleGroup))
            .GroupBy(r => r.RoleGroup!, StringComparer.Ordinal)
            .ToList();
        var shown = groups
            .Where(g => Quickscan.Domain.Reports.ReportRules.IsGroupShown(g.Count(), threshold))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleGroupAggregate(g.Key, g.Count(), AggregateConditions(questionnaire, [.. g], [], perceptionOnly: true)))
            .ToList();

        return new ScanResult(
            respondents.Count,
            conditions,
            index,
            index is { } value ? questionnaire.LevelOf(value) : null,
            weakest.Bottleneck,
            shown,
            groups.Count - shown.Count)
        {
            SurveyRespondents = survey.Count,
            IntakeRespondents = intake.Count,
            Weakest = weakest,
            PerceptionGaps = [.. questionnaire.Conditions.Select(c => Gap(c, survey, intake, threshold))],
        };
    }

    /// <summary>
    /// The owner team (intake) and management against the other survey respondents, per condition, on the same
    /// factors: those the survey asks (the intake asks them too) and that every group present has a value for.
    /// Each group's figure is the factor-weighted mean of its factor means over those factors. The intake's own
    /// condition score also holds the owner facts, so set beside the employees' it would show the facts, not a
    /// difference in how the condition is seen.
    /// </summary>
    private static PerceptionGap Gap(ConditionDefinition condition, List<ScoreSheet> survey, List<ScoreSheet> intake, int threshold)
    {
        var shared = condition.Factors.Where(f => SourceOf(f) == Track.Survey).ToList();
        List<ScoreSheet> Answering(IEnumerable<ScoreSheet> sheets) =>
            [.. sheets.Where(s => shared.Any(f => s.Factors.GetValueOrDefault(f.Key) is not null))];

        var owner = Answering(intake);
        var management = Answering(survey.Where(s => s.RoleGroup == RoleGroupKeys.Management));
        var employees = Answering(survey.Where(s => s.RoleGroup != RoleGroupKeys.Management));
        // The owner team is not anonymous: it has no threshold.
        var groups = new[]
        {
            (Sheets: owner, Present: owner.Count > 0),
            (Sheets: management, Present: management.Count > 0 && Quickscan.Domain.Reports.ReportRules.IsGroupShown(management.Count, threshold)),
            (Sheets: employees, Present: employees.Count > 0 && Quickscan.Domain.Reports.ReportRules.IsGroupShown(employees.Count, threshold)),
        };

        static Rational? FactorMean(List<ScoreSheet> sheets, string key) =>
            Statistics.Of(sheets.Select(s => s.Factors.GetValueOrDefault(key)).OfType<Rational>())?.Mean;

        var compared = shared
            .Where(f => groups.Where(g => g.Present).All(g => FactorMean(g.Sheets, f.Key) is not null))
            .ToList();
        Rational? Figure((List<ScoreSheet> Sheets, bool Present) group)
        {
            if (!group.Present || compared.Count == 0)
                return null;
            Rational sum = 0, weights = 0;
            foreach (var factor in compared)
            {
                sum += factor.Weight * FactorMean(group.Sheets, factor.Key)!.Value;
                weights += factor.Weight;
            }

            return sum / weights;
        }

        return new PerceptionGap(condition.Key, Figure(groups[0]), Figure(groups[1]), Figure(groups[2]), owner.Count, management.Count, employees.Count)
        {
            Factors = [.. compared.Select(f => f.Key)],
        };
    }

    /// <summary>The track a factor's questions are for: the intake for owner-only factors, the survey otherwise.</summary>
    private static Track SourceOf(FactorDefinition factor) =>
        factor.Questions.Where(q => q.IsScored()).Any(q => q.Audience == Audience.Owner) ? Track.Intake : Track.Survey;

    /// <summary>
    /// perceptionOnly: a group of survey respondents on its own (a role group), judged on the factors the survey
    /// asks; owner-only factors are then not expected.
    /// </summary>
    private static ConditionAggregate[] AggregateConditions(Questionnaire questionnaire, List<ScoreSheet> survey, List<ScoreSheet> intake, bool perceptionOnly)
    {
        var result = new ConditionAggregate[questionnaire.Conditions.Count];
        for (var c = 0; c < result.Length; c++)
        {
            var condition = questionnaire.Conditions[c];
            var factors = condition.Factors.Select(f => AggregateFactor(f, survey, intake)).ToList();

            Rational weightedSum = 0, weights = 0;
            int expected = 0, covered = 0;
            bool missingIntake = false, missingSurvey = false;
            for (var f = 0; f < factors.Count; f++)
            {
                var definition = condition.Factors[f];
                if (perceptionOnly && factors[f].Source == Track.Intake)
                    continue;
                var questions = definition.Questions.Count(q => q.IsScored());
                expected += questions;
                if (factors[f].Statistics is { } factorFigures)
                {
                    covered += questions;
                    weightedSum += definition.Weight * factorFigures.Mean;
                    weights += definition.Weight;
                }
                else if (factors[f].Source == Track.Intake && intake.Count == 0)
                {
                    missingIntake = true;
                }
                else if (factors[f].Source == Track.Survey && survey.Count == 0)
                {
                    missingSurvey = true;
                }
            }

            var coverage = expected == 0 ? Rational.Zero : Rational.Of(covered, expected);
            // Without the intake, a condition that rests on owner facts gets no scan score: the employees' view of it
            // stays visible (Statistics, the perception gap), but it is not passed off as the condition's level.
            Rational? score = !missingIntake && expected > 0 && weights > 0 && coverage >= questionnaire.Settings.CoverageThreshold ? weightedSum / weights : null;
            var lacks = missingIntake ? ScanGap.NoIntake
                : missingSurvey ? ScanGap.NoSurvey
                : score is null ? ScanGap.TooFewAnswers
                : ScanGap.None;

            // The employees' own condition scores: spread, consensus and distribution over levels.
            var figures = new StatisticsAccumulator();
            var distribution = new int[questionnaire.Levels.Count];
            var excluded = 0;
            foreach (var respondent in survey)
            {
                if (!respondent.Conditions.TryGetValue(condition.Key, out var own))
                    continue;
                if (own is not { } value)
                {
                    excluded++;
                    continue;
                }

                figures.Add(value);
                var cap = respondent.LadderCaps.TryGetValue(condition.Key, out var capped) ? capped : (int?)null;
                distribution[RespondentScoring.Capped(questionnaire, questionnaire.LevelOf(value), cap)!.Number - 1]++;
            }

            var statistics = figures.ToStatistics();
            int? intakeCap = intake.Select(s => s.LadderCaps.TryGetValue(condition.Key, out var l) ? l : (int?)null).Min();
            var scoreLevel = score is { } s ? questionnaire.LevelOf(s) : null;
            result[c] = new ConditionAggregate(
                condition.Key,
                statistics,
                RespondentScoring.Capped(questionnaire, scoreLevel, perceptionOnly ? null : intakeCap),
                excluded,
                distribution,
                statistics is not null && statistics.SpreadAbove(questionnaire.Settings.ConsensusSdThreshold),
                factors)
            {
                Score = score,
                Coverage = coverage,
                Lacks = lacks,
                ScoreLevel = scoreLevel,
                IntakeCap = perceptionOnly ? null : intakeCap,
                Intake = Statistics.Of(intake.Select(i => i.Conditions.GetValueOrDefault(condition.Key)).OfType<Rational>()),
            };
        }

        return result;
    }

    /// <summary>A factor over those asked it, from the track its questions are for.</summary>
    private static FactorAggregate AggregateFactor(FactorDefinition factor, List<ScoreSheet> survey, List<ScoreSheet> intake)
    {
        var source = SourceOf(factor);
        Statistics? Over(List<ScoreSheet> sheets) =>
            Statistics.Of(sheets.Select(s => s.Factors.GetValueOrDefault(factor.Key)).OfType<Rational>());
        var surveyFigures = Over(survey);
        var intakeFigures = Over(intake);
        var asked = (source == Track.Intake ? intake : survey).Count(s => s.Factors.ContainsKey(factor.Key));
        return new FactorAggregate(factor.Key, source == Track.Intake ? intakeFigures : surveyFigures)
        {
            Source = source,
            Asked = asked,
            Survey = surveyFigures,
            Intake = intakeFigures,
        };
    }
}
