using static Quickscan.Domain.Tests.TestQuestionnaire;
using static Quickscan.Domain.Tests.TestQuestionnaireV2;

namespace Quickscan.Domain.Tests.Scoring;

public class RoutingAndCapsTests
{
    private static readonly Questionnaire Questionnaire = TestQuestionnaireV2.Create();

    private static IReadOnlyList<string> ShownKeys(RespondentProfile profile, params Answer[] answers) =>
        [.. Questionnaire.Shown(profile, answers).Select(q => q.Key)];

    [Fact]
    public void An_employee_is_asked_what_employees_can_judge_and_nothing_of_other_role_groups()
    {
        Assert.Equal(
            ["u.a.1", "u.a.2", "u.c.1", "p.e.1", "p.e.2", "o.p.1", "o.p.2", "pi.a.1", "pi.a.2"],
            ShownKeys(Employee));
    }

    [Fact]
    public void A_manager_also_gets_the_management_questions_and_show_if_follows_the_answer()
    {
        var shown = ShownKeys(Manager, new ChoiceAnswer("u.c.1", "yes"));

        Assert.Contains("u.m.1", shown);
        Assert.Contains("u.c.2", shown);
        Assert.DoesNotContain("u.c.2", ShownKeys(Manager, new ChoiceAnswer("u.c.1", "no")));
        // A respondent without a role group is not asked questions meant for some role groups.
        Assert.DoesNotContain("u.m.1", ShownKeys(RespondentProfile.Survey));
    }

    [Fact]
    public void The_intake_asks_the_context_and_every_question_the_owner_only_ones_included()
    {
        var shown = ShownKeys(RespondentProfile.Intake, new ChoiceAnswer("u.c.1", "yes"));

        Assert.Equal("context.size", shown[0]);
        Assert.Contains("p.f.1", shown);
        Assert.Contains("o.m.1", shown);
        Assert.Contains("u.m.1", shown);
        Assert.Equal(Questionnaire.AllQuestions.Count, shown.Count);
    }

    [Fact]
    public void An_employee_who_answers_what_they_were_asked_gets_a_complete_result_for_it()
    {
        var result = RespondentScoring.Score(Questionnaire, EmployeeAnswers(4), Employee);

        Assert.Equal(ConditionKeys.All, result.Covered);
        Assert.Empty(result.NotAsked);
        // Purposefulness rests on p.e alone for an employee: 2 of 2 shown, both 75.
        var purposefulness = result.Condition(ConditionKeys.Purposefulness);
        Assert.Equal(2, purposefulness.Scored);
        Assert.Equal(Rational.One, purposefulness.Coverage);
        Exactly(75, purposefulness.Score);
        Assert.False(purposefulness.Factors[0].Asked);
        Assert.DoesNotContain("p.f", result.CoveredFactors);
        Assert.Equal(10, result.Shown);
        Assert.Equal(10, result.AnsweredQuestions);
        // usage = (u.a 75 + u.c (100 + 75) / 2) / 2 = 81.25; index = (81.25 + 75 + 75 + 2·75) / 5 = 76.25.
        Exactly(76.25, result.Index);
        // The stored sheet leaves out what was not asked.
        var sheet = result.ToSheet(RoleGroupKeys.Employee);
        Assert.False(sheet.Factors.ContainsKey("p.f"));
        Assert.False(sheet.Factors.ContainsKey("u.m"));
        Assert.Equal(Track.Survey, sheet.Track);
    }

    [Fact]
    public void Coverage_counts_only_the_questions_shown()
    {
        Answer[] answers = [new ScaleAnswer("u.a.1", 5), new ScaleAnswer("u.a.2", 5), new ChoiceAnswer("u.c.1", "no"), new ScaleAnswer("u.c.2", 1)];

        var usage = RespondentScoring.Score(Questionnaire, answers, Employee).Condition(ConditionKeys.Usage);

        // u.c.2 was not shown (u.c.1 = no), so its stray answer is ignored: 3 of 3 shown answered.
        Assert.Equal(3, usage.Scored);
        Assert.Equal(Rational.One, usage.Coverage);
        // u.a = 100, u.c = 0 (u.c.1 no); usage = (100 + 0) / 2 = 50.
        Exactly(50, usage.Score);
    }

    [Fact]
    public void Dont_know_and_not_applicable_are_left_out_and_counted_apart()
    {
        Answer[] answers = [.. EmployeeAnswers(4).Where(a => a.QuestionKey is not ("pi.a.2" or "o.p.2")), new NotApplicableAnswer("pi.a.2"), new DontKnowAnswer("o.p.2")];

        var result = RespondentScoring.Score(Questionnaire, answers, Employee);

        var processIntegration = result.Condition(ConditionKeys.ProcessIntegration);
        Assert.Equal(1, processIntegration.NotApplicable);
        Assert.Equal(0, processIntegration.DontKnow);
        Assert.Equal(Rational.Of(1, 2), processIntegration.Coverage);
        Assert.Null(processIntegration.Score);
        var organisation = result.Condition(ConditionKeys.Organisation);
        Assert.Equal(1, organisation.DontKnow);
        Assert.Equal(0, organisation.NotApplicable);
        Assert.Equal(8, result.AnsweredQuestions);
        Assert.Equal([ConditionKeys.Organisation, ConditionKeys.ProcessIntegration], result.Insufficient);
    }

