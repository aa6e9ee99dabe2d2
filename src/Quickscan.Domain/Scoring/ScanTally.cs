using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

/// <summary>
/// A scan's figures as running sums over its respondents' score sheets, survey and intake alike (each sheet says
/// its track). Every figure of a <see cref="ScanResult"/> is made of sums (exact sums and sums of squares, see
/// <see cref="StatisticsAccumulator"/>), counts and minimums, so sheets can be added one at a time, in any order and
/// in any chunks, and <see cref="ToResult"/> gives exactly what aggregating all of them at once gives: a report
/// polled during a workshop adds the new respondents' sheets to the tally it kept instead of going over every
/// sheet again. <see cref="Add"/> changes the tally; one that others may read (a cached one) is never added to:
/// <see cref="With"/> adds to a copy.
/// </summary>
public sealed class ScanTally
{
    private readonly Layout _layout;
    private readonly Part _scan;
    private readonly Dictionary<string, Part> _roleGroups;
    private readonly GapTally[] _gaps;

    public ScanTally(Questionnaire questionnaire)
        : this(new Layout(questionnaire), 0, null, new Dictionary<string, Part>(StringComparer.Ordinal), null)
    {
    }

    private ScanTally(Layout layout, int respondents, Part? scan, Dictionary<string, Part> roleGroups, GapTally[]? gaps)
    {
        _layout = layout;
        Respondents = respondents;
        _scan = scan ?? new Part(layout);
        _roleGroups = roleGroups;
        _gaps = gaps ?? [.. layout.Conditions.Select(c => new GapTally(c.Shared.Length))];
    }

    public Questionnaire Questionnaire => _layout.Questionnaire;

    /// <summary>Every sheet added, whatever its track.</summary>
    public int Respondents { get; private set; }

    /// <summary>A tally of these sheets.</summary>
    public static ScanTally Of(Questionnaire questionnaire, IEnumerable<ScoreSheet> sheets)
    {
        var tally = new ScanTally(questionnaire);
        foreach (var sheet in sheets)
            tally.Add(sheet);
        return tally;
    }

    /// <summary>Folds one respondent's sheet into every figure it counts in.</summary>
    public void Add(ScoreSheet sheet)
    {
        Respondents++;
        _scan.Add(sheet, _layout);
        if (sheet.Track == Track.Survey && !string.IsNullOrWhiteSpace(sheet.RoleGroup))
        {
            if (!_roleGroups.TryGetValue(sheet.RoleGroup, out var group))
                _roleGroups[sheet.RoleGroup] = group = new Part(_layout);
            group.Add(sheet, _layout);
        }

        if (GapTally.Side(sheet) is { } side)
        {
            for (var c = 0; c < _gaps.Length; c++)
                _gaps[c].Add(side, sheet, _layout.Conditions[c]);
        }
    }

    /// <summary>A copy with these sheets added too; this tally stays as it is.</summary>
    public ScanTally With(IEnumerable<ScoreSheet> sheets)
    {
        var copy = Clone();
        foreach (var sheet in sheets)
            copy.Add(sheet);
        return copy;
    }

    /// <summary>A copy to add to: its sums are its own (scores are immutable, so copying the sums is enough).</summary>
    public ScanTally Clone() => new(
        _layout,
        Respondents,
        _scan.Copy(),
        _roleGroups.ToDictionary(g => g.Key, g => g.Value.Copy(), StringComparer.Ordinal),
        [.. _gaps.Select(g => g.Copy())]);

    /// <summary>
    /// The scan's result. Every figure is exact and independent of the order sheets were added in. Role groups are
    /// shown from the anonymity threshold on, in ordinal order of their keys; the others are only counted.
    /// </summary>
    public ScanResult ToResult(int anonymityThreshold)
    {
        var questionnaire = _layout.Questionnaire;
        var conditions = _scan.ToConditions(_layout, perceptionOnly: false);
        var scores = conditions.ToDictionary(c => c.Key, c => c.Score, StringComparer.Ordinal);
        var index = questionnaire.OverallIndex(scores);
        var weakest = questionnaire.ScanWeakest(scores);

        var shown = _roleGroups
            .Where(g => Reports.ReportRules.IsGroupShown(g.Value.Survey, anonymityThreshold))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleGroupAggregate(g.Key, g.Value.Survey, g.Value.ToConditions(_layout, perceptionOnly: true)))
            .ToList();

