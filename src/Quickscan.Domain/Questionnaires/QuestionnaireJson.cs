using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Quickscan.Domain.Questionnaires;

/// <summary>Reads and writes the questionnaire file format.</summary>
public static class QuestionnaireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Missing fields are reported by the validator, all at once, with their paths; the serializer's own
        // "required" check would stop at the first one.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static typeInfo =>
                {
                    foreach (var property in typeInfo.Properties)
                        property.IsRequired = false;
                },
            },
        },
    };

    /// <summary>Parses a definition; a file that isn't valid JSON of this shape gives one problem with the place it broke.</summary>
    public static QuestionnaireDefinition? Parse(string json, out IReadOnlyList<QuestionnaireProblem> problems)
    {
        try
        {
            var definition = Normalise(JsonSerializer.Deserialize<QuestionnaireDefinition>(json, Options));
            problems = QuestionnaireValidator.Validate(definition);
            return definition;
        }
        catch (JsonException e)
        {
            problems = [QuestionnaireProblem.Of(e.Path ?? "", "NotAFile", "Not a questionnaire file: {0}", e.Message)];
            return null;
        }
    }

    /// <summary>A condition's levels may leave out "level": they are then numbered 1–5 in the order given.</summary>
    private static QuestionnaireDefinition? Normalise(QuestionnaireDefinition? definition)
    {
        if (definition?.Conditions is null)
            return definition;
        return definition with
        {
            Conditions = [.. definition.Conditions.Select(c => c?.Levels is { } levels && levels.All(l => l is not null && l.Level == 0)
                ? c with { Levels = [.. levels.Select((l, i) => l with { Level = i + 1 })] }
                : c!)],
        };
    }

    public static Questionnaire Load(string json)
    {
        var definition = Parse(json, out var problems);
        if (definition is null || problems.Count > 0)
            throw new InvalidQuestionnaireException(problems);
        return Questionnaire.Create(definition);
    }

    public static string Write(QuestionnaireDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
