using System.Text;
using System.Text.Json;

namespace B12Bot.Load;

/// <summary>Bot Framework message activities as the channels post them, with <c>deliveryMode: expectReplies</c>.</summary>
internal static class Activities
{
    /// <summary>Never contacted: with expectReplies the replies come back in the HTTP response.</summary>
    public const string ServiceUrl = "http://127.0.0.1:9/";

    public static byte[] Message(string text, string conversationId, string userId, string channelId = "webchat")
    {
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("id", Guid.NewGuid().ToString("N"));
            json.WriteString("text", text);
            json.WriteString("locale", "nl-NL");
            json.WriteStartObject("from");
            json.WriteString("id", userId);
            json.WriteString("name", "Bezoeker");
            json.WriteString("role", "user");
            json.WriteEndObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", "b12bot");
            json.WriteString("name", "B12Bot");
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("id", conversationId);
            json.WriteEndObject();
            json.WriteString("channelId", channelId);
            json.WriteString("serviceUrl", ServiceUrl);
            json.WriteString("deliveryMode", "expectReplies");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The questions of <paramref name="file"/> (a path, or a file name beside the program; <c>questions.txt</c> by
    /// default), one per line; lines starting with # are comments.
    /// </summary>
    public static IReadOnlyList<string> Questions(string? file = null)
    {
        var path = file is null ? Path.Combine(AppContext.BaseDirectory, "questions.txt")
            : File.Exists(file) ? file
            : Path.Combine(AppContext.BaseDirectory, file);
        var questions = File.ReadAllLines(path, Encoding.UTF8)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        if (questions.Count == 0)
        {
            throw new InvalidOperationException($"{path} holds no questions");
        }

        return questions;
    }
}