        return new ScanResult(
            Respondents,
            conditions,
            index,
            index is { } value ? questionnaire.LevelOf(value) : null,
            weakest.Bottleneck,
            shown,
            _roleGroups.Count - shown.Count)
        {
            SurveyRespondents = _scan.Survey,
            IntakeRespondents = _scan.Intake,
            Weakest = weakest,
            PerceptionGaps = [.. _layout.Conditions.Select((c, i) => _gaps[i].ToGap(c, anonymityThreshold))],
        };
    }

    /// <summary>What the questionnaire fixes about each condition, worked out once and shared by every copy.</summary>
    private sealed class Layout
    {
        public Layout(Questionnaire questionnaire)
        {
            Questionnaire = questionnaire;
            Conditions = [.. questionnaire.Conditions.Select(c => new ConditionLayout(c))];
        }

        public Questionnaire Questionnaire { get; }

        public ConditionLayout[] Conditions { get; }
    }

    private sealed class ConditionLayout
    {
        public ConditionLayout(ConditionDefinition condition)
        {
            Definition = condition;
            Sources = [.. condition.Factors.Select(SourceOf)];
            ScoredQuestions = [.. condition.Factors.Select(f => f.Questions.Count(q => q.IsScored()))];
            Shared = [.. condition.Factors.Where(f => SourceOf(f) == Track.Survey)];
        }

        public ConditionDefinition Definition { get; }

        public string Key => Definition.Key;

        /// <summary>Per factor, the track its questions are for.</summary>
        public Track[] Sources { get; }

        /// <summary>Per factor, its scored questions.</summary>
        public int[] ScoredQuestions { get; }

        /// <summary>The factors the perception gap may compare: those the survey asks (the intake asks them too).</summary>
        public FactorDefinition[] Shared { get; }
    }

    /// <summary>The track a factor's questions are for: the intake for owner-only factors, the survey otherwise.</summary>
    private static Track SourceOf(FactorDefinition factor) =>
        factor.Questions.Where(q => q.IsScored()).Any(q => q.Audience == Audience.Owner) ? Track.Intake : Track.Survey;

    /// <summary>The sums of a set of sheets: the whole scan, or one role group's survey sheets.</summary>
    private sealed class Part
    {
        private readonly ConditionTally[] _conditions;

        public Part(Layout layout)
        {
            _conditions = [.. layout.Conditions.Select(c => new ConditionTally(c.Sources.Length, layout.Questionnaire.Levels.Count))];
        }

        private Part(ConditionTally[] conditions, int survey, int intake)
        {
            _conditions = conditions;
            Survey = survey;
            Intake = intake;
        }

        public int Survey { get; private set; }

        public int Intake { get; private set; }

        public Part Copy() => new([.. _conditions.Select(c => c.Copy())], Survey, Intake);

        public void Add(ScoreSheet sheet, Layout layout)
        {
            if (sheet.Track == Track.Survey)
                Survey++;
            else if (sheet.Track == Track.Intake)
                Intake++;
            else
                return;
            for (var c = 0; c < _conditions.Length; c++)
                _conditions[c].Add(sheet, layout.Questionnaire, layout.Conditions[c]);
        }

        /// <summary>
        /// perceptionOnly: a group of survey respondents on its own (a role group), judged on the factors the survey
        /// asks; owner-only factors are then not expected.
        /// </summary>
        public ConditionAggregate[] ToConditions(Layout layout, bool perceptionOnly)
        {
            var questionnaire = layout.Questionnaire;
            var result = new ConditionAggregate[_conditions.Length];
            for (var c = 0; c < result.Length; c++)
            {
                var condition = layout.Conditions[c];
                var tally = _conditions[c];
                var factors = new FactorAggregate[condition.Sources.Length];

                Rational weightedSum = 0, weights = 0;
                int expected = 0, covered = 0;
                bool missingIntake = false, missingSurvey = false;
                for (var f = 0; f < factors.Length; f++)
                {
                    var definition = condition.Definition.Factors[f];
                    var source = condition.Sources[f];
                    factors[f] = tally.Factors[f].ToAggregate(definition.Key, source);
                    if (perceptionOnly && source == Track.Intake)
                        continue;
                    var questions = condition.ScoredQuestions[f];
                    expected += questions;
                    if (factors[f].Statistics is { } factorFigures)
                    {
                        covered += questions;
                        weightedSum += definition.Weight * factorFigures.Mean;
                        weights += definition.Weight;
                    }
                    else if (source == Track.Intake && Intake == 0)
                    {
                        missingIntake = true;
                    }
                    else if (source == Track.Survey && Survey == 0)
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
                var statistics = tally.Own.ToStatistics();
                var scoreLevel = score is { } s ? questionnaire.LevelOf(s) : null;
                result[c] = new ConditionAggregate(
                    condition.Key,
                    statistics,
                    RespondentScoring.Capped(questionnaire, scoreLevel, perceptionOnly ? null : tally.IntakeCap),
                    tally.Excluded,
                    tally.Distribution.ToArray(),
                    statistics is not null && statistics.SpreadAbove(questionnaire.Settings.ConsensusSdThreshold),
                    factors)
                {
                    Score = score,
                    Coverage = coverage,
                    Lacks = lacks,
                    ScoreLevel = scoreLevel,
                    IntakeCap = perceptionOnly ? null : tally.IntakeCap,
                    Intake = tally.IntakeOwn.ToStatistics(),
                };
            }

            return result;
        }
    }

    /// <summary>One condition's sums over a set of sheets.</summary>
    private sealed class ConditionTally
    {
        public ConditionTally(int factors, int levels)
        {
            Factors = [.. Enumerable.Range(0, factors).Select(_ => new FactorTally())];
            Distribution = new int[levels];
        }

        private ConditionTally(FactorTally[] factors, StatisticsAccumulator own, int[] distribution, int excluded, int? intakeCap, StatisticsAccumulator intakeOwn)
        {
            Factors = factors;
            Own = own;
            Distribution = distribution;
            Excluded = excluded;
            IntakeCap = intakeCap;
            IntakeOwn = intakeOwn;
        }

        public FactorTally[] Factors { get; }

        /// <summary>The survey respondents' own condition scores.</summary>
        public StatisticsAccumulator Own { get; } = new();

        /// <summary>Survey respondents per level of their own (capped) condition level.</summary>
        public int[] Distribution { get; }

        /// <summary>Survey respondents asked the condition without a score for it.</summary>
        public int Excluded { get; private set; }

        /// <summary>The lowest ladder cap of the intake respondents.</summary>
        public int? IntakeCap { get; private set; }

        /// <summary>The intake respondents' own condition scores.</summary>
        public StatisticsAccumulator IntakeOwn { get; } = new();

        public ConditionTally Copy() =>
            new([.. Factors.Select(f => f.Copy())], Own.Copy(), [.. Distribution], Excluded, IntakeCap, IntakeOwn.Copy());

        public void Add(ScoreSheet sheet, Questionnaire questionnaire, ConditionLayout condition)
        {
            for (var f = 0; f < Factors.Length; f++)
                Factors[f].Add(sheet, condition.Definition.Factors[f].Key, condition.Sources[f]);

            if (sheet.Track == Track.Survey)
            {
                if (!sheet.Conditions.TryGetValue(condition.Key, out var own))
                    return;
                if (own is not { } value)
                {
                    Excluded++;
                    return;
                }

                Own.Add(value);
                var cap = sheet.LadderCaps.TryGetValue(condition.Key, out var capped) ? capped : (int?)null;
                Distribution[RespondentScoring.Capped(questionnaire, questionnaire.LevelOf(value), cap)!.Number - 1]++;
            }
            else
            {
                if (sheet.LadderCaps.TryGetValue(condition.Key, out var cap) && (IntakeCap is not { } lowest || cap < lowest))
                    IntakeCap = cap;
                if (sheet.Conditions.GetValueOrDefault(condition.Key) is { } value)
                    IntakeOwn.Add(value);
            }
        }
    }

    /// <summary>A factor over those asked it, per track.</summary>
    private sealed class FactorTally
    {
        private StatisticsAccumulator _survey = new();
        private StatisticsAccumulator _intake = new();

        /// <summary>Sheets of the factor's source track that were asked it.</summary>
        private int _asked;

        public FactorTally Copy() => new() { _survey = _survey.Copy(), _intake = _intake.Copy(), _asked = _asked };

        public void Add(ScoreSheet sheet, string key, Track source)
        {
            if (!sheet.Factors.TryGetValue(key, out var score))
                return;
            if (sheet.Track == source)
                _asked++;
            if (score is { } value)
                (sheet.Track == Track.Survey ? _survey : _intake).Add(value);
        }

        /// <summary>A factor over those asked it, from the track its questions are for.</summary>
        public FactorAggregate ToAggregate(string key, Track source)
        {
            var surveyFigures = _survey.ToStatistics();
            var intakeFigures = _intake.ToStatistics();
            return new FactorAggregate(key, source == Track.Intake ? intakeFigures : surveyFigures)
            {
                Source = source,
                Asked = _asked,
                Survey = surveyFigures,
                Intake = intakeFigures,
            };
        }
    }

    /// <summary>
    /// The owner team (intake) and management against the other survey respondents, per condition, on the same
    /// factors: those the survey asks (the intake asks them too) and that every group present has a value for.
    /// Each group's figure is the factor-weighted mean of its factor means over those factors. The intake's own
    /// condition score also holds the owner facts, so set beside the employees' it would show the facts, not a
    /// difference in how the condition is seen. A group's factor mean is over its sheets with a value for the
    /// factor: each of them has a value on a shared factor, so it is the mean over the group's answering sheets.
    /// </summary>
    private sealed class GapTally
    {
        private const int Owner = 0, Management = 1, Employees = 2;

        /// <summary>Per group, its sheets with a value on at least one shared factor.</summary>
        private readonly int[] _answering;

        /// <summary>Per group and shared factor, the values.</summary>
        private readonly StatisticsAccumulator[][] _means;

        public GapTally(int shared)
        {
            _answering = new int[3];
            _means = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, shared).Select(_ => new StatisticsAccumulator()).ToArray())];
        }

        private GapTally(int[] answering, StatisticsAccumulator[][] means)
        {
            _answering = answering;
            _means = means;
        }

        public GapTally Copy() => new([.. _answering], [.. _means.Select(g => g.Select(m => m.Copy()).ToArray())]);

        /// <summary>The sheet's group: management is its role group; every other survey sheet (none too) is an employee's.</summary>
        public static int? Side(ScoreSheet sheet) => sheet.Track switch
        {
            Track.Intake => Owner,
            Track.Survey => sheet.RoleGroup == RoleGroupKeys.Management ? Management : Employees,
            _ => null,
        };

        public void Add(int side, ScoreSheet sheet, ConditionLayout condition)
        {
            var answering = false;
            for (var f = 0; f < condition.Shared.Length; f++)
            {
                if (sheet.Factors.GetValueOrDefault(condition.Shared[f].Key) is { } value)
                {
                    _means[side][f].Add(value);
                    answering = true;
                }
            }

            if (answering)
                _answering[side]++;
        }

        public PerceptionGap ToGap(ConditionLayout condition, int threshold)
        {
            // The owner team is not anonymous: it has no threshold.
            bool[] present =
            [
                _answering[Owner] > 0,
                _answering[Management] > 0 && Reports.ReportRules.IsGroupShown(_answering[Management], threshold),
                _answering[Employees] > 0 && Reports.ReportRules.IsGroupShown(_answering[Employees], threshold),
            ];
            var compared = Enumerable.Range(0, condition.Shared.Length)
                .Where(f => Enumerable.Range(0, 3).Where(g => present[g]).All(g => _means[g][f].N > 0))
                .ToList();
            Rational? Figure(int group)
            {
                if (!present[group] || compared.Count == 0)
                    return null;
                Rational sum = 0, weights = 0;
                foreach (var f in compared)
                {
                    var factor = condition.Shared[f];
                    sum += factor.Weight * _means[group][f].Mean!.Value;
                    weights += factor.Weight;
                }

                return sum / weights;
            }

            return new PerceptionGap(condition.Key, Figure(Owner), Figure(Management), Figure(Employees), _answering[Owner], _answering[Management], _answering[Employees])
            {
                Factors = [.. compared.Select(f => condition.Shared[f].Key)],
            };
        }
    }
}
