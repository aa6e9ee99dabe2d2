using System.Text.Json.Serialization;

namespace Quickscan.Domain.Questionnaires;

/// <summary>What a questionnaire is for: the full quickscan of an organisation, or the short public self-scan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionnaireKind>))]
public enum QuestionnaireKind
{
    [JsonStringEnumMemberName("quickscan")]
    Quickscan,

    [JsonStringEnumMemberName("self-scan")]
    SelfScan,
}
