using System.Text.Json;
using CsCheck;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>
/// A <see cref="ScanTally"/> gives the figures of aggregating every sheet at once (<see cref="ReferenceAggregation"/>,
/// the aggregation as it was), however the sheets are split into chunks, in whatever order, and added to copies;
/// a copy never changes the tally it was made from.
/// </summary>
public class ScanTallyTests
{
    private static readonly Questionnaire Small = TestQuestionnaire.Create();
    private static readonly Questionnaire SmallV2 = TestQuestionnaireV2.Create();
    private static readonly Questionnaire V2 = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);

    public static TheoryData<string> Questionnaires => ["small", "small-v2", "v2"];

    private static Questionnaire Pick(string name) => name switch
    {
        "small" => Small,
        "small-v2" => SmallV2,
        _ => V2,
    };

    /// <summary>Blank ones too: they are in no role group, and count as employees in the perception gap.</summary>
    private static readonly string?[] RoleGroups = [null, "", " ", .. RoleGroupKeys.All];

    /// <summary>Every figure, serialised the same way on both sides (the exact fractions as they are).</summary>
    private static string Figures(ScanResult result) => JsonSerializer.Serialize(result);

    /// <summary>
    /// Any stored sheet, also ones scoring would not make (owner-only factors on a survey sheet, an intake sheet with
    /// a role group): each condition and factor absent (not asked), asked without a score, or a score in quarter
    /// points; ladder caps at any level or none; either track, any role group.
    /// </summary>
    private static Gen<ScoreSheet> AnySheet(Questionnaire questionnaire)
    {
        var conditions = questionnaire.Conditions.Select(c => c.Key).ToArray();
        var factors = questionnaire.Conditions.SelectMany(c => c.Factors).Select(f => f.Key).ToArray();
        var score = from kind in Gen.Int[0, 9] from quarters in Gen.Int[0, 400] select (Asked: kind > 1, Score: kind > 2 ? Rational.Of(quarters, 4) : (Rational?)null);
        return
            from conditionScores in score.Array[conditions.Length]
            from factorScores in score.Array[factors.Length]
            from caps in Gen.Int[0, questionnaire.Levels.Count].Array[conditions.Length]
            from intake in Gen.Int[0, 3]
            from roleGroup in Gen.Int[0, RoleGroups.Length - 1]
            select new ScoreSheet(RoleGroups[roleGroup], Scores(conditions, conditionScores), Scores(factors, factorScores))
            {
                Track = intake == 0 ? Track.Intake : Track.Survey,
                LadderCaps = conditions.Zip(caps).Where(c => c.Second > 0).ToDictionary(c => c.First, c => c.Second),
            };
    }

    private static Dictionary<string, Rational?> Scores(string[] keys, (bool Asked, Rational? Score)[] draws) =>
        keys.Zip(draws).Where(k => k.Second.Asked).ToDictionary(k => k.First, k => k.Second.Score);

    /// <summary>A respondent's sheet as scoring makes it, from any answers, on either track with any role group.</summary>
    private static Gen<ScoreSheet> ScoredSheet(Questionnaire questionnaire) =>
        from answers in ScoringProperties.AnswersFor(questionnaire)
        from intake in Gen.Int[0, 3]
        from roleGroup in Gen.Int[0, RoleGroups.Length - 1]
        let profile = new RespondentProfile(intake == 0 ? Track.Intake : Track.Survey, RoleGroups[roleGroup])
        select RespondentScoring.Score(questionnaire, answers, profile).ToSheet(profile.RoleGroup);

    /// <summary>
    /// Sheets shuffled, cut into chunks and added chunk by chunk, each to a copy of the tally before it (by
    /// <see cref="ScanTally.With"/> or by <see cref="ScanTally.Clone"/> and <see cref="ScanTally.Add"/>), give the
    /// reference figures of all sheets at once, at any anonymity threshold; and every tally on the way still gives
    /// its own figures afterwards.
    /// </summary>
    private static void Check(Questionnaire questionnaire, Gen<ScoreSheet> sheet)
    {
        var generator =
            from sheets in sheet.Array[0, 40]
            from cuts in Gen.Int[0, 40].Array[0, 6]
            from seed in Gen.Int
            from threshold in Gen.Int[0, 5]
            from withOrClone in Gen.Bool
            select (sheets, cuts, seed, threshold, withOrClone);

        generator.Sample(sample =>
        {
            var expected = Figures(ReferenceAggregation.Aggregate(questionnaire, sample.sheets, sample.threshold));
            var random = new Random(sample.seed);
            var shuffled = sample.sheets.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Figures(ScanAggregation.Aggregate(questionnaire, shuffled, sample.threshold)));

            var bounds = sample.cuts.Select(c => Math.Min(c, shuffled.Count)).Append(0).Append(shuffled.Count).Distinct().Order().ToList();
            var tally = new ScanTally(questionnaire);
            var earlier = new List<(ScanTally Tally, string Figures)>();
            foreach (var (from, to) in bounds.Zip(bounds.Skip(1)))
            {
                earlier.Add((tally, Figures(tally.ToResult(sample.threshold))));
                var chunk = shuffled.GetRange(from, to - from);
                if (sample.withOrClone)
                {
                    tally = tally.With(chunk);
                }
                else
                {
                    tally = tally.Clone();
                    chunk.ForEach(tally.Add);
                }
            }

            Assert.Equal(sample.sheets.Length, tally.Respondents);
            Assert.Equal(expected, Figures(tally.ToResult(sample.threshold)));
            Assert.All(earlier, e => Assert.Equal(e.Figures, Figures(e.Tally.ToResult(sample.threshold))));
        });
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Any_sheets_in_any_chunks_and_order_give_the_figures_of_all_at_once(string name) =>
        Check(Pick(name), AnySheet(Pick(name)));

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Scored_respondents_in_any_chunks_and_order_give_the_figures_of_all_at_once(string name) =>
        Check(Pick(name), ScoredSheet(Pick(name)));

    [Fact]
    public void A_copy_added_to_leaves_the_tally_it_was_made_from_as_it_was()
    {
        var generator = from before in AnySheet(SmallV2).Array[1, 20] from added in AnySheet(SmallV2).Array[1, 20] select (before, added);

        generator.Sample(sample =>
        {
            var tally = ScanTally.Of(SmallV2, sample.before);
            var figures = Figures(tally.ToResult(2));

            var with = tally.With(sample.added);
            var clone = tally.Clone();
            foreach (var sheet in sample.added)
                clone.Add(sheet);

            Assert.Equal(figures, Figures(tally.ToResult(2)));
            Assert.Equal(sample.before.Length, tally.Respondents);
            var all = Figures(ReferenceAggregation.Aggregate(SmallV2, [.. sample.before, .. sample.added], 2));
            Assert.Equal(all, Figures(with.ToResult(2)));
            Assert.Equal(all, Figures(clone.ToResult(2)));
        });
    }

    [Fact]
    public void Three_respondents_in_two_role_groups_at_threshold_2_as_by_hand_and_a_fourth_shows_management()
    {
        var tally = new ScanTally(Small);
        tally.Add(Sheet(RoleGroupKeys.Employee, 20, 50, 50, 50, ("u.a", 20), ("u.b", 20)));
        tally = tally.With([Sheet(RoleGroupKeys.Employee, 40, 50, 50, 50, ("u.a", 40), ("u.b", 40))]);
        tally = tally.With([Sheet(RoleGroupKeys.Management, 90, 50, 50, 50, ("u.a", 90), ("u.b", 90))]);

        var result = tally.ToResult(2);

        // Usage, own scores 20, 40, 90: mean 50; sample variance (30² + 10² + 40²) / 2 = 1300;
        // levels 2 (20 is level 2's lower bound), 3 and 5.
        var usage = result.Condition(ConditionKeys.Usage);
        Exactly(50, usage.Statistics!.Mean);
        Exactly(1300, usage.Statistics.Variance);
        Assert.Equal([0, 1, 1, 0, 1], usage.LevelDistribution);
        // Employees (2) are shown, management (1) is under the threshold: counted, not shown.
        var employees = Assert.Single(result.RoleGroups);
        Assert.Equal((RoleGroupKeys.Employee, 2), (employees.RoleGroup, employees.Respondents));
        Exactly(30, employees.Conditions[0].Statistics!.Mean);
        Exactly(200, employees.Conditions[0].Statistics!.Variance);
        Assert.Equal(1, result.HiddenRoleGroups);
        // The gap on u.a and u.b (weights 1 and 3): employees (30 + 3·30) / 4 = 30; management has no figure yet.
        var gap = result.Gap(ConditionKeys.Usage);
        Exactly(30, gap.Employees);
        Assert.Null(gap.Management);
        Assert.Equal((0, 1, 2), (gap.OwnerTeamCount, gap.ManagementCount, gap.EmployeesCount));

        var four = tally.With([Sheet(RoleGroupKeys.Management, 60, 50, 50, 50, ("u.a", 60), ("u.b", 60))]).ToResult(2);

        Assert.Equal([RoleGroupKeys.Employee, RoleGroupKeys.Management], four.RoleGroups.Select(g => g.RoleGroup));
        Assert.Equal(0, four.HiddenRoleGroups);
        Exactly(75, four.Gap(ConditionKeys.Usage).Management);
        Exactly(45, four.Gap(ConditionKeys.Usage).ManagementVsEmployees);
        // The tally the fourth was added to still has three.
        Assert.Equal(1, tally.ToResult(2).HiddenRoleGroups);
        Assert.Equal(3, tally.Respondents);
    }
}
