using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>Speaks Direct Line 3.0 the way botframework-directlinejs does (polling), for the HTTP tests.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public HttpClient Http => http;

    /// <summary>What the demo page does first: a token from the server-side route.</summary>
    /// <summary>A page token, a conversation started with it and the bot's welcome read: the conversation's id, token and stream.</summary>
    public async Task<(string Id, string Token, Uri StreamUrl)> StartedConversationAsync()
    {
        var (_, issued) = await PageTokenAsync();
        var (status, conversation) = await StartAsync((string)issued["token"]!);
        Assert.Equal(HttpStatusCode.Created, status);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        await WaitForAsync(id, token, IsBotMessage);
        return (id, token, new Uri((string)conversation["streamUrl"]!));
    }

    public async Task<(HttpStatusCode Status, JObject Body)> PageTokenAsync(string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await SendAsync(request);
    }

    public Task<(HttpStatusCode Status, JObject Body)> GenerateAsync(string? secret, JObject? body = null) =>
        SendAsync(Request(HttpMethod.Post, "/v3/directline/tokens/generate", secret, body));

    public Task<(HttpStatusCode Status, JObject Body)> RefreshAsync(string? token) =>
        SendAsync(Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token));

    public Task<(HttpStatusCode Status, JObject Body)> StartAsync(string? token, string locale = "nl-NL") =>
        SendAsync(Request(HttpMethod.Post, "/v3/directline/conversations", token, new JObject { ["user"] = new JObject(), ["locale"] = locale }));

    public Task<(HttpStatusCode Status, JObject Body)> ResumeAsync(string conversationId, string? token, string watermark = "") =>
        SendAsync(Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark={watermark}", token));

    public Task<(HttpStatusCode Status, JObject Body)> PostAsync(string conversationId, string? token, JObject activity) =>
        SendAsync(Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity));

    public async Task<(HttpStatusCode Status, JArray Activities, string? Watermark)> GetAsync(string conversationId, string? token, string watermark = "")
    {
        var (status, body) = await SendAsync(Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token));
        return (status, body["activities"] as JArray ?? [], (string?)body["watermark"]);
    }

    /// <summary>Polls (as Web Chat does) until an activity matching <paramref name="match"/> arrives; returns it and the watermark.</summary>
    public async Task<(JObject Activity, string Watermark)> WaitForAsync(string conversationId, string token, Func<JObject, bool> match, string watermark = "")
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (status, activities, next) = await GetAsync(conversationId, token, watermark);
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var activity in activities.OfType<JObject>())
            {
                if (match(activity))
                {
                    return (activity, next!);
                }
            }

            watermark = next ?? watermark;
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>A message as Web Chat posts it: channel data with its clientActivityID, its own (ignored) ids.</summary>
    public static JObject Message(string text, string clientActivityId) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["locale"] = "nl-NL",
        ["channelId"] = "webchat",
        ["from"] = new JObject { ["id"] = "r_made_up_by_client", ["name"] = "Bezoeker", ["role"] = "user" },
        ["channelData"] = new JObject { ["clientActivityID"] = clientActivityId },
        ["serviceUrl"] = "https://somewhere-else.example/",
        ["deliveryMode"] = "expectReplies",
    };

    public static bool IsBotMessage(JObject activity) =>
        (string?)activity["type"] == "message" && (string?)activity["from"]?["role"] == "bot";

    private static HttpRequestMessage Request(HttpMethod method, string path, string? bearer, JObject? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JObject Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.StartsWith('{') ? JObject.Parse(text) : [];
            return (response.StatusCode, body);
        }
    }
}
