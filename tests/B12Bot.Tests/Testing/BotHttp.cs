using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Testing;

/// <summary>Builds Bot Framework activities as JSON and posts them to /api/messages with expectReplies.</summary>
public static class BotHttp
{
    public const string ServiceUrl = "http://127.0.0.1:9/";

    public static JObject Message(string? text, string conversationId, string channelId = "webchat", string userId = "user-1")
    {
        return new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["text"] = text,
            ["locale"] = "nl-NL",
            ["from"] = new JObject { ["id"] = userId, ["name"] = "Gebruiker" },
            ["recipient"] = new JObject { ["id"] = "b12bot", ["name"] = "B12Bot" },
            ["conversation"] = new JObject { ["id"] = conversationId },
            ["channelId"] = channelId,
            ["serviceUrl"] = ServiceUrl,
            ["deliveryMode"] = "expectReplies",
        };
    }

    public static HttpContent Json(string json) =>
        new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<(HttpResponseMessage Response, JArray Activities)> PostAsync(HttpClient client, JObject activity)
    {
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), Json(activity.ToString()));
        var body = await response.Content.ReadAsStringAsync();
        var activities = response.IsSuccessStatusCode && body.Length > 0
            ? JObject.Parse(body)["activities"] as JArray ?? []
            : [];
        return (response, activities);
    }

    public static IEnumerable<string> Texts(JArray activities) =>
        activities.Where(a => (string?)a["type"] == "message").Select(a => (string?)a["text"] ?? string.Empty);
}
