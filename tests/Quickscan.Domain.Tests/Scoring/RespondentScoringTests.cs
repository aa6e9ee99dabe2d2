namespace Quickscan.Domain.Tests.Scoring;

public class RespondentScoringTests
{
    private static readonly Questionnaire Questionnaire = TestQuestionnaire.Create();

    private static RespondentResult Score(params Answer[] answers) => RespondentScoring.Score(Questionnaire, answers);

    private static Answer[] Replace(Answer[] answers, Answer replacement) =>
        [.. answers.Where(a => a.QuestionKey != replacement.QuestionKey), replacement];

    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(2, false, 25)]
    [InlineData(3, false, 50)]
    [InlineData(4, false, 75)]
    [InlineData(5, false, 100)]
    [InlineData(1, true, 100)]
    [InlineData(4, true, 25)]
    [InlineData(5, true, 0)]
    public void Agreement_is_normalised_to_0_100_and_reversed_items_count_the_other_way(int value, bool reversed, double expected)
    {
        var question = TestQuestionnaire.Agreement("q", reversed: reversed);

        TestQuestionnaire.Exactly(expected, RespondentScoring.Normalise(question, new ScaleAnswer("q", value)));
    }

    [Fact]
    public void Dont_know_and_open_text_are_not_scored()
    {
        Assert.Null(RespondentScoring.Normalise(TestQuestionnaire.Agreement("q"), new DontKnowAnswer("q")));
        Assert.Null(RespondentScoring.Normalise(TestQuestionnaire.Agreement("q"), new TextAnswer("q", "x")));
    }

    [Fact]
    public void The_worked_example_scores_as_computed_by_hand()
    {
        var result = Score(TestQuestionnaire.WorkedExample());

        // u.a = (1·75 + 3·25) / 4 = 37.5 (u.a.2 is reversed: 4 → 25); u.b = 40 ("some").
        var usage = result.Condition(ConditionKeys.Usage);
        TestQuestionnaire.Exactly(37.5, usage.Factors[0].Score);
        Assert.Equal(40, usage.Factors[1].Score);
        // usage = (1·37.5 + 3·40) / 4 = 39.375, level 2; the open question is not part of coverage.
        TestQuestionnaire.Exactly(39.375, usage.Score);
        Assert.Equal(2, usage.Level!.Number);
        Assert.Equal(Rational.One, usage.Coverage);
        Assert.Equal(3, usage.Scored);

        Assert.Equal(75, result.Condition(ConditionKeys.Purposefulness).Score);
        TestQuestionnaire.Exactly(12.5, result.Condition(ConditionKeys.Organisation).Score);
        Assert.Equal(1, result.Condition(ConditionKeys.Organisation).Level!.Number);
        TestQuestionnaire.Exactly(87.5, result.Condition(ConditionKeys.ProcessIntegration).Score);
        Assert.Equal(5, result.Condition(ConditionKeys.ProcessIntegration).Level!.Number);

        // index = (39.375 + 75 + 12.5 + 2·87.5) / 5 = 60.375, level 4.
        TestQuestionnaire.Exactly(60.375, result.Index);
        Assert.Equal(4, result.Level!.Number);
        Assert.Equal(ConditionKeys.Organisation, result.Bottleneck);
    }

    [Fact]
    public void Dont_know_is_left_out_of_the_mean_and_lowers_coverage()
    {
        var answers = Replace(TestQuestionnaire.WorkedExample(), new DontKnowAnswer("u.a.2"));

        var usage = Score(answers).Condition(ConditionKeys.Usage);

        // u.a = 75 from u.a.1 alone; usage = (75 + 3·40) / 4 = 48.75; 2 of 3 answered.
        Assert.Equal(75, usage.Factors[0].Score);
        TestQuestionnaire.Exactly(48.75, usage.Score);
        Assert.Equal(Rational.Of(2, 3), usage.Coverage);
    }

    [Fact]
    public void Below_the_coverage_threshold_a_condition_has_insufficient_answers_and_there_is_no_index()
    {
        var answers = Replace(TestQuestionnaire.WorkedExample(), new DontKnowAnswer("pi.a.2"));

        var result = Score(answers);
        var processIntegration = result.Condition(ConditionKeys.ProcessIntegration);

        Assert.Equal(Rational.Of(1, 2), processIntegration.Coverage);
        Assert.False(processIntegration.IsSufficient);
        Assert.Null(processIntegration.Score);
        Assert.Null(processIntegration.Level);
        Assert.Equal(75, processIntegration.Factors[0].Score);
        Assert.Null(result.Index);
        Assert.Null(result.Level);
        Assert.Equal(ConditionKeys.Organisation, result.Bottleneck);
    }

    [Fact]
    public void Exactly_at_the_coverage_threshold_a_condition_is_scored()
    {
        var definition = TestQuestionnaire.Definition() with { Settings = new ScoringSettings { CoverageThreshold = 0.5m } };
        var answers = Replace(TestQuestionnaire.WorkedExample(), new DontKnowAnswer("pi.a.2"));

        var result = RespondentScoring.Score(Questionnaire.Create(definition), answers);

        Assert.Equal(75, result.Condition(ConditionKeys.ProcessIntegration).Score);
    }

    [Fact]
    public void No_answers_at_all_gives_insufficient_everywhere_and_no_bottleneck()
    {
        var result = Score();

        Assert.All(result.Conditions, c => Assert.Null(c.Score));
        Assert.Null(result.Bottleneck);
        Assert.Null(result.Index);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(19.999, 1)]
    [InlineData(20, 2)]
    [InlineData(59.9, 3)]
    [InlineData(60, 4)]
    [InlineData(80, 5)]
    [InlineData(100, 5)]
    public void Levels_include_their_lower_threshold_and_the_top_includes_100(double score, int level) =>
        Assert.Equal(level, Questionnaire.LevelOf(Rational.FromDouble(score)).Number);

    [Fact]
    public void The_bottleneck_is_named_only_at_least_the_margin_below_the_next_otherwise_the_jointly_weakest()
    {
        var scores = new Dictionary<string, Rational?>
        {
            [ConditionKeys.Usage] = 30,
            [ConditionKeys.Purposefulness] = 30,
            [ConditionKeys.Organisation] = 50,
            [ConditionKeys.ProcessIntegration] = 30,
        };

        // An exact three-way tie: no bottleneck, three jointly weakest, in the questionnaire's order.
        var tie = Questionnaire.Weakest(scores);
        Assert.Null(tie.Bottleneck);
        Assert.Equal([ConditionKeys.Usage, ConditionKeys.Purposefulness, ConditionKeys.ProcessIntegration], tie.JointlyWeakest);

        // 4.999 below the next is not enough for the respondent margin of 5; exactly 5 is.
        scores[ConditionKeys.Usage] = Rational.Of(30001, 1000);
        scores[ConditionKeys.Purposefulness] = 35;
        scores[ConditionKeys.ProcessIntegration] = 40;
        Assert.Null(Questionnaire.Weakest(scores).Bottleneck);
        Assert.Equal([ConditionKeys.Usage, ConditionKeys.Purposefulness], Questionnaire.Weakest(scores).JointlyWeakest);
        scores[ConditionKeys.Usage] = 30;
        Assert.Equal(ConditionKeys.Usage, Questionnaire.Weakest(scores).Bottleneck);
        Assert.Equal([ConditionKeys.Usage], Questionnaire.Weakest(scores).JointlyWeakest);
    }

    [Fact]
    public void A_condition_without_a_score_is_never_passed_over()
    {
        var scores = new Dictionary<string, Rational?>
        {
            [ConditionKeys.Usage] = 10,
            [ConditionKeys.Purposefulness] = null,
            [ConditionKeys.Organisation] = 50,
            [ConditionKeys.ProcessIntegration] = 60,
        };

        var weakest = Questionnaire.Weakest(scores);

        Assert.Equal(ConditionKeys.Usage, weakest.Bottleneck);
        Assert.Equal([ConditionKeys.Purposefulness], weakest.Unscored);
        Assert.True(weakest.MayLieElsewhere);
    }

    public static TheoryData<Answer, AnswerProblemKind> BadAnswers => new()
    {
        { new ScaleAnswer("nope", 3), AnswerProblemKind.UnknownQuestion },
        { new ScaleAnswer("u.a.1", 0), AnswerProblemKind.OutOfRange },
        { new ScaleAnswer("u.a.1", 6), AnswerProblemKind.OutOfRange },
        { new ChoiceAnswer("u.b.1", "most"), AnswerProblemKind.UnknownOption },
        { new ChoiceAnswer("u.a.1", "some"), AnswerProblemKind.WrongKind },
        { new ScaleAnswer("u.b.1", 3), AnswerProblemKind.WrongKind },
        { new TextAnswer("u.a.1", "yes"), AnswerProblemKind.WrongKind },
        { new DontKnowAnswer("u.b.2"), AnswerProblemKind.WrongKind },
        { new TextAnswer("u.b.2", new string('x', TextAnswer.MaxLength + 1)), AnswerProblemKind.TooLong },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void A_bad_answer_is_rejected_with_a_precise_error(Answer bad, AnswerProblemKind kind)
    {
        var answers = Replace(TestQuestionnaire.WorkedExample(), bad);

        var error = Assert.Throws<InvalidAnswersException>(() => Score(answers));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(bad.QuestionKey, problem.QuestionKey);
        Assert.Equal(kind, problem.Kind);
    }

    [Fact]
    public void Answering_a_question_twice_is_rejected()
    {
        Answer[] answers = [.. TestQuestionnaire.WorkedExample(), new ScaleAnswer("p.a.1", 2)];

        var problem = Assert.Single(AnswerCheck.Validate(Questionnaire, answers));

        Assert.Equal(AnswerProblemKind.Duplicate, problem.Kind);
    }

    [Fact]
    public void Every_bad_answer_is_listed()
    {
        Answer[] answers = [new ScaleAnswer("u.a.1", 9), new ScaleAnswer("x", 1), new ChoiceAnswer("u.b.1", "?")];

        Assert.Equal(3, AnswerCheck.Validate(Questionnaire, answers).Count);
    }

    [Fact]
    public void The_score_sheet_keeps_the_role_group_and_every_score()
    {
        var sheet = Score(TestQuestionnaire.WorkedExample()).ToSheet("management");

        Assert.Equal("management", sheet.RoleGroup);
        TestQuestionnaire.Exactly(39.375, sheet.Conditions[ConditionKeys.Usage]);
        TestQuestionnaire.Exactly(37.5, sheet.Factors["u.a"]);
        Assert.Equal(5, sheet.Factors.Count);
    }
}
