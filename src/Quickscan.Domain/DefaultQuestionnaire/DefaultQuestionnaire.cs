using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.DefaultQuestionnaire;

/// <summary>Version 1 of the questionnaire as shipped: the file next to this class, embedded in the assembly.</summary>
public static class DefaultQuestionnaire
{
    private const string ResourceName = "Quickscan.Domain.questionnaire.v1.json";

    public static string Json()
    {
        using var stream = typeof(DefaultQuestionnaire).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Questionnaire Load() => QuestionnaireJson.Load(Json());
}
