using System.Text.Json;

namespace B12Bot.Load;

/// <summary>What one expectReplies response said: the message texts, the buttons offered and the citations.</summary>
internal sealed record TurnReplies(IReadOnlyList<string> Texts, IReadOnlyList<string> Buttons, int Citations)
{
    public bool Answered => Texts.Count > 0;

    /// <summary>Reads <c>{"activities":[...]}</c>: suggested actions and hero-card buttons (their imBack value), schema.org citations.</summary>
    public static TurnReplies Parse(ReadOnlySpan<byte> body)
    {
        var texts = new List<string>();
        var buttons = new List<string>();
        var citations = 0;
        using var document = JsonDocument.Parse(body.ToArray());
        if (!document.RootElement.TryGetProperty("activities", out var activities) || activities.ValueKind != JsonValueKind.Array)
        {
            return new TurnReplies(texts, buttons, 0);
        }

        foreach (var activity in activities.EnumerateArray())
        {
            if (Str(activity, "type") != "message")
            {
                continue;
            }

            texts.Add(Str(activity, "text") ?? string.Empty);
            if (activity.TryGetProperty("suggestedActions", out var suggested) && suggested.ValueKind == JsonValueKind.Object
                && suggested.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                buttons.AddRange(actions.EnumerateArray().Select(ButtonValue).OfType<string>());
            }

            foreach (var attachment in Array(activity, "attachments"))
            {
                if (attachment.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object)
                {
                    buttons.AddRange(Array(content, "buttons").Select(ButtonValue).OfType<string>());
                }
            }

            foreach (var entity in Array(activity, "entities"))
            {
                if (Str(entity, "type") == "https://schema.org/Message")
                {
                    citations += Array(entity, "citation").Count;
                }
            }
        }

        return new TurnReplies(texts, buttons, citations);
    }

    /// <summary>What pressing the button sends: an imBack's value (a string), else its title.</summary>
    private static string? ButtonValue(JsonElement action) =>
        action.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : Str(action, "title");

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static List<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];
}
