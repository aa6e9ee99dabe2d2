using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.DefaultQuestionnaire;

/// <summary>The questionnaire versions as shipped: the files next to this class, embedded in the assembly.</summary>
public static class DefaultQuestionnaire
{
    /// <summary>The newest shipped version: new scans default to it; earlier scans keep theirs.</summary>
    public const int Latest = 2;

    public static string Json(int version = 1)
    {
        var resourceName = $"Quickscan.Domain.questionnaire.v{version}.json";
        using var stream = typeof(DefaultQuestionnaire).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Questionnaire Load(int version = 1) => QuestionnaireJson.Load(Json(version));
}
