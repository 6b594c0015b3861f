namespace B12Bot.DirectLine;

/// <summary>Tokens: bought with the secret (a pharmacy's server), refreshed by Web Chat, or minted for the demo page.</summary>
internal static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tokens/generate", GenerateAsync).RequireRateLimiting(DirectLineEndpoints.TokensLimit);
        api.MapPost("/tokens/refresh", RefreshAsync).RequireRateLimiting(DirectLineEndpoints.TokensLimit);
    }

    public static void MapPageToken(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/webchat/token", PageToken).RequireCors(DirectLineEndpoints.CorsPolicy).RequireRateLimiting(DirectLineEndpoints.TokensLimit);

    /// <summary>Server to server: the secret buys a token for a new conversation (optionally for a given user).</summary>
    private static async Task<IResult> GenerateAsync(HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens)
    {
        if (!auth.IsSecret(DirectLineAuthenticator.BearerValue(http.Request)))
        {
            return DirectLineResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized", "This endpoint needs the Direct Line secret.");
        }

        var body = await DirectLineRequests.ReadOptionalBodyAsync(http.Request);
        var userId = DirectLineRequests.RequestedUserId(body) ?? Ids.NewUserId();
        var (token, grant) = tokens.Issue(Ids.NewConversationId(), userId);
        return DirectLineResults.Token(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// A fresh token for the same conversation and user; Web Chat calls this halfway through a token's life. A
    /// conversation ended with "vergeet mij" gets none.
    /// </summary>
    private static async Task<IResult> RefreshAsync(HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens, IDirectLineStore store)
    {
        var (problem, caller) = await auth.AuthenticateAsync(http.Request);
        if (problem != CallerProblem.None)
        {
            return DirectLineResults.Refuse(problem);
        }

        if (caller!.Token is null)
        {
            return DirectLineResults.Error(StatusCodes.Status400BadRequest, "BadArgument", "Only a token can be refreshed.");
        }

        var conversationId = caller.Token.ConversationId;
        if (await store.IsForgottenAsync(conversationId, http.RequestAborted)
            || await store.GetAsync(conversationId, http.RequestAborted) is { Phase: not ConversationPhase.Active })
        {
            return DirectLineResults.Revoked();
        }

        var (token, grant) = tokens.Issue(conversationId, caller.Token.UserId);
        return DirectLineResults.Token(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The demo page's token: a new conversation token, minted by the server, so the page never needs the secret.
    /// Only for the page's own origin and the allowed origins, and rate-limited.
    /// </summary>
    private static IResult PageToken(HttpContext http, DirectLineTokens tokens, DirectLineOptions options)
    {
        if (!options.EnableWebChatTokenRoute)
        {
            return DirectLineResults.NotFound();
        }

        if (!DirectLineRequests.OriginAllowed(http.Request, options))
        {
            return DirectLineResults.Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin is not allowed.");
        }

        var (token, grant) = tokens.Issue(Ids.NewConversationId(), Ids.NewUserId());
        return DirectLineResults.Token(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }
}
