using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// Reads values out of persisted state whatever shape the store returned them in: the original object
/// (same turn), a Newtonsoft <see cref="JToken"/> or <c>long</c> (store without type names), a
/// <see cref="JsonElement"/> (System.Text.Json store), or plain dictionaries and lists.
/// A value that cannot become the asked type raises <see cref="DialogStateException"/>.
/// </summary>
public static class StateValue
{
    /// <summary>One serializer for every conversion (ToObject without one builds a new serializer each call).</summary>
    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.CreateDefault();

    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/>; null stays default.</summary>
    /// <exception cref="DialogStateException">The value has the wrong shape.</exception>
    public static T? To<T>(object? value)
    {
        if (value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        try
        {
            var token = ToToken(value);
            if (token.Type == JTokenType.Null)
            {
                return default;
            }

            return token.ToObject<T>(Serializer);
        }
        catch (Exception ex) when (IsConversionFailure(ex))
        {
            throw new DialogStateException($"A persisted value cannot be read as {typeof(T).Name}.", ex);
        }
    }

    /// <summary>Converts when possible; false (and default) when the value is absent or has the wrong shape.</summary>
    public static bool TryTo<T>(object? value, out T? result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }

        try
        {
            result = To<T>(value);
            return result is not null;
        }
        catch (DialogStateException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns a mutable string-keyed dictionary for a persisted dictionary value, converting a JObject or
    /// similar into a <see cref="Dictionary{TKey, TValue}"/> (values stay as loaded).
    /// </summary>
    internal static IDictionary<string, object?> ToDictionary(object? value, string what)
    {
        switch (value)
        {
            case Dictionary<string, object?> dictionary:
                return dictionary;
            case IDictionary<string, object?> other:
                return other;
            case null:
                throw new DialogStateException($"The persisted {what} is missing.");
        }

        try
        {
            var token = ToToken(value);
            if (token is not JObject obj)
            {
                throw new DialogStateException($"The persisted {what} is not an object.");
            }

            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in obj.Properties())
            {
                result[property.Name] = property.Value is JValue scalar ? scalar.Value : property.Value;
            }

            return result;
        }
        catch (Exception ex) when (IsConversionFailure(ex))
        {
            throw new DialogStateException($"The persisted {what} cannot be read.", ex);
        }
    }

    private static JToken ToToken(object value)
    {
        return value switch
        {
            JToken token => token,
            JsonElement element => JToken.Parse(element.GetRawText()),
            _ => JToken.FromObject(value, Serializer),
        };
    }

    private static bool IsConversionFailure(Exception ex)
    {
        return ex is Newtonsoft.Json.JsonException
            or System.Text.Json.JsonException
            or ArgumentException
            or InvalidCastException
            or FormatException
            or OverflowException
            or InvalidOperationException and not DialogStateException;
    }
}
