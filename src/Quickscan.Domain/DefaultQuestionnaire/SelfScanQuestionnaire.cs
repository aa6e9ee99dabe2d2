using Quickscan.Domain.Questionnaires;

namespace Quickscan.Domain.DefaultQuestionnaire;

/// <summary>Version 1 of the public self-scan as shipped (kind self-scan): the file next to this class, embedded in the assembly.</summary>
public static class SelfScanQuestionnaire
{
    private const string ResourceName = "Quickscan.Domain.self-scan.v1.json";

    public static string Json()
    {
        using var stream = typeof(SelfScanQuestionnaire).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Questionnaire Load() => QuestionnaireJson.Load(Json());
}
