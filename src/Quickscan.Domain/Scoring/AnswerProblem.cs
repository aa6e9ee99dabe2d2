namespace Quickscan.Domain.Scoring;

public enum AnswerProblemKind
{
    UnknownQuestion,
    WrongKind,
    OutOfRange,
    UnknownOption,
    TooLong,
    Duplicate,

    /// <summary>"Don't know" or "not applicable" on a question that does not offer it.</summary>
    NotOffered,
}

/// <summary>Why an answer can't be accepted. Answers are rejected, never silently dropped.</summary>
public sealed record AnswerProblem(string QuestionKey, AnswerProblemKind Kind, string Message)
{
    public override string ToString() => $"{QuestionKey}: {Message}";
}

public sealed class InvalidAnswersException(IReadOnlyList<AnswerProblem> problems)
    : Exception("Answers rejected:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<AnswerProblem> Problems { get; } = problems;
}
