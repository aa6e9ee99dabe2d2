using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public static class RespondentScoring
{
    /// <summary>An answer on the 0–100 scale, or null when it is not scored (don't know, open text).</summary>
    public static double? Normalise(QuestionDefinition question, Answer answer) => answer switch
    {
        ScaleAnswer scale when question.Reversed => (ScaleAnswer.Max - scale.Value) * 25.0,
        ScaleAnswer scale => (scale.Value - ScaleAnswer.Min) * 25.0,
        ChoiceAnswer choice => OptionScore(question, choice.OptionKey),
        _ => null,
    };

    private static double OptionScore(QuestionDefinition question, string optionKey)
    {
        foreach (var option in question.Options!)
        {
            if (option.Key == optionKey)
                return option.Score!.Value;
        }

        throw new InvalidOperationException($"Option {optionKey} was checked but is not found.");
    }

    /// <summary>
    /// Scores one respondent. Factor = weighted mean of its answered scored questions; condition = weighted
    /// mean of its scored factors, when coverage reaches the threshold; overall = weighted mean of the conditions.
    /// </summary>
    /// <exception cref="InvalidAnswersException">An answer is to an unknown question, out of range or of the wrong kind.</exception>
    public static RespondentResult Score(Questionnaire questionnaire, IReadOnlyCollection<Answer> answers)
    {
        var problems = AnswerCheck.Validate(questionnaire, answers);
        if (problems.Count > 0)
            throw new InvalidAnswersException(problems);

        var byQuestion = new Dictionary<string, Answer>(answers.Count, StringComparer.Ordinal);
        foreach (var answer in answers)
            byQuestion[answer.QuestionKey] = answer;

        var conditions = new ConditionScore[questionnaire.Conditions.Count];
        var conditionScores = new Dictionary<string, double?>(conditions.Length, StringComparer.Ordinal);
        for (var i = 0; i < conditions.Length; i++)
        {
            conditions[i] = ScoreCondition(questionnaire, questionnaire.Conditions[i], byQuestion);
            conditionScores[conditions[i].Key] = conditions[i].Score;
        }

        var index = questionnaire.OverallIndex(conditionScores);
        return new RespondentResult(
            conditions,
            index,
            index is { } value ? questionnaire.LevelOf(value) : null,
            questionnaire.Bottleneck(conditionScores));
    }

    private static ConditionScore ScoreCondition(Questionnaire questionnaire, ConditionDefinition condition, Dictionary<string, Answer> answers)
    {
        var factors = new FactorScore[condition.Factors.Count];
        double weightedSum = 0, weights = 0;
        int answered = 0, scored = 0;
        for (var i = 0; i < factors.Length; i++)
        {
            var factor = condition.Factors[i];
            factors[i] = ScoreFactor(factor, answers);
            answered += factors[i].Answered;
            scored += factors[i].Scored;
            if (factors[i].Score is { } factorScore)
            {
                weightedSum += factor.Weight * factorScore;
                weights += factor.Weight;
            }
        }

        var coverage = (double)answered / scored;
        double? score = coverage >= questionnaire.Settings.CoverageThreshold && weights > 0 ? weightedSum / weights : null;
        return new ConditionScore(
            condition.Key,
            score,
            score is { } value ? questionnaire.LevelOf(value) : null,
            coverage,
            answered,
            scored,
            factors);
    }

    private static FactorScore ScoreFactor(FactorDefinition factor, Dictionary<string, Answer> answers)
    {
        double weightedSum = 0, weights = 0;
        int answered = 0, scored = 0;
        foreach (var question in factor.Questions)
        {
            if (!question.IsScored())
                continue;
            scored++;
            if (!answers.TryGetValue(question.Key, out var answer) || Normalise(question, answer) is not { } value)
                continue;
            answered++;
            weightedSum += question.Weight * value;
            weights += question.Weight;
        }

        return new FactorScore(factor.Key, weights > 0 ? weightedSum / weights : null, answered, scored);
    }
}
