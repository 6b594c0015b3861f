using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// Turns what a client posts into the activity the bot receives (only the fields a client may set; the server
/// fills id, time, sender, recipient, conversation and channel), and what the bot sends into the activity clients
/// read. Activities are handled as JSON so that nothing the client or bot sent is lost or reshaped on the way.
/// </summary>
internal static class DirectLineActivities
{
    public const string ChannelId = "directline";

    private const int MaxDepth = 32;
    private const int MaxNameLength = 64;

    /// <summary>The fields a client may set; everything else it sends is dropped.</summary>
    private static readonly string[] ClientFields =
    [
        "type", "text", "textFormat", "locale", "localTimestamp", "localTimezone", "channelData", "entities", "value",
        "name", "speak", "inputHint", "replyToId", "attachments",
    ];

    private static readonly JsonSerializerSettings ReadSettings = new()
    {
        MaxDepth = MaxDepth,
        DateParseHandling = DateParseHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
    };

    private static readonly JsonSerializer ActivitySerializer = JsonSerializer.Create(ReadSettings);

    /// <summary>Parses a JSON object, or returns null when the bytes are not one (bad UTF-8, bad JSON, too deep).</summary>
    public static JObject? ParseObject(byte[] body)
    {
        try
        {
            var text = new UTF8Encoding(false, true).GetString(body);
            using var reader = new JsonTextReader(new StringReader(text)) { MaxDepth = MaxDepth, DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader);
            return reader.Read() ? null : token as JObject;
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// The activity a client posted, rebuilt from the fields it may set. Returns a reason (for a 400) when it
    /// is not a message or event, or carries attachments (this endpoint has no upload).
    /// </summary>
    public static string? FromClient(JObject posted, DirectLineConversation conversation, DirectLineOptions options, out JObject activity)
    {
        activity = new JObject();
        var type = posted.Value<JToken>("type");
        if (type?.Type != JTokenType.String || (string?)type is not (ActivityTypes.Message or ActivityTypes.Event))
        {
            return "only message and event activities can be posted";
        }

        if (posted["attachments"] is JArray { Count: > 0 })
        {
            return "attachments are not supported";
        }

        foreach (var field in ClientFields)
        {
            if (posted.TryGetValue(field, StringComparison.Ordinal, out var value) && value.Type != JTokenType.Null && field != "attachments")
            {
                activity[field] = value;
            }
        }

        foreach (var field in (ReadOnlySpan<string>)["text", "textFormat", "locale", "name", "replyToId", "speak", "inputHint"])
        {
            if (activity.TryGetValue(field, StringComparison.Ordinal, out var value) && value.Type != JTokenType.String)
            {
                return $"{field} must be a string";
            }
        }

        if (activity["entities"] is { } entities && entities.Type != JTokenType.Array)
        {
            return "entities must be an array";
        }

        if (activity["channelData"] is { } channelData)
        {
            if (channelData.Type != JTokenType.Object)
            {
                return "channelData must be an object";
            }

            // Web Chat sends a client activity id and a timestamp; anything larger is not kept.
            if (Encoding.UTF8.GetByteCount(channelData.ToString(Formatting.None)) > options.MaxChannelDataBytes)
            {
                activity.Remove("channelData");
            }
        }

        var from = new JObject { ["id"] = conversation.UserId, ["role"] = RoleTypes.User };
        if (posted["from"] is JObject postedFrom && postedFrom.Value<JToken>("name") is { Type: JTokenType.String } name)
        {
            from["name"] = Truncate((string)name!, MaxNameLength);
        }

        activity["timestamp"] = Now();
        activity["channelId"] = ChannelId;
        activity["from"] = from;
        activity["conversation"] = new JObject { ["id"] = conversation.Id };
        activity["recipient"] = BotAccount(options);
        return null;
    }

    /// <summary>The conversationUpdate that tells the bot a conversation started (its welcome comes from this).</summary>
    public static JObject ConversationStarted(DirectLineConversation conversation, DirectLineOptions options)
    {
        var activity = new JObject
        {
            ["type"] = ActivityTypes.ConversationUpdate,
            ["id"] = conversation.Id + "|start",
            ["timestamp"] = Now(),
            ["channelId"] = ChannelId,
            ["from"] = new JObject { ["id"] = conversation.UserId, ["role"] = RoleTypes.User },
            ["conversation"] = new JObject { ["id"] = conversation.Id },
            ["recipient"] = BotAccount(options),
            ["membersAdded"] = new JArray(BotAccount(options), new JObject { ["id"] = conversation.UserId }),
        };
        if (conversation.Locale is { } locale)
        {
            activity["locale"] = locale;
        }

        return activity;
    }

    /// <summary>
    /// Makes what the bot sent fit for the log: the conversation, channel and time are the server's; the sender
    /// is marked as the bot. Returns a reason when it is not an activity.
    /// </summary>
    public static string? FromBot(JObject sent, DirectLineConversation conversation, DirectLineOptions options, string? replyToId)
    {
        if (sent.Value<JToken>("type") is not { Type: JTokenType.String } type || string.IsNullOrWhiteSpace((string?)type))
        {
            return "activity needs a type";
        }

        var from = sent["from"] as JObject ?? BotAccount(options);
        from["role"] = RoleTypes.Bot;
        if (from.Value<JToken>("id") is not { Type: JTokenType.String })
        {
            from["id"] = options.BotId;
        }

        sent["from"] = from;
        sent["conversation"] = new JObject { ["id"] = conversation.Id };
        sent["channelId"] = ChannelId;
        sent["timestamp"] = Now();
        sent.Remove("serviceUrl");
        if (replyToId is not null && sent["replyToId"] is null)
        {
            sent["replyToId"] = replyToId;
        }

        return null;
    }

    /// <summary>The activity as the bot receives it: the logged JSON plus the address to reply to.</summary>
    public static Activity ForBot(JObject logged, string serviceUrl)
    {
        var copy = (JObject)logged.DeepClone();
        copy["serviceUrl"] = serviceUrl;
        return copy.ToObject<Activity>(ActivitySerializer)!;
    }

    /// <summary><c>{"activities":[…],"watermark":"7"}</c>, written from the stored JSON as is.</summary>
    public static string ActivitySet(IReadOnlyList<string> activities, long watermark)
    {
        var builder = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(activities[i]);
        }

        return builder.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}").ToString();
    }

    private static JObject BotAccount(DirectLineOptions options) =>
        new() { ["id"] = options.BotId, ["name"] = options.BotName, ["role"] = RoleTypes.Bot };

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
