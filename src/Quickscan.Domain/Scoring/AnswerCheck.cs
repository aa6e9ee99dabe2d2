using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.Scoring;

public static class AnswerCheck
{
    /// <summary>Every problem with a set of answers against a questionnaire version.</summary>
    public static IReadOnlyList<AnswerProblem> Validate(Questionnaire questionnaire, IEnumerable<Answer> answers)
    {
        List<AnswerProblem>? problems = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var problem = Check(questionnaire, answer);
            if (problem is null && !seen.Add(answer.QuestionKey))
                problem = new(answer.QuestionKey, AnswerProblemKind.Duplicate, "The question is answered more than once.");
            if (problem is not null)
                (problems ??= []).Add(problem);
        }

        return problems ?? (IReadOnlyList<AnswerProblem>)[];
    }

    /// <summary>The problem with one answer, or null when it is acceptable.</summary>
    public static AnswerProblem? Check(Questionnaire questionnaire, Answer answer)
    {
        var key = answer.QuestionKey;
        if (key is null || !questionnaire.TryGetQuestion(key, out var question))
            return new(key ?? "", AnswerProblemKind.UnknownQuestion, "There is no such question in this questionnaire version.");

        return (answer, question.Kind) switch
        {
            (ScaleAnswer scale, QuestionKind.Agreement) when scale.Value is < ScaleAnswer.Min or > ScaleAnswer.Max =>
                new(key, AnswerProblemKind.OutOfRange, $"An agreement answer lies between {ScaleAnswer.Min} and {ScaleAnswer.Max}; got {scale.Value}."),
            (ScaleAnswer, QuestionKind.Agreement) => null,
            (DontKnowAnswer, QuestionKind.Agreement or QuestionKind.SingleChoice) when question.DontKnow => null,
            (NotApplicableAnswer, QuestionKind.Agreement or QuestionKind.SingleChoice) when question.NotApplicable => null,
            (DontKnowAnswer or NotApplicableAnswer, QuestionKind.Agreement or QuestionKind.SingleChoice) =>
                new(key, AnswerProblemKind.NotOffered, "The question does not offer this answer."),
            (ChoiceAnswer choice, QuestionKind.SingleChoice) when !question.Options!.Any(o => o.Key == choice.OptionKey) =>
                new(key, AnswerProblemKind.UnknownOption, $"The question has no option '{choice.OptionKey}'."),
            (ChoiceAnswer, QuestionKind.SingleChoice) => null,
            (TextAnswer text, QuestionKind.OpenText) when text.Text is null || text.Text.Length > TextAnswer.MaxLength =>
                new(key, AnswerProblemKind.TooLong, $"An open answer has at most {TextAnswer.MaxLength} characters."),
            (TextAnswer, QuestionKind.OpenText) => null,
            _ => new(key, AnswerProblemKind.WrongKind, $"A {answer.GetType().Name} does not fit a {question.Kind} question."),
        };
    }
}
