namespace B12Bot.DirectLine;

/// <summary>
/// The Direct Line 3.0 REST endpoints as <c>botframework-directlinejs</c> (and so Web Chat) uses them, plus the
/// page's own token route, split by what they serve: <see cref="TokenEndpoints"/>, <see cref="ConversationEndpoints"/>,
/// <see cref="ActivityEndpoints"/>, <see cref="StreamEndpoint"/>. Status codes follow the client library: 401 for a
/// missing or forged credential, 403 for an expired, revoked or another conversation's token (the client then asks
/// for a new token), 404 for an unknown or forgotten conversation (the client ends the chat), 413 for an activity
/// that is too large, 429 when rate-limited, 503 when the conversation store cannot be reached or is full.
/// </summary>
internal static class DirectLineEndpoints
{
    public const string CorsPolicy = "B12Bot.DirectLine";
    public const string TokensLimit = "B12Bot.DirectLine.Tokens";
    public const string PostsLimit = "B12Bot.DirectLine.Posts";
    public const string ReadsLimit = "B12Bot.DirectLine.Reads";
    public const string ApiPrefix = "/v3/directline";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiPrefix).RequireCors(CorsPolicy);
        TokenEndpoints.Map(api);
        ConversationEndpoints.Map(api);
        ActivityEndpoints.Map(api);
        StreamEndpoint.Map(api);
        TokenEndpoints.MapPageToken(endpoints);
    }
}
