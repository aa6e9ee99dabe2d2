using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quickscan.Domain.Questionnaires;

/// <summary>
/// Reads advice as an object { "text", "owner", "horizonDays" } or, as version 1 files give it, as a plain
/// { "nl", "en" } text. Writes the plain form when there is no owner and no horizon, so a version 1 file
/// reads back as it was written.
/// </summary>
public sealed class AdviceDefinitionJsonConverter : JsonConverter<AdviceDefinition>
{
    public override AdviceDefinition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Advice is a text { \"nl\", \"en\" } or an object { \"text\", \"owner\", \"horizonDays\" }.");

        using var document = JsonDocument.ParseValue(ref reader);
        var element = document.RootElement;
        if (!element.EnumerateObject().Any(p => p.NameEquals("text")))
            return new AdviceDefinition { Text = element.Deserialize<LocalizedText>(options)! };

        LocalizedText? text = null, owner = null;
        int? horizon = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "text":
                    text = property.Value.Deserialize<LocalizedText>(options);
                    break;
                case "owner":
                    owner = property.Value.Deserialize<LocalizedText>(options);
                    break;
                case "horizonDays":
                    horizon = property.Value.Deserialize<int?>(options);
                    break;
                default:
                    throw new JsonException($"Advice has no field '{property.Name}'.");
            }
        }

        return new AdviceDefinition { Text = text!, Owner = owner, HorizonDays = horizon };
    }

    public override void Write(Utf8JsonWriter writer, AdviceDefinition value, JsonSerializerOptions options)
    {
        if (value.Owner is null && value.HorizonDays is null)
        {
            JsonSerializer.Serialize(writer, value.Text, options);
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName("text");
        JsonSerializer.Serialize(writer, value.Text, options);
        if (value.Owner is not null)
        {
            writer.WritePropertyName("owner");
            JsonSerializer.Serialize(writer, value.Owner, options);
        }

        if (value.HorizonDays is { } days)
            writer.WriteNumber("horizonDays", days);
        writer.WriteEndObject();
    }
}
