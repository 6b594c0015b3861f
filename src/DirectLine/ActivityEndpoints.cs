using System.Text;

namespace B12Bot.DirectLine;

/// <summary>Posting activities (handed to the bot) and reading them (Web Chat's polling).</summary>
internal static partial class ActivityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/conversations/{conversationId}/activities", PostAsync).RequireRateLimiting(DirectLineEndpoints.PostsLimit);
        api.MapGet("/conversations/{conversationId}/activities", GetAsync).RequireRateLimiting(DirectLineEndpoints.ReadsLimit);
    }

    /// <summary>
    /// A client posts an activity: it is checked, completed by the server, added to the conversation (so the
    /// client sees its own message come back with an id) and handed to the bot; the answer is the activity's id.
    /// When the turn ended the conversation ("vergeet mij"), the conversation is sealed: its reply is read once more.
    /// </summary>
    private static async Task<IResult> PostAsync(
        string conversationId, HttpContext http, DirectLineAuthenticator auth, IDirectLineStore store,
        DirectLineBotBridge bridge, DirectLineOptions options, ILogger<DirectLineBotBridge> logger)
    {
        if (await DirectLineRequests.AuthorizeAsync(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (await store.GetAsync(conversationId, http.RequestAborted) is not { Phase: ConversationPhase.Active } conversation)
        {
            return DirectLineResults.NotFound();
        }

        if (!DirectLineRequests.IsJson(http.Request.ContentType))
        {
            return DirectLineResults.Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Post the activity as application/json.");
        }

        var body = await RequestBodies.ReadAsync(http.Request, options.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return DirectLineResults.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The activity is too large.");
        }

        var posted = DirectLineActivities.ParseObject(body);
        if (posted is null)
        {
            return DirectLineResults.Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not a JSON activity.");
        }

        var reason = DirectLineActivities.FromClient(posted, conversation, options, out var activity);
        if (reason is not null)
        {
            return DirectLineResults.Error(StatusCodes.Status400BadRequest, "BadArgument", reason);
        }

        if (await store.AppendAsync(conversation.Id, activity, ActivitySource.Client, keepId: false, http.RequestAborted) is not { } id)
        {
            return DirectLineResults.NotFound();
        }

        Log.Posted(logger, (string)activity["type"]!);
        try
        {
            await bridge.DeliverAsync(conversation, DirectLineActivities.ForBot(activity, bridge.ServiceUrlFor(conversation)), CancellationToken.None);
        }
#pragma warning disable CA1031 // Whatever went wrong in the bot, the client gets a 502 and the log gets the kind of error only.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.TurnFailed(logger, e.GetType().Name);
            await SealIfEndingAsync(store, conversation.Id);
            return DirectLineResults.Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not handle the activity.");
        }

        await SealIfEndingAsync(store, conversation.Id);
        return DirectLineResults.Resource(id);
    }

    /// <summary>
    /// The activities after the watermark, and the new watermark (Web Chat polls this about once a second). A
    /// conversation ended with "vergeet mij" hands out the bot's last reply, and then is gone (404).
    /// </summary>
    private static async Task<IResult> GetAsync(
        string conversationId, string? watermark, HttpContext http, DirectLineAuthenticator auth,
        IDirectLineStore store, DirectLineOptions options)
    {
        if (await DirectLineRequests.AuthorizeAsync(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (!DirectLineRequests.TryParseWatermark(watermark, out var from))
        {
            return await store.GetAsync(conversationId, http.RequestAborted) is null ? DirectLineResults.NotFound() : DirectLineResults.BadWatermark();
        }

        if (await store.ReadAsync(conversationId, from, options.MaxActivitiesPerGet, http.RequestAborted) is not { } page)
        {
            return DirectLineResults.NotFound();
        }

        if (page.Phase == ConversationPhase.Ended && page.Activities.Count == 0)
        {
            await store.RemoveAsync(conversationId, http.RequestAborted);
            return DirectLineResults.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(DirectLineActivities.ActivitySet(page.Activities, page.Watermark), "application/json", Encoding.UTF8);
    }

    private static async Task SealIfEndingAsync(IDirectLineStore store, string conversationId)
    {
        if (await store.GetAsync(conversationId, CancellationToken.None) is { Phase: ConversationPhase.Ending })
        {
            await store.SealAsync(conversationId, CancellationToken.None);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line client posted a {ActivityType} activity")]
        public static partial void Posted(ILogger logger, string activityType);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line turn failed: {ErrorKind}")]
        public static partial void TurnFailed(ILogger logger, string errorKind);
    }
}
