using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>How <see cref="JsonTextStorage"/> hands stored JSON back.</summary>
public enum JsonReadMode
{
    /// <summary>As a Newtonsoft JObject, like a store that serialises without type names.</summary>
    Newtonsoft,

    /// <summary>Parsed by System.Text.Json into plain dictionaries, lists, longs, doubles, strings and bools.</summary>
    SystemTextJson,
}

/// <summary>
/// An <see cref="IStorage"/> that keeps every item only as JSON text written without type names, so
/// whatever the bot saves must survive a trip through plain JSON between turns.
/// </summary>
public sealed class JsonTextStorage : IStorage
{
    private static readonly JsonSerializerSettings WriteSettings = new()
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
    };

    private readonly ConcurrentDictionary<string, string> _items = new(StringComparer.Ordinal);
    private readonly JsonReadMode _mode;

    public JsonTextStorage(JsonReadMode mode = JsonReadMode.Newtonsoft)
    {
        _mode = mode;
    }

    public int WriteCount { get; private set; }

    /// <summary>How many reads returned a stored item (each one parsed from text).</summary>
    public int ReadCount { get; private set; }

    public IReadOnlyCollection<string> Keys => _items.Keys.ToList();

    public string? GetJson(string key) => _items.TryGetValue(key, out var json) ? json : null;

    public void SetJson(string key, string json) => _items[key] = json;

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (_items.TryGetValue(key, out var json))
            {
                ReadCount++;
                result[key] = _mode == JsonReadMode.Newtonsoft ? ParseNewtonsoft(json) : ParseSystemTextJson(json);
            }
        }

        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            _items[key] = JsonConvert.SerializeObject(value, WriteSettings);
            WriteCount++;
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            _items.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    private static JObject ParseNewtonsoft(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static Dictionary<string, object> ParseSystemTextJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (Dictionary<string, object>)ToPlain(document.RootElement)!;
    }

    private static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dictionary = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    dictionary[property.Name] = ToPlain(property.Value)!;
                }

                return dictionary;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToPlain).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
