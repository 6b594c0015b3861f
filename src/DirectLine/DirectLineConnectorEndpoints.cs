using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace B12Bot.DirectLine;

/// <summary>
/// The bot-facing side: the Bot Framework connector API (the part a bot uses to answer) under
/// <c>/directline/connector/{key}/v3/conversations/…</c>. The bot's replies arrive here exactly as they would at a
/// channel's service URL and are added to the conversation for the client to read. The key in the path is derived
/// from the conversation id with the server's signing key: without it nobody can put words in the bot's mouth.
/// </summary>
internal static class DirectLineConnectorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var connector = endpoints.MapGroup(DirectLineBotBridge.ConnectorPath + "/{key}/v3/conversations/{conversationId}/activities");
        connector.MapPost("/", (string key, string conversationId, HttpContext http, IDirectLineStore store, DirectLineBotBridge bridge, DirectLineOptions options) =>
            Receive(key, conversationId, replyToId: null, update: false, http, store, bridge, options));
        connector.MapPost("/{activityId}", (string key, string conversationId, string activityId, HttpContext http, IDirectLineStore store, DirectLineBotBridge bridge, DirectLineOptions options) =>
            Receive(key, conversationId, activityId, update: false, http, store, bridge, options));
        connector.MapPut("/{activityId}", (string key, string conversationId, string activityId, HttpContext http, IDirectLineStore store, DirectLineBotBridge bridge, DirectLineOptions options) =>
            Receive(key, conversationId, activityId, update: true, http, store, bridge, options));
    }

    private static async Task<IResult> Receive(
        string key, string conversationId, string? replyToId, bool update, HttpContext http, IDirectLineStore store,
        DirectLineBotBridge bridge, DirectLineOptions options)
    {
        // Unknown conversation or wrong key look the same from outside.
        if (!KeyMatches(key, bridge.ConnectorKey(conversationId))
            || await store.GetAsync(conversationId, http.RequestAborted) is not { Phase: not ConversationPhase.Ended } conversation)
        {
            return Results.NotFound();
        }

        var body = await RequestBodies.ReadAsync(http.Request, options.MaxBotActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var activity = DirectLineActivities.ParseObject(body);
        if (activity is null || DirectLineActivities.FromBot(activity, conversation, options, update ? null : replyToId) is not null)
        {
            return Results.BadRequest();
        }

        if (update)
        {
            // An update is the same activity again: clients replace what they showed under that id.
            activity["id"] = replyToId;
        }

        var id = await store.AppendAsync(conversation.Id, activity, ActivitySource.Bot, keepId: update, http.RequestAborted);
        return id is null ? Results.NotFound() : Results.Json(new ResourceResponse(id));
    }

    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private sealed record ResourceResponse([property: JsonPropertyName("id")] string Id);
}
