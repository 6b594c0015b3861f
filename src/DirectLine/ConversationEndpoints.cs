using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>Starting a conversation and reconnecting to one.</summary>
internal static class ConversationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/conversations", StartAsync).RequireRateLimiting(DirectLineEndpoints.TokensLimit);
        api.MapGet("/conversations/{conversationId}", ResumeAsync).RequireRateLimiting(DirectLineEndpoints.TokensLimit);
    }

    /// <summary>
    /// Starts the conversation a token names (or, with the secret, a new one); starting an existing conversation
    /// returns it. A new conversation gets a conversationUpdate, as on Azure, so the bot can say welcome.
    /// </summary>
    private static async Task<IResult> StartAsync(
        HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens, IDirectLineStore store,
        DirectLineBotBridge bridge, DirectLineOptions options)
    {
        var (problem, caller) = await auth.AuthenticateAsync(http.Request);
        if (problem != CallerProblem.None)
        {
            return DirectLineResults.Refuse(problem);
        }

        var body = await DirectLineRequests.ReadOptionalBodyAsync(http.Request);
        var locale = body?.Value<JToken>("locale") is { Type: JTokenType.String } value && DirectLineRequests.IsLocale((string?)value) ? (string?)value : null;
        string conversationId;
        string userId;
        if (caller!.Token is { } granted)
        {
            conversationId = granted.ConversationId;
            userId = granted.UserId;
        }
        else
        {
            conversationId = Ids.NewConversationId();
            userId = DirectLineRequests.RequestedUserId(body) ?? Ids.NewUserId();
        }

        var started = await store.StartAsync(conversationId, userId, locale, http.RequestAborted);
        switch (started.Outcome)
        {
            case StartOutcome.Forgotten:
                return DirectLineResults.Revoked();
            case StartOutcome.TooMany:
                return DirectLineResults.RetryLater(http.Response, StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many new conversations; try again later.", started.RetryAfter);
            case StartOutcome.Full:
                return DirectLineResults.RetryLater(http.Response, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "No room for a new conversation; try again later.", started.RetryAfter);
        }

        var conversation = started.Conversation!;
        if (!string.Equals(conversation.UserId, userId, StringComparison.Ordinal))
        {
            return DirectLineResults.Error(StatusCodes.Status403Forbidden, "Forbidden", "This conversation belongs to someone else.");
        }

        if (conversation.Phase != ConversationPhase.Active)
        {
            return DirectLineResults.Revoked();
        }

        var created = started.Outcome == StartOutcome.Created;
        if (created)
        {
            var welcome = DirectLineActivities.ConversationStarted(conversation, options);
            bridge.DeliverInBackground(conversation, DirectLineActivities.ForBot(welcome, bridge.ServiceUrlFor(conversation)));
        }

        var (token, grant) = tokens.Issue(conversation.Id, conversation.UserId);
        return DirectLineResults.Token(http.Response, token, grant, tokens, DirectLineResults.StreamUrl(http.Request, conversation.Id, token, 0),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>Reconnects to a conversation (after a page reload, or to get a new stream address).</summary>
    private static async Task<IResult> ResumeAsync(
        string conversationId, string? watermark, HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens,
        IDirectLineStore store)
    {
        if (await DirectLineRequests.AuthorizeAsync(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (await store.GetAsync(conversationId, http.RequestAborted) is not { Phase: ConversationPhase.Active } conversation)
        {
            return DirectLineResults.NotFound();
        }

        if (!DirectLineRequests.TryParseWatermark(watermark, out var from))
        {
            return DirectLineResults.BadWatermark();
        }

        var (token, grant) = tokens.Issue(conversation.Id, conversation.UserId);
        return DirectLineResults.Token(http.Response, token, grant, tokens,
            DirectLineResults.StreamUrl(http.Request, conversation.Id, token, from), StatusCodes.Status200OK);
    }
}
