using Quickscan.Domain.DefaultQuestionnaire;
using Quickscan.Domain.Scoring;

namespace Quickscan.Domain.Tests.Questionnaires;

/// <summary>The shipped self-scan: short, every condition covered, the same levels and weights as the quickscan.</summary>
public class SelfScanQuestionnaireTests
{
    private static readonly Questionnaire SelfScan = SelfScanQuestionnaire.Load();

    private static readonly Questionnaire Quickscan = DefaultQuestionnaire.DefaultQuestionnaire.Load();

    [Fact]
    public void Version_1_validates_and_is_a_self_scan()
    {
        QuestionnaireJson.Parse(SelfScanQuestionnaire.Json(), out var problems);

        Assert.Empty(problems);
        Assert.Equal(QuestionnaireKind.SelfScan, SelfScan.Definition.Kind);
        Assert.NotEqual(Quickscan.Key, SelfScan.Key);
        Assert.Equal(QuestionnaireKind.Quickscan, Quickscan.Definition.Kind);
    }

    [Fact]
    public void It_has_at_most_15_scored_questions_and_covers_every_condition_with_at_least_three()
    {
        Assert.InRange(SelfScan.ScoredQuestionCount, 12, 15);
        Assert.Equal(ConditionKeys.All, SelfScan.Conditions.Select(c => c.Key));
        Assert.All(SelfScan.Conditions, c => Assert.True(c.Factors.SelectMany(f => f.Questions).Count(q => q.IsScored()) >= 3, c.Key));
        Assert.DoesNotContain(SelfScan.Questions, q => q.Kind == QuestionKind.OpenText);
    }

    [Fact]
    public void Its_levels_and_condition_weights_are_the_quickscans_so_results_compare()
    {
        Assert.Equal(Quickscan.Levels.Select(l => (l.Number, l.From, l.To, l.Name)), SelfScan.Levels.Select(l => (l.Number, l.From, l.To, l.Name)));
        Assert.Equal(Quickscan.Conditions.Select(c => (c.Key, c.Weight)), SelfScan.Conditions.Select(c => (c.Key, c.Weight)));
    }

    [Fact]
    public void No_two_advice_texts_are_the_same()
    {
        var advice = SelfScan.Conditions.SelectMany(c => c.Levels.Select(l => l.Advice).Concat(c.Factors.Select(f => f.Advice))).ToList();

        Assert.Equal(advice.Count, advice.Select(a => a.Text.Nl).Distinct().Count());
        Assert.Equal(advice.Count, advice.Select(a => a.Text.En).Distinct().Count());
    }

    [Fact]
    public void All_top_answers_score_100_and_all_bottom_answers_score_0()
    {
        Answer Top(QuestionDefinition q) => q.Kind == QuestionKind.SingleChoice
            ? new ChoiceAnswer(q.Key, q.Options!.MaxBy(o => o.Score)!.Key)
            : new ScaleAnswer(q.Key, q.Reversed ? 1 : 5);
        Answer Bottom(QuestionDefinition q) => q.Kind == QuestionKind.SingleChoice
            ? new ChoiceAnswer(q.Key, q.Options!.MinBy(o => o.Score)!.Key)
            : new ScaleAnswer(q.Key, q.Reversed ? 5 : 1);

        var top = RespondentScoring.Score(SelfScan, SelfScan.Questions.Select(Top).ToList());
        var bottom = RespondentScoring.Score(SelfScan, SelfScan.Questions.Select(Bottom).ToList());

        Assert.Equal(100, top.Index);
        Assert.Equal(0, bottom.Index);
    }
}
