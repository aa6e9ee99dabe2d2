using static Quickscan.Domain.Tests.TestQuestionnaire;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>Questionnaire v2 as shipped, scored by hand: a missing step of the chain counts in the score.</summary>
public class V2IntakeScoringTests
{
    private static readonly Questionnaire V2 = DefaultQuestionnaire.DefaultQuestionnaire.Load(2);

    [Fact]
    public void An_intake_without_goals_or_reports_is_asked_every_step_and_each_missing_step_counts()
    {
        Answer[] answers =
        [
            new ChoiceAnswer("purposefulness.goals.1", "none"), new ChoiceAnswer("purposefulness.goals.2", "no-goals"),
            new ChoiceAnswer("purposefulness.kpis.1", "no-goals"), new ChoiceAnswer("purposefulness.kpis.2", "no-kpis"),
            new ChoiceAnswer("purposefulness.reporting.1", "never"), new ChoiceAnswer("purposefulness.reporting.2", "none"),
            new ChoiceAnswer("purposefulness.steering.1", "no-reports"), new ChoiceAnswer("purposefulness.steering.2", "no"),
            .. Enumerable.Range(1, 5).Select(i => new ScaleAnswer($"purposefulness.perceived.{i}", 1)),
        ];

        var result = RespondentScoring.Score(V2, answers, RespondentProfile.Intake);
        var purposefulness = result.Condition(ConditionKeys.Purposefulness);

        // goals (5 + 0) / 2 = 2.5; kpis (0 + 20) / 2 = 10; reporting (20 + 20) / 2 = 20; steering (20 + 0) / 2 = 10;
        // perceived 0. All weights 1: (2.5 + 10 + 20 + 10 + 0) / 5 = 8.5, with all 13 questions shown and answered.
        Assert.Equal([2.5, 10, 20, 10, 0], purposefulness.Factors.Select(f => (double)f.Score!.Value));
        Exactly(8.5, purposefulness.Score);
        Assert.Equal(13, purposefulness.Scored);
        Exactly(1, purposefulness.Coverage);
        // No goals caps the level at 1 (goals.1 and kpis.1 both describe level 1).
        Assert.Equal(1, purposefulness.LadderCap);
        Assert.Equal(["purposefulness.goals.1", "purposefulness.kpis.1"], purposefulness.CappedBy);
        Assert.Equal(1, purposefulness.Level!.Number);
    }

    [Fact]
    public void Without_any_answer_yet_the_intake_shows_every_fact_question_so_no_factor_can_drop_out_by_routing()
    {
        var shown = V2.Shown(RespondentProfile.Intake, Array.Empty<Answer>()).Select(q => q.Key).ToHashSet();

        // Only the activity question waits for an answer (how often someone uses the platform).
        Assert.Equal(["usage.use.activity"], V2.AllQuestions.Select(q => q.Key).Where(k => !shown.Contains(k)));
    }

    [Theory]
    [InlineData("small", "none", 60)]
    [InlineData("medium", "none", 60)]
    [InlineData("large", "none", 0)]
    [InlineData("very-large", "none", 0)]
    [InlineData("small", "some", 80)]
    [InlineData("large", "some", 35)]
    [InlineData("medium", "most", 100)]
    [InlineData("large", "most", 70)]
    public void Coordinators_per_part_are_judged_against_the_size_of_the_organisation(string size, string option, double expected)
    {
        V2.TryGetQuestion("organisation.roles.3", out var question);

        Exactly(expected, RespondentScoring.Normalise(question, new ChoiceAnswer(question.Key, option), key => key == "context.size" ? size : null));
    }
}
