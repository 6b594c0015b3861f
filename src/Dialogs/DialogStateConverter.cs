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
    public override bool CanWrite => false;

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

    public override void WriteJson(JsonWriter writer, DialogState? value, JsonSerializer serializer) =>
        throw new NotSupportedException("DialogState is written by the default serialiser.");

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

    /// <summary>The stored shape, read the default way (for shapes the direct read does not take).</summary>
    private sealed class Shape
    {
        [JsonProperty("dialogStack")]
        public IList<DialogInstance>? DialogStack { get; set; } = new List<DialogInstance>();
    }
}
