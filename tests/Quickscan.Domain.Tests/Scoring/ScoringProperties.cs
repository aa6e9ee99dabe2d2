using System.Text.Json;
using CsCheck;
using Quickscan.Domain.Advice;

namespace Quickscan.Domain.Tests.Scoring;

/// <summary>Properties that must hold for any respondent, on the test questionnaire and on the default one.</summary>
public class ScoringProperties
{
    private static readonly Questionnaire Small = TestQuestionnaire.Create();
    private static readonly Questionnaire Default = DefaultQuestionnaire.DefaultQuestionnaire.Load();

    public static TheoryData<string> Questionnaires => ["small", "default"];

    private static Questionnaire Pick(string name) => name == "small" ? Small : Default;

    /// <summary>Any valid set of answers: each question skipped, "don't know", or answered with any allowed value.</summary>
    private static Gen<Answer[]> AnswersFor(Questionnaire questionnaire)
    {
        var questions = questionnaire.Questions.ToArray();
        return Gen.Int[0, 1_000].Array[questions.Length].Select(draws =>
            questions.Zip(draws, ToAnswer).OfType<Answer>().ToArray());
    }

    private static Answer? ToAnswer(QuestionDefinition question, int draw) => question.Kind switch
    {
        QuestionKind.Agreement => (draw % 7) switch
        {
            0 => null,
            1 => new DontKnowAnswer(question.Key),
            var value => new ScaleAnswer(question.Key, value - 1),
        },
        QuestionKind.SingleChoice => (draw % (question.Options!.Count + 2)) switch
        {
            0 => null,
            1 => new DontKnowAnswer(question.Key),
            var option => new ChoiceAnswer(question.Key, question.Options[option - 2].Key),
        },
        _ => draw % 2 == 0 ? null : new TextAnswer(question.Key, new string('x', draw % 50)),
    };

    private static IEnumerable<Rational> AllScores(RespondentResult result) =>
        result.Conditions.Select(c => c.Score)
            .Concat(result.Conditions.SelectMany(c => c.Factors).Select(f => f.Score))
            .Append(result.Index)
            .OfType<Rational>();

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Scores_stay_within_0_and_100(string name)
    {
        var questionnaire = Pick(name);
        AnswersFor(questionnaire).Sample(answers =>
            Assert.All(AllScores(RespondentScoring.Score(questionnaire, answers)), s => Assert.InRange(s, 0, 100)));
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Raising_an_answer_moves_every_score_the_way_the_item_points(string name)
    {
        var questionnaire = Pick(name);
        var generator =
            from answers in AnswersFor(questionnaire)
            from pick in Gen.Int[0, 10_000]
            from raise in Gen.Int[1, 4]
            select (answers, pick, raise);

        generator.Sample(sample =>
        {
            var scaled = sample.answers.OfType<ScaleAnswer>().Where(a => a.Value < ScaleAnswer.Max).ToList();
            if (scaled.Count == 0)
                return;
            var original = scaled[sample.pick % scaled.Count];
            var raised = original with { Value = Math.Min(ScaleAnswer.Max, original.Value + sample.raise) };
            questionnaire.TryGetQuestion(original.QuestionKey, out var question);

            var before = RespondentScoring.Score(questionnaire, sample.answers);
            var after = RespondentScoring.Score(questionnaire, sample.answers.Select(a => a == original ? raised : a).ToArray());

            var pairs = before.Conditions.Zip(after.Conditions, (b, a) => (b.Score, a.Score))
                .Concat(before.Conditions.SelectMany(c => c.Factors).Zip(after.Conditions.SelectMany(c => c.Factors), (b, a) => (b.Score, a.Score)))
                .Append((before.Index, after.Index));
            foreach (var (b, a) in pairs)
            {
                Assert.Equal(b is null, a is null);
                if (b is null)
                    continue;
                if (question.Reversed)
                    Assert.True(a <= b, $"{original.QuestionKey} {original.Value}→{raised.Value} raised a score {b}→{a}");
                else
                    Assert.True(a >= b, $"{original.QuestionKey} {original.Value}→{raised.Value} lowered a score {b}→{a}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void Scoring_is_deterministic(string name)
    {
        var questionnaire = Pick(name);
        AnswersFor(questionnaire).Sample(answers =>
        {
            var first = JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, answers));
            var reordered = JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, answers.Reverse().ToArray()));
            Assert.Equal(first, JsonSerializer.Serialize(RespondentScoring.Score(questionnaire, answers)));
            Assert.Equal(first, reordered);
        });
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void The_order_of_respondents_does_not_change_an_aggregate(string name)
    {
        var questionnaire = Pick(name);
        var generator =
            from respondents in AnswersFor(questionnaire).Array[1, 30]
            from roles in Gen.Int[0, 2].Array[respondents.Length]
            from seed in Gen.Int
            select (respondents, roles, seed);

        generator.Sample(sample =>
        {
            string[] groups = ["employee", "management", "support"];
            var sheets = sample.respondents
                .Select((answers, i) => RespondentScoring.Score(questionnaire, answers).ToSheet(groups[sample.roles[i]]))
                .ToList();
            var shuffled = sheets.OrderBy(_ => Random.Shared.Next()).ToList();
            shuffled.Reverse();

            var inOrder = JsonSerializer.Serialize(ScanAggregation.Aggregate(questionnaire, sheets));
            var outOfOrder = JsonSerializer.Serialize(ScanAggregation.Aggregate(questionnaire, shuffled));

            Assert.Equal(inOrder, outOfOrder);
        });
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Every_respondent_of_the_default_questionnaire_gets_advice_with_reasons(Language language)
    {
        AnswersFor(Default).Sample(answers =>
        {
            var result = RespondentScoring.Score(Default, answers);
            var steps = AdvicePlanner.Plan(Default, result.Profile);

            Assert.Equal(result.Conditions.Count(c => c.IsSufficient) > 0, steps.Count > 0);
            Assert.All(steps, s =>
            {
                Assert.False(string.IsNullOrWhiteSpace(s.Advice[language]));
                Assert.False(string.IsNullOrWhiteSpace(s.Why.Describe(Default, language)));
            });
            if (result.Bottleneck is not null)
                Assert.Equal(result.Bottleneck, steps[0].ConditionKey);
        });
    }
}
