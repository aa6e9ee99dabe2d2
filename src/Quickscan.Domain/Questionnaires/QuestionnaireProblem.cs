namespace Quickscan.Domain.Questionnaires;

/// <summary>One reason a questionnaire definition can't be scored, with the path of the field it concerns
/// (e.g. <c>conditions[usage].factors[usage.effort].questions[usage.effort.1].text.en</c>).</summary>
public sealed record QuestionnaireProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

public sealed class InvalidQuestionnaireException(IReadOnlyList<QuestionnaireProblem> problems)
    : Exception("The questionnaire definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<QuestionnaireProblem> Problems { get; } = problems;
}
