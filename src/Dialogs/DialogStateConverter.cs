using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// Reads a <see cref="DialogState"/> out of a loaded JSON tree without copying it. Every component on the stack keeps
/// its inner stack as a JSON object in its state, so a stack three components deep was copied three times per turn
/// (each level's object values are copied again as they are read). When the stack comes from a <see cref="JObject"/>
/// of the usual shape, the entries are built directly over the loaded tree and their values are the loaded tokens
/// themselves (scalars as their plain values, as a read gives them); any other shape is read as before, with the
/// same errors. Writing is unchanged.
/// </summary>
internal sealed class DialogStateConverter : JsonConverter<DialogState>
{
    /// <summary>Written directly too: the state is serialised twice a turn (to see whether it changed) and at every save.</summary>
    public override bool CanWrite => true;

    public override DialogState? ReadJson(JsonReader reader, Type objectType, DialogState? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(serializer);
        if (reader is JTokenReader { CurrentToken: JObject loaded } && TryRead(loaded) is { } state)
        {
            // Past the object, for whatever is read next; at the reader's root (a ToObject) nothing is, and walking
            // every token of the stack would cost more than building it.
            if (reader.Depth > 0)
            {
                reader.Skip();
            }

            return state;
        }

        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var shape = serializer.Deserialize<Shape>(reader);
        return shape is null ? null : new DialogState { DialogStack = shape.DialogStack! };
    }

    /// <summary>
    /// Writes the stack as the serialiser's contracts would (the same properties, in order, nulls as its settings say,
    /// dictionary values always), without their work per object: the loaded tokens are written as they are, plain
    /// values directly, a component's inner stack by this converter, anything else by the serialiser.
    /// </summary>
    public override void WriteJson(JsonWriter writer, DialogState? value, JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(serializer);
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        if (serializer.Converters.Count > 0)
        {
            // A converter of the settings may take any value, even an id: the contracts write it all.
            serializer.Serialize(writer, new Written { DialogStack = value.DialogStack });
            return;
        }

        writer.WriteStartObject();
        if (WriteName(writer, serializer, "dialogStack", value.DialogStack))
        {
            writer.WriteStartArray();
            foreach (var instance in value.DialogStack)
            {
                WriteInstance(writer, instance, serializer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private void WriteInstance(JsonWriter writer, DialogInstance? instance, JsonSerializer serializer)
    {
        if (instance is null)
        {
            writer.WriteNull();
            return;
        }

        if (instance.GetType() != typeof(DialogInstance))
        {
            serializer.Serialize(writer, instance);
            return;
        }

        writer.WriteStartObject();
        if (WriteName(writer, serializer, "id", instance.Id))
        {
            writer.WriteValue(instance.Id);
        }

        if (WriteName(writer, serializer, "state", instance.State))
        {
            writer.WriteStartObject();
            foreach (var (key, item) in instance.State)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, item, serializer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void WriteValue(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case JToken token:
                token.WriteTo(writer);
                break;
            case string text:
                writer.WriteValue(text);
                break;
            case bool flag:
                writer.WriteValue(flag);
                break;
            case long number:
                writer.WriteValue(number);
                break;
            case int number:
                writer.WriteValue(number);
                break;
            case DialogState inner when inner.GetType() == typeof(DialogState):
                WriteJson(writer, inner, serializer);
                break;
            case Dictionary<string, object?> values when values.GetType() == typeof(Dictionary<string, object?>):
                writer.WriteStartObject();
                foreach (var (key, item) in values)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item, serializer);
                }

                writer.WriteEndObject();
                break;
            case PromptOptions { Prompt: null, RetryPrompt: null, Choices: null, Style: null } options when options.GetType() == typeof(PromptOptions):
                // A prompt that builds its question when asked stores only these two (each left out when null).
                writer.WriteStartObject();
                if (options.Validations is { } validations)
                {
                    writer.WritePropertyName("validations");
                    WriteValue(writer, validations, serializer);
                }

                if (options.MaxAttempts is { } attempts)
                {
                    writer.WritePropertyName("maxAttempts");
                    writer.WriteValue(attempts);
                }

                writer.WriteEndObject();
                break;
            default:
                serializer.Serialize(writer, value);
                break;
        }
    }

    /// <summary>Writes the property's name unless its value is null and the settings leave nulls out; true when its value is to follow.</summary>
    private static bool WriteName(JsonWriter writer, JsonSerializer serializer, string name, object? value)
    {
        if (value is null)
        {
            if (serializer.NullValueHandling == NullValueHandling.Include)
            {
                writer.WritePropertyName(name);
                writer.WriteNull();
            }

            return false;
        }

        writer.WritePropertyName(name);
        return true;
    }

    /// <summary>The state built over <paramref name="loaded"/>; null when it is not of the usual shape.</summary>
    internal static DialogState? TryRead(JObject loaded)
    {
        if (loaded.Count != 1 || loaded["dialogStack"] is not JArray stack)
        {
            return null;
        }

        var instances = new List<DialogInstance>(stack.Count);
        foreach (var item in stack)
        {
            if (item is not JObject entry || entry["id"] is not JValue { Type: JTokenType.String, Value: string id } || entry["state"] is not JObject values)
            {
                return null;
            }

            if (entry.Count != 2)
            {
                return null;
            }

            var state = new Dictionary<string, object?>(values.Count);
            foreach (var property in values.Properties())
            {
                state[property.Name] = property.Value switch
                {
                    JValue scalar => scalar.Value,
                    var token => token,
                };
            }

            instances.Add(new DialogInstance { Id = id, State = state });
        }

        return new DialogState(instances);
    }

    /// <summary>The stack as its contract writes it, for settings with converters.</summary>
    private sealed class Written
    {
        [JsonProperty("dialogStack")]
        public IList<DialogInstance>? DialogStack { get; set; }
    }

    /// <summary>The stored shape, read the default way (for shapes the direct read does not take).</summary>
    private sealed class Shape
    {
        [JsonProperty("dialogStack")]
        public IList<DialogInstance>? DialogStack { get; set; } = new List<DialogInstance>();
    }
}
