using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>
/// The perception gap compares the same factors on both sides (consultant review I10), computed by hand on the
/// v2 test questionnaire: purposefulness = p.f (w2, owner-only ladder) + p.e (w1, everyone); usage = u.a, u.c
/// (everyone) + u.m (management only).
/// </summary>
public class PerceptionGapTests
{
    private static readonly Questionnaire Questionnaire = TestQuestionnaireV2.Create();

    private static ScoreSheet Sheet(string? roleGroup, Track track, params (string Key, double Score)[] factors)
    {
        var byKey = factors.ToDictionary(f => f.Key, f => R(f.Score));
        Rational? Condition(string key)
        {
            var condition = Questionnaire.Condition(key);
            var scored = condition.Factors.Where(f => byKey.ContainsKey(f.Key)).ToList();
            if (scored.Count == 0)
                return null;
            return scored.Aggregate(Rational.Zero, (sum, f) => sum + f.Weight * byKey[f.Key]!.Value) / scored.Sum(f => f.Weight);
        }

        return new ScoreSheet(roleGroup, ConditionKeys.All.ToDictionary(k => k, Condition), byKey) { Track = track };
    }

    private static IEnumerable<ScoreSheet> Times(int count, ScoreSheet sheet) => Enumerable.Repeat(sheet, count);

    [Fact]
    public void The_owner_teams_facts_are_not_part_of_the_gap_only_the_factors_employees_are_asked_too()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, Track.Intake, ("p.f", 90), ("p.e", 75)),
            .. Times(5, Sheet(RoleGroupKeys.Employee, Track.Survey, ("p.e", 25))),
            .. Times(5, Sheet(RoleGroupKeys.Management, Track.Survey, ("p.e", 50))),
        ];

        var gap = ScanAggregation.Aggregate(Questionnaire, sheets).Gap(ConditionKeys.Purposefulness);

        // The intake's own purposefulness is (2·90 + 75) / 3 = 85; set beside the employees' 25 that would be a gap
        // of 60 that is mostly the owner facts. On the factor both tracks answer, p.e: 75 against 25, a gap of 50.
        Assert.Equal(["p.e"], gap.Factors);
        Exactly(75, gap.OwnerTeam);
        Exactly(25, gap.Employees);
        Exactly(50, gap.Management);
        Exactly(50, gap.OwnerVsEmployees);
        Exactly(25, gap.ManagementVsEmployees);
        Assert.Equal((1, 5, 5), (gap.OwnerTeamCount, gap.ManagementCount, gap.EmployeesCount));
    }

    [Fact]
    public void A_factor_only_some_groups_are_asked_is_left_out_for_all_of_them()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, Track.Intake, ("u.a", 100), ("u.c", 100), ("u.m", 100)),
            .. Times(5, Sheet(RoleGroupKeys.Employee, Track.Survey, ("u.a", 40), ("u.c", 60))),
            .. Times(4, Sheet(RoleGroupKeys.Management, Track.Survey, ("u.a", 60), ("u.c", 80), ("u.m", 100))),
            Sheet(RoleGroupKeys.Management, Track.Survey, ("u.a", 70), ("u.c", 90), ("u.m", 0)),
        ];

        var gap = ScanAggregation.Aggregate(Questionnaire, sheets).Gap(ConditionKeys.Usage);

        // Employees are never asked u.m, so every group is compared on u.a and u.c (weights 1):
        // owner (100 + 100) / 2 = 100; employees (40 + 60) / 2 = 50;
        // management u.a = (4·60 + 70) / 5 = 62, u.c = (4·80 + 90) / 5 = 82 → 72 (with u.m it would have been 67.2).
        Assert.Equal(["u.a", "u.c"], gap.Factors);
        Exactly(100, gap.OwnerTeam);
        Exactly(50, gap.Employees);
        Exactly(72, gap.Management);
        Exactly(22, gap.ManagementVsEmployees);
    }

    [Fact]
    public void Without_an_intake_or_below_the_anonymity_threshold_a_side_has_no_figure_and_the_others_keep_theirs()
    {
        ScoreSheet[] sheets =
        [
            .. Times(5, Sheet(RoleGroupKeys.Employee, Track.Survey, ("p.e", 25))),
            .. Times(4, Sheet(RoleGroupKeys.Management, Track.Survey, ("p.e", 100))),
        ];

        var gap = ScanAggregation.Aggregate(Questionnaire, sheets).Gap(ConditionKeys.Purposefulness);

        Assert.Null(gap.OwnerTeam);
        Assert.Null(gap.OwnerVsEmployees);
        // Four managers are under the threshold of 5: no mean, but counted.
        Assert.Null(gap.Management);
        Assert.Equal(4, gap.ManagementCount);
        Exactly(25, gap.Employees);
    }

    [Fact]
    public void An_intake_that_answered_only_the_facts_has_no_side_in_the_gap()
    {
        ScoreSheet[] sheets =
        [
            Sheet(null, Track.Intake, ("p.f", 90)),
            .. Times(5, Sheet(RoleGroupKeys.Employee, Track.Survey, ("p.e", 25))),
        ];

        var gap = ScanAggregation.Aggregate(Questionnaire, sheets).Gap(ConditionKeys.Purposefulness);

        Assert.Equal(0, gap.OwnerTeamCount);
        Assert.Null(gap.OwnerTeam);
        Exactly(25, gap.Employees);
    }
}
