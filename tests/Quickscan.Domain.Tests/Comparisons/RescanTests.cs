using Quickscan.Domain.Comparisons;
using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Comparisons;

public class RescanTests
{
    private static readonly Questionnaire Questionnaire = Create();

    [Fact]
    public void Each_condition_shows_its_change_in_score_and_level()
    {
        var comparison = Rescan.Compare(Questionnaire, Profile(35, 50, 70, 10), Profile(45, 50, 55, null));

        var usage = comparison.Condition(ConditionKeys.Usage);
        Assert.Equal(10, usage.ScoreChange);
        Assert.Equal((2, 3), (usage.PreviousLevel, usage.CurrentLevel));
        Assert.Equal(1, usage.LevelChange);
        Assert.Equal(0, comparison.Condition(ConditionKeys.Purposefulness).ScoreChange);
        Assert.Equal(-15, comparison.Condition(ConditionKeys.Organisation).ScoreChange);
        Assert.Equal(-1, comparison.Condition(ConditionKeys.Organisation).LevelChange);
        Assert.Null(comparison.Condition(ConditionKeys.ProcessIntegration).ScoreChange);
        Assert.Null(comparison.Condition(ConditionKeys.ProcessIntegration).LevelChange);
    }

    [Fact]
    public void The_overall_index_change_is_given_when_both_have_one()
    {
        // previous (20 + 40 + 60 + 2·30) / 5 = 36; current (30 + 40 + 60 + 2·50) / 5 = 46
        var comparison = Rescan.Compare(Questionnaire, Profile(20, 40, 60, 30), Profile(30, 40, 60, 50));

        Assert.Equal(10, comparison.IndexChange!.Value, 10);
    }
}