    [Fact]
    public void Not_applicable_is_refused_where_the_question_does_not_offer_it()
    {
        var problem = Assert.Single(AnswerCheck.Validate(Questionnaire, [new NotApplicableAnswer("pi.a.1")]));

        Assert.Equal(AnswerProblemKind.NotOffered, problem.Kind);
        Assert.Null(AnswerCheck.Check(Questionnaire, new NotApplicableAnswer("pi.a.2")));
        Assert.Null(AnswerCheck.Check(Questionnaire, new DontKnowAnswer("pi.a.1")));
    }

    [Fact]
    public void A_ladder_answer_caps_the_conditions_level()
    {
        Answer[] answers = [new ChoiceAnswer("p.f.1", "some"), new ScaleAnswer("p.e.1", 5), new ScaleAnswer("p.e.2", 5)];

        var purposefulness = RespondentScoring.Score(Questionnaire, answers, RespondentProfile.Intake).Condition(ConditionKeys.Purposefulness);

        // (2·50 + 1·100) / 3 = 200/3 ≈ 66.7 → level 4 by score, but "some" describes level 3.
        Assert.Equal(Rational.Of(200, 3), purposefulness.Score);
        Assert.Equal(4, purposefulness.ScoreLevel!.Number);
        Assert.Equal(3, purposefulness.LadderCap);
        Assert.Equal(3, purposefulness.Level!.Number);
        Assert.True(purposefulness.IsCapped);
        Assert.Equal(["p.f.1"], purposefulness.CappedBy);
    }

    [Fact]
    public void A_cap_above_the_score_changes_nothing()
    {
        Answer[] answers = [new ChoiceAnswer("p.f.1", "all"), new ScaleAnswer("p.e.1", 1), new ScaleAnswer("p.e.2", 1)];

        var purposefulness = RespondentScoring.Score(Questionnaire, answers, RespondentProfile.Intake).Condition(ConditionKeys.Purposefulness);

        // (2·90 + 0) / 3 = 60 exactly → level 4 (from inclusive); the ladder allows 5.
        Exactly(60, purposefulness.Score);
        Assert.Equal(4, purposefulness.Level!.Number);
        Assert.False(purposefulness.IsCapped);
    }

    [Fact]
    public void A_variant_judges_an_organising_model_against_the_organisations_size()
    {
        Answer[] large = [new ChoiceAnswer("context.size", "large"), new ChoiceAnswer("o.m.1", "central"), new ScaleAnswer("o.p.1", 5), new ScaleAnswer("o.p.2", 5)];
        Answer[] small = [new ChoiceAnswer("context.size", "small"), .. large.Skip(1)];

        var inLarge = RespondentScoring.Score(Questionnaire, large, RespondentProfile.Intake).Condition(ConditionKeys.Organisation);
        var inSmall = RespondentScoring.Score(Questionnaire, small, RespondentProfile.Intake).Condition(ConditionKeys.Organisation);

        // Large: central = 30 (level 2): (30 + 100) / 2 = 65 → level 4, capped at 2. Small: central = 90 (level 5): 95.
        Exactly(65, inLarge.Score);
        Assert.Equal(2, inLarge.Level!.Number);
        Exactly(95, inSmall.Score);
        Assert.Equal(5, inSmall.Level!.Number);
    }

    [Fact]
    public void The_intakes_facts_choose_the_variant_when_the_respondent_did_not_answer_the_question()
    {
        var question = Questionnaire.Questions.Single(q => q.Key == "o.m.1");

        Exactly(30, RespondentScoring.Normalise(question, new ChoiceAnswer("o.m.1", "central")));
        Exactly(90, RespondentScoring.Normalise(question, new ChoiceAnswer("o.m.1", "central"), key => key == "context.size" ? "small" : null));
    }

    [Fact]
    public void The_answered_share_counts_answers_of_substance_over_the_questions_shown()
    {
        Answer[] answers = [new ScaleAnswer("u.a.1", 3), new ScaleAnswer("u.a.2", 3), new DontKnowAnswer("p.e.1")];

        var result = RespondentScoring.Score(Questionnaire, answers, Employee);

        // 9 shown (u.c.2 not: no answer to u.c.1), 2 answered: 2/9 is below the quarter.
        Assert.Equal(Rational.Of(2, 9), result.AnsweredShare);
        Assert.False(ResponseQuality.IsCounted(Questionnaire, result));
        Assert.True(ResponseQuality.IsCounted(Questionnaire, RespondentScoring.Score(Questionnaire, [.. answers, new ScaleAnswer("o.p.1", 3)], Employee)));
    }
}
