using Quickscan.Domain.DefaultQuestionnaire;

namespace Quickscan.Domain.Tests.Questionnaires;

public class DefaultQuestionnaireTests
{
    private static readonly Questionnaire Questionnaire = DefaultQuestionnaire.DefaultQuestionnaire.Load();

    [Fact]
    public void Version_1_validates()
    {
        QuestionnaireJson.Parse(DefaultQuestionnaire.DefaultQuestionnaire.Json(), out var problems);

        Assert.Empty(problems);
        Assert.Equal(1, Questionnaire.Version);
    }

    [Fact]
    public void It_has_the_four_conditions_in_order_with_process_integration_weighted_highest()
    {
        Assert.Equal(ConditionKeys.All, Questionnaire.Conditions.Select(c => c.Key));
        var processIntegration = Questionnaire.Condition(ConditionKeys.ProcessIntegration);
        Assert.All(Questionnaire.Conditions.Where(c => c != processIntegration), c => Assert.True(c.Weight < processIntegration.Weight));
    }

    [Fact]
    public void Usage_holds_the_six_adoption_factors_and_attention_value()
    {
        var factors = Questionnaire.Condition(ConditionKeys.Usage).Factors.Select(f => f.Key).ToList();

        Assert.Equal(7, factors.Count);
        Assert.Contains("usage.attention", factors);
    }

    [Fact]
    public void It_has_35_to_50_scored_questions_and_at_least_6_per_condition()
    {
        Assert.InRange(Questionnaire.ScoredQuestionCount, 35, 50);
        Assert.All(Questionnaire.Conditions, c =>
            Assert.True(c.Factors.SelectMany(f => f.Questions).Count(q => q.IsScored()) >= 6, c.Key));
    }

    [Fact]
    public void It_uses_every_question_kind_including_reversed_items()
    {
        var questions = Questionnaire.Questions.ToList();

        Assert.Contains(questions, q => q.Kind == QuestionKind.Agreement && q.Reversed);
        Assert.Contains(questions, q => q.Kind == QuestionKind.SingleChoice);
        Assert.Contains(questions, q => q.Kind == QuestionKind.OpenText);
    }

    [Theory]
    [InlineData(Language.Nl)]
    [InlineData(Language.En)]
    public void Every_text_exists_in_both_languages(Language language)
    {
        var texts = Questionnaire.Conditions.SelectMany(c =>
                new[] { c.Name, c.Description }
                    .Concat(c.Levels.SelectMany(l => new[] { l.Description, l.Advice.Text }))
                    .Concat(c.Factors.SelectMany(f => new[] { f.Name, f.Advice.Text }
                        .Concat(f.Questions.Select(q => q.Text))
                        .Concat(f.Questions.SelectMany(q => q.Options ?? []).Select(o => o.Label)))))
            .Concat(Questionnaire.Levels.Select(l => l.Name))
            .ToList();

        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t[language])));
        // The two languages are really written, not copied across.
        Assert.True(texts.Count(t => t.Nl == t.En) < texts.Count / 20);
    }

    [Fact]
    public void The_organising_model_question_offers_the_five_social_organizing_models()
    {
        var question = Questionnaire.Factor("organisation.model").Questions.Single(q => q.Kind == QuestionKind.SingleChoice);

        Assert.Equal(5, question.Options!.Count);
        Assert.Equal(question.Options.OrderBy(o => o.Score).Select(o => o.Key), question.Options.Select(o => o.Key));
    }
}
