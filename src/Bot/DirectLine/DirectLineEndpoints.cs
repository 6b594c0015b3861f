using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// The Direct Line 3.0 REST endpoints as <c>botframework-directlinejs</c> (and so Web Chat) uses them, plus the
/// page's own token route. Status codes follow the client library: 401 for a missing or forged credential, 403 for
/// an expired token or another conversation's token (the client then asks for a new token), 404 for an unknown or
/// forgotten conversation (the client ends the chat), 413 for an activity that is too large, 429 when rate-limited.
/// </summary>
internal static partial class DirectLineEndpoints
{
    public const string CorsPolicy = "B12Bot.DirectLine";
    public const string TokensLimit = "B12Bot.DirectLine.Tokens";
    public const string PostsLimit = "B12Bot.DirectLine.Posts";
    public const string ReadsLimit = "B12Bot.DirectLine.Reads";

    private const string ApiPrefix = "/v3/directline";
    private static readonly TimeSpan StreamKeepAlive = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiPrefix).RequireCors(CorsPolicy);
        api.MapPost("/tokens/generate", GenerateToken).RequireRateLimiting(TokensLimit);
        api.MapPost("/tokens/refresh", RefreshToken).RequireRateLimiting(TokensLimit);
        api.MapPost("/conversations", StartConversation).RequireRateLimiting(TokensLimit);
        api.MapGet("/conversations/{conversationId}", ResumeConversation).RequireRateLimiting(TokensLimit);
        api.MapPost("/conversations/{conversationId}/activities", PostActivity).RequireRateLimiting(PostsLimit);
        api.MapGet("/conversations/{conversationId}/activities", GetActivities).RequireRateLimiting(ReadsLimit);
        api.MapGet("/conversations/{conversationId}/stream", Stream).RequireRateLimiting(TokensLimit);

        endpoints.MapPost("/api/webchat/token", WebChatToken).RequireCors(CorsPolicy).RequireRateLimiting(TokensLimit);
    }

    /// <summary>Server to server: the secret buys a token for a new conversation (optionally for a given user).</summary>
    private static async Task<IResult> GenerateToken(HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens)
    {
        if (!auth.IsSecret(DirectLineAuthenticator.BearerValue(http.Request)))
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "This endpoint needs the Direct Line secret.");
        }

        var body = await ReadOptionalBodyAsync(http.Request);
        var userId = RequestedUserId(body) ?? Ids.NewUserId();
        var (token, grant) = tokens.Issue(Ids.NewConversationId(), userId);
        return TokenResult(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }

    /// <summary>A fresh token for the same conversation and user; Web Chat calls this halfway through a token's life.</summary>
    private static IResult RefreshToken(HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens)
    {
        var problem = auth.Authenticate(http.Request, out var caller);
        if (problem != CallerProblem.None)
        {
            return Refuse(problem);
        }

        if (caller!.Token is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Only a token can be refreshed.");
        }

        var (token, grant) = tokens.Issue(caller.Token.ConversationId, caller.Token.UserId);
        return TokenResult(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// Starts the conversation a token names (or, with the secret, a new one); starting an existing conversation
    /// returns it. A new conversation gets a conversationUpdate, as on Azure, so the bot can say welcome.
    /// </summary>
    private static async Task<IResult> StartConversation(
        HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens, DirectLineConversationStore store,
        DirectLineBotBridge bridge, DirectLineOptions options)
    {
        var problem = auth.Authenticate(http.Request, out var caller);
        if (problem != CallerProblem.None)
        {
            return Refuse(problem);
        }

        var body = await ReadOptionalBodyAsync(http.Request);
        var locale = body?.Value<JToken>("locale") is { Type: JTokenType.String } value && IsLocale((string?)value) ? (string?)value : null;
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
            userId = RequestedUserId(body) ?? Ids.NewUserId();
        }

        var conversation = store.GetOrCreate(conversationId, userId, locale, out var created);
        if (!string.Equals(conversation.UserId, userId, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "This conversation belongs to someone else.");
        }

        if (created)
        {
            var started = DirectLineActivities.ConversationStarted(conversation, options);
            bridge.DeliverInBackground(conversation, DirectLineActivities.ForBot(started, bridge.ServiceUrlFor(conversation)));
        }

        var (token, grant) = tokens.Issue(conversation.Id, conversation.UserId);
        return TokenResult(http.Response, token, grant, tokens, StreamUrl(http.Request, conversation.Id, token, 0),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>Reconnects to a conversation (after a page reload, or to get a new stream address).</summary>
    private static IResult ResumeConversation(
        string conversationId, string? watermark, HttpContext http, DirectLineAuthenticator auth, DirectLineTokens tokens,
        DirectLineConversationStore store)
    {
        if (Authorize(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (!store.TryGet(conversationId, out var conversation))
        {
            return NotFound();
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");
        }

        var (token, grant) = tokens.Issue(conversation.Id, conversation.UserId);
        return TokenResult(http.Response, token, grant, tokens, StreamUrl(http.Request, conversation.Id, token, from), StatusCodes.Status200OK);
    }

    /// <summary>
    /// A client posts an activity: it is checked, completed by the server, added to the conversation (so the
    /// client sees its own message come back with an id) and handed to the bot; the answer is the activity's id.
    /// </summary>
    private static async Task<IResult> PostActivity(
        string conversationId, HttpContext http, DirectLineAuthenticator auth, DirectLineConversationStore store,
        DirectLineBotBridge bridge, DirectLineOptions options, ILogger<DirectLineBotBridge> logger)
    {
        if (Authorize(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (!store.TryGet(conversationId, out var conversation))
        {
            return NotFound();
        }

        if (!IsJson(http.Request.ContentType))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Post the activity as application/json.");
        }

        var body = await RequestBodies.ReadAsync(http.Request, options.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The activity is too large.");
        }

        var posted = DirectLineActivities.ParseObject(body);
        if (posted is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not a JSON activity.");
        }

        var reason = DirectLineActivities.FromClient(posted, conversation, options, out var activity);
        if (reason is not null)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", reason);
        }

        var id = store.Append(conversation, activity);
        EndpointLog.Posted(logger, (string)activity["type"]!);
        try
        {
            await bridge.DeliverAsync(conversation, DirectLineActivities.ForBot(activity, bridge.ServiceUrlFor(conversation)), CancellationToken.None);
        }
#pragma warning disable CA1031 // Whatever went wrong in the bot, the client gets a 502 and the log gets the kind of error only.
        catch (Exception e)
#pragma warning restore CA1031
        {
            EndpointLog.TurnFailed(logger, e.GetType().Name);
            return Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not handle the activity.");
        }

        return Results.Json(new ResourceResponse(id));
    }

    /// <summary>The activities after the watermark, and the new watermark (Web Chat polls this about once a second).</summary>
    private static IResult GetActivities(
        string conversationId, string? watermark, HttpContext http, DirectLineAuthenticator auth,
        DirectLineConversationStore store, DirectLineOptions options)
    {
        if (Authorize(http.Request, auth, conversationId) is { } refused)
        {
            return refused;
        }

        if (!store.TryGet(conversationId, out var conversation))
        {
            return NotFound();
        }

        if (!TryParseWatermark(watermark, out var from))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");
        }

        var (activities, next) = conversation.Read(from, options.MaxActivitiesPerGet);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(DirectLineActivities.ActivitySet(activities, next), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// The WebSocket stream: each message is an activity set, sent as soon as activities arrive. The token comes
    /// in the query (<c>?t=</c>), as browsers cannot set headers on a WebSocket.
    /// </summary>
    private static async Task Stream(
        string conversationId, string? t, string? watermark, HttpContext http, DirectLineAuthenticator auth,
        DirectLineConversationStore store, DirectLineOptions options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await Error(StatusCodes.Status400BadRequest, "BadArgument", "Connect with a WebSocket.").ExecuteAsync(http);
            return;
        }

        var problem = auth.Authenticate(t ?? DirectLineAuthenticator.BearerValue(http.Request), out var caller);
        IResult? refused = problem != CallerProblem.None ? Refuse(problem)
            : !caller!.MayUse(conversationId) ? Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.")
            : !OriginAllowed(http.Request, options) ? Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin is not allowed.")
            : null;
        if (refused is not null)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        if (!store.TryGet(conversationId, out var conversation) || !TryParseWatermark(watermark, out var sent))
        {
            await NotFound().ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var receiving = DrainAsync(socket, closed);
        try
        {
            while (socket.State == WebSocketState.Open && !closed.IsCancellationRequested)
            {
                var (activities, next) = conversation.Read(sent, options.MaxActivitiesPerGet);
                if (activities.Count > 0)
                {
                    var bytes = Encoding.UTF8.GetBytes(DirectLineActivities.ActivitySet(activities, next));
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    sent = next;
                    continue;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                wait.CancelAfter(StreamKeepAlive);
                try
                {
                    await conversation.WaitForActivityAsync(sent, wait.Token);
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    // Nothing new for a while: an empty message keeps proxies from closing the connection.
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        finally
        {
            await closed.CancelAsync();
            await receiving;
        }
    }

    /// <summary>
    /// The demo page's token: a new conversation token, minted by the server, so the page never needs the secret.
    /// Only for the page's own origin and the allowed origins, and rate-limited.
    /// </summary>
    private static IResult WebChatToken(HttpContext http, DirectLineTokens tokens, DirectLineOptions options)
    {
        if (!options.EnableWebChatTokenRoute)
        {
            return NotFound();
        }

        if (!OriginAllowed(http.Request, options))
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin is not allowed.");
        }

        var (token, grant) = tokens.Issue(Ids.NewConversationId(), Ids.NewUserId());
        return TokenResult(http.Response, token, grant, tokens, streamUrl: null, StatusCodes.Status200OK);
    }

    /// <summary>Whether a browser request comes from this site or an allowed origin (requests without Origin are not from a page).</summary>
    internal static bool OriginAllowed(HttpRequest request, DirectLineOptions options)
    {
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static IResult? Authorize(HttpRequest request, DirectLineAuthenticator auth, string conversationId)
    {
        var problem = auth.Authenticate(request, out var caller);
        if (problem != CallerProblem.None)
        {
            return Refuse(problem);
        }

        return caller!.MayUse(conversationId)
            ? null
            : Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");
    }

    private static IResult Refuse(CallerProblem problem) => problem switch
    {
        CallerProblem.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired."),
        CallerProblem.Missing => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A Bearer token is needed."),
        _ => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "The token is not valid."),
    };

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(new ErrorBody(code, message)), statusCode: status);

    /// <summary>A token answer; tokens must not be cached by the browser or a proxy.</summary>
    private static IResult TokenResult(HttpResponse response, string token, DirectLineToken grant, DirectLineTokens tokens, string? streamUrl, int status)
    {
        response.Headers.CacheControl = "no-store";
        return Results.Json(new ConversationResponse(grant.ConversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl), statusCode: status);
    }

    private static string StreamUrl(HttpRequest request, string conversationId, string token, long watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = $"?t={Uri.EscapeDataString(token)}";
        if (watermark > 0)
        {
            query += "&watermark=" + watermark.ToString(CultureInfo.InvariantCulture);
        }

        return $"{scheme}://{request.Host.Value}{request.PathBase}{ApiPrefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }

    private static bool TryParseWatermark(string? value, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(value)
            || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsLocale(string? value) =>
        value is { Length: > 0 and <= 20 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The <c>user.id</c> a trusted caller asked for, if it is a valid id.</summary>
    private static string? RequestedUserId(JObject? body) =>
        body?["user"] is JObject user && user.Value<JToken>("id") is { Type: JTokenType.String } id && Ids.IsUserId((string?)id)
            ? (string?)id
            : null;

    /// <summary>Reads a small optional JSON body (the start-conversation parameters); anything else counts as none.</summary>
    private static async Task<JObject?> ReadOptionalBodyAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType))
        {
            return null;
        }

        var body = await RequestBodies.ReadAsync(request, 4096, request.HttpContext.RequestAborted);
        return body is { Length: > 0 } ? DirectLineActivities.ParseObject(body) : null;
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed from either side.
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    private sealed record ConversationResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

    private sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);

    private sealed record ResourceResponse([property: JsonPropertyName("id")] string Id);

    private static partial class EndpointLog
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line client posted a {ActivityType} activity")]
        public static partial void Posted(ILogger logger, string activityType);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line turn failed: {ErrorKind}")]
        public static partial void TurnFailed(ILogger logger, string errorKind);
    }
}
