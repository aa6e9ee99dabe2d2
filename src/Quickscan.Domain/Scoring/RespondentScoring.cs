using Quickscan.Domain.Arithmetic;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public static class RespondentScoring
{
    /// <summary>
    /// An answer on the 0–100 scale, exact, or null when it is not scored (don't know, not applicable, open
    /// text). An option's variant is chosen by the answers given (or the intake's facts) through chosenOption.
    /// </summary>
    public static Rational? Normalise(QuestionDefinition question, Answer answer, Func<string, string?>? chosenOption = null) => answer switch
    {
        ScaleAnswer scale when question.Reversed => (ScaleAnswer.Max - scale.Value) * 25,
        ScaleAnswer scale => (scale.Value - ScaleAnswer.Min) * 25,
        ChoiceAnswer choice => Questionnaire.Resolve(Option(question, choice.OptionKey), chosenOption ?? NoChoice).Score,
        _ => null,
    };

    private static string? NoChoice(string key) => null;

    private static OptionDefinition Option(QuestionDefinition question, string optionKey)
    {
        foreach (var option in question.Options!)
        {
            if (option.Key == optionKey)
                return option;
        }

        throw new InvalidOperationException($"Option {optionKey} was checked but is not found.");
    }

    /// <summary>Scores a survey respondent without a role group (every question of version 1 is for them).</summary>
    /// <exception cref="InvalidAnswersException">An answer is to an unknown question, out of range or of the wrong kind.</exception>
    public static RespondentResult Score(Questionnaire questionnaire, IReadOnlyCollection<Answer> answers) =>
        Score(questionnaire, answers, RespondentProfile.Survey);

    /// <summary>
    /// Scores one respondent over the questions they were shown. Factor = weighted mean of its answered scored
    /// questions; condition = weighted mean of its scored factors, when coverage (answered / shown) reaches the
    /// threshold; overall = weighted mean of the conditions. All exact. Answers to questions the respondent was
    /// not shown are ignored. Facts are the intake's answers, used for option variants (e.g. organisation size)
    /// where the respondent did not answer the question themselves.
    /// </summary>
    /// <exception cref="InvalidAnswersException">An answer is to an unknown question, out of range or of the wrong kind.</exception>
    public static RespondentResult Score(Questionnaire questionnaire, IReadOnlyCollection<Answer> answers, RespondentProfile profile, IReadOnlyCollection<Answer>? facts = null)
    {
        var problems = AnswerCheck.Validate(questionnaire, answers);
        if (problems.Count > 0)
            throw new InvalidAnswersException(problems);

        var byQuestion = Routing.ByQuestion(answers);
        var factsByQuestion = facts is null ? null : Routing.ByQuestion(facts);
        string? ChosenOption(string key) =>
            (byQuestion.TryGetValue(key, out var own) ? own : factsByQuestion?.GetValueOrDefault(key)) is ChoiceAnswer choice ? choice.OptionKey : null;

        var shown = new HashSet<string>(StringComparer.Ordinal);
        var answeredQuestions = 0;
        foreach (var question in questionnaire.AllQuestions)
        {
            if (!questionnaire.IsShown(question, profile, byQuestion))
                continue;
            shown.Add(question.Key);
            if (byQuestion.TryGetValue(question.Key, out var answer) && IsSubstantive(answer))
                answeredQuestions++;
        }

        var conditions = new ConditionScore[questionnaire.Conditions.Count];
        var conditionScores = new Dictionary<string, Rational?>(conditions.Length, StringComparer.Ordinal);
        for (var i = 0; i < conditions.Length; i++)
        {
            conditions[i] = ScoreCondition(questionnaire, questionnaire.Conditions[i], byQuestion, shown, ChosenOption);
            conditionScores[conditions[i].Key] = conditions[i].Score;
        }

        var index = questionnaire.OverallIndex(conditionScores);
        var weakest = questionnaire.Weakest(conditionScores);
        return new RespondentResult(conditions, index, index is { } value ? questionnaire.LevelOf(value) : null, weakest.Bottleneck)
        {
            Respondent = profile,
            Weakest = weakest,
            Shown = shown.Count,
            AnsweredQuestions = answeredQuestions,
        };
    }

    /// <summary>An answer that says something: not don't-know, not not-applicable, not an empty text.</summary>
    public static bool IsSubstantive(Answer answer) => answer switch
    {
        ScaleAnswer or ChoiceAnswer => true,
        TextAnswer text => !string.IsNullOrWhiteSpace(text.Text),
        _ => false,
    };

    private static ConditionScore ScoreCondition(
        Questionnaire questionnaire,
        ConditionDefinition condition,
        Dictionary<string, Answer> answers,
        HashSet<string> shown,
        Func<string, string?> chosenOption)
    {
        var factors = new FactorScore[condition.Factors.Count];
        Rational weightedSum = 0, weights = 0;
        int answered = 0, scored = 0;
        int? cap = null;
        var cappedBy = new List<(string Key, int Level)>();
        for (var i = 0; i < factors.Length; i++)
        {
            var factor = condition.Factors[i];
            factors[i] = ScoreFactor(factor, answers, shown, chosenOption);
            answered += factors[i].Answered;
            scored += factors[i].Scored;
            if (factors[i].Score is { } factorScore)
            {
                weightedSum += factor.Weight * factorScore;
                weights += factor.Weight;
            }

            foreach (var question in factor.Questions)
            {
                if (!Questionnaire.IsLadder(question) || !shown.Contains(question.Key)
                    || !answers.TryGetValue(question.Key, out var answer) || answer is not ChoiceAnswer choice)
                    continue;
                var level = Questionnaire.Resolve(Option(question, choice.OptionKey), chosenOption).Level!.Value;
                cappedBy.Add((question.Key, level));
                cap = cap is { } c ? Math.Min(c, level) : level;
            }
        }

        var coverage = scored == 0 ? Rational.Zero : Rational.Of(answered, scored);
        Rational? score = scored > 0 && coverage >= questionnaire.Settings.CoverageThreshold && weights > 0 ? weightedSum / weights : null;
        var scoreLevel = score is { } value ? questionnaire.LevelOf(value) : null;
        return new ConditionScore(condition.Key, score, Capped(questionnaire, scoreLevel, cap), coverage, answered, scored, factors)
        {
            ScoreLevel = scoreLevel,
            LadderCap = cap,
            CappedBy = [.. cappedBy.Where(x => x.Level == cap).Select(x => x.Key)],
        };
    }

    /// <summary>A level never above the cap the ladder items set.</summary>
    public static LevelDefinition? Capped(Questionnaire questionnaire, LevelDefinition? level, int? cap) =>
        level is not null && cap is { } c && c < level.Number ? questionnaire.Level(c) : level;

    private static FactorScore ScoreFactor(FactorDefinition factor, Dictionary<string, Answer> answers, HashSet<string> shown, Func<string, string?> chosenOption)
    {
        Rational weightedSum = 0, weights = 0;
        int answered = 0, scored = 0, dontKnow = 0, notApplicable = 0;
        foreach (var question in factor.Questions)
        {
            if (!question.IsScored() || !shown.Contains(question.Key))
                continue;
            scored++;
            if (!answers.TryGetValue(question.Key, out var answer))
                continue;
            if (answer is DontKnowAnswer)
                dontKnow++;
            else if (answer is NotApplicableAnswer)
                notApplicable++;
            if (Normalise(question, answer, chosenOption) is not { } value)
                continue;
            answered++;
            weightedSum += question.Weight * value;
            weights += question.Weight;
        }

        return new FactorScore(factor.Key, weights > 0 ? weightedSum / weights : null, answered, scored)
        {
            DontKnow = dontKnow,
            NotApplicable = notApplicable,
        };
    }
}
