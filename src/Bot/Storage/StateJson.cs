using System.Globalization;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Storage;

/// <summary>
/// The one place that turns state into stored text and back: plain JSON, no type names, dates left as strings.
/// </summary>
internal static class StateJson
{
    /// <summary>The property that carries an item's ETag in dictionaries and JSON objects (Bot Framework's spelling).</summary>
    internal const string ETagProperty = "eTag";

    /// <summary>The ETag that means "whatever is stored".</summary>
    internal const string AnyETag = "*";

    private const int MaxDepth = 64;

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // Never write or honour "$type": a read must not be able to choose which type gets built.
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = MaxDepth,
    });

    /// <summary>Line numbers are for error messages about hand-written JSON: stored state does not need them on every token.</summary>
    private static readonly JsonLoadSettings LoadSettings = new() { LineInfoHandling = LineInfoHandling.Ignore };

    /// <summary>What a write stores: the JSON text without any ETag, and the ETag the caller asked to match.</summary>
    internal readonly record struct Outgoing(string Json, string? RequestedETag)
    {
        /// <summary>True when the caller asked for a compare-and-swap (an ETag other than empty or "*").</summary>
        public bool IsConditional => !string.IsNullOrEmpty(RequestedETag) && RequestedETag != AnyETag;
    }

    internal static Outgoing ToStored(object? value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var token = value is JToken given ? given.DeepClone() : JToken.FromObject(value, Serializer);
        var requested = value is IStoreItem item ? item.ETag : null;
        if (token is JObject obj)
        {
            foreach (var property in obj.Properties().Where(p => IsETagName(p.Name)).ToList())
            {
                requested ??= property.Value.Type == JTokenType.String ? property.Value.Value<string>() : null;
                property.Remove();
            }
        }

        return new Outgoing(token.ToString(Formatting.None), requested);
    }

    /// <summary>Parses stored text into JSON tokens only; "$type" stays an ordinary property.</summary>
    internal static JToken Parse(string json)
    {
        using var text = new StringReader(json);
        using var reader = new JsonTextReader(text)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = MaxDepth,
        };
        return JToken.ReadFrom(reader, LoadSettings);
    }

    /// <summary>
    /// The value handed out by <see cref="IStorage.ReadAsync"/>, read straight from the stored text: an object as a
    /// dictionary of its properties (nested objects and arrays as JSON tokens, plain values as long, double,
    /// string, bool or null) with the current ETag, which is the shape BotState keeps a turn's state in, so it
    /// takes the dictionary as it is instead of converting a whole JObject into one; anything else as the plain value.
    /// </summary>
    internal static object ReadValue(string json, string eTag)
    {
        using var text = new StringReader(json);
        using var reader = new JsonTextReader(text)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = MaxDepth,
        };
        if (!reader.Read())
        {
            throw new JsonReaderException("Stored state is empty.");
        }

        if (reader.TokenType != JsonToken.StartObject)
        {
            var token = JToken.ReadFrom(reader, LoadSettings);
            return token is JValue scalar ? scalar.Value ?? JValue.CreateNull() : token;
        }

        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            if (!reader.Read())
            {
                break;
            }

            properties[name] = reader.TokenType is JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor
                ? JToken.ReadFrom(reader, LoadSettings)
                : reader.Value;
        }

        if (reader.TokenType != JsonToken.EndObject)
        {
            throw new JsonReaderException("Stored state ends before its closing brace.");
        }

        properties[ETagProperty] = eTag;
        return properties;
    }

    /// <summary>Puts the new ETag back on what the caller wrote, so its next write matches.</summary>
    internal static void SetETag(object? value, string eTag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = eTag;
                break;
            case JObject obj:
                foreach (var property in obj.Properties().Where(p => IsETagName(p.Name)).ToList())
                {
                    property.Remove();
                }

                obj[ETagProperty] = eTag;
                break;
            case IDictionary<string, object> dictionary when !dictionary.IsReadOnly:
                var existing = dictionary.Keys.FirstOrDefault(IsETagName) ?? ETagProperty;
                dictionary[existing] = eTag;
                break;
            default:
                break;
        }
    }

    internal static string NewETag() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    private static bool IsETagName(string name) => string.Equals(name, ETagProperty, StringComparison.OrdinalIgnoreCase);
}
