using System.Globalization;

namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// One reason a questionnaire definition can't be scored, with the path of the field it concerns
/// (e.g. <c>conditions[usage].factors[usage.effort].questions[usage.effort.1].text.en</c>). Message is in
/// English; Code and Arguments let a user interface say the same in its own language.
/// </summary>
public sealed record QuestionnaireProblem(string Path, string Message)
{
    public string Code { get; init; } = "";

    public IReadOnlyList<object> Arguments { get; init; } = [];

    public static QuestionnaireProblem Of(string path, string code, string englishFormat, params object[] arguments) =>
        new(path, string.Format(CultureInfo.InvariantCulture, englishFormat, arguments)) { Code = code, Arguments = arguments };

    public override string ToString() => $"{Path}: {Message}";
}

public sealed class InvalidQuestionnaireException(IReadOnlyList<QuestionnaireProblem> problems)
    : Exception("The questionnaire definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<QuestionnaireProblem> Problems { get; } = problems;
}
