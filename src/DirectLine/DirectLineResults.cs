using System.Globalization;
using System.Text.Json.Serialization;

namespace B12Bot.DirectLine;

/// <summary>The answers the endpoints share: Direct Line error bodies, token answers, stream addresses.</summary>
internal static class DirectLineResults
{
    public static IResult Refuse(CallerProblem problem) => problem switch
    {
        CallerProblem.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired."),
        CallerProblem.Missing => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A Bearer token is needed."),
        _ => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "The token is not valid."),
    };

    public static IResult Revoked() => Error(StatusCodes.Status403Forbidden, "TokenRevoked", "This conversation has ended.");

    public static IResult OtherConversation() => Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    public static IResult BadWatermark() => Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorResponse(new ErrorBody(code, message)), statusCode: status);

    /// <summary>An error with <c>Retry-After</c> (whole seconds, at least one).</summary>
    public static IResult RetryLater(HttpResponse response, int status, string code, string message, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(status, code, message);
    }

    /// <summary>A token answer; tokens must not be cached by the browser or a proxy.</summary>
    public static IResult Token(HttpResponse response, string token, DirectLineToken grant, DirectLineTokens tokens, string? streamUrl, int status)
    {
        response.Headers.CacheControl = "no-store";
        return Results.Json(new ConversationResponse(grant.ConversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl), statusCode: status);
    }

    public static IResult Resource(string id) => Results.Json(new ResourceResponse(id));

    public static string StreamUrl(HttpRequest request, string conversationId, string token, long watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var query = $"?t={Uri.EscapeDataString(token)}";
        if (watermark > 0)
        {
            query += "&watermark=" + watermark.ToString(CultureInfo.InvariantCulture);
        }

        return $"{scheme}://{request.Host.Value}{request.PathBase}{DirectLineEndpoints.ApiPrefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream{query}";
    }

    private sealed record ConversationResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);

    private sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);

    private sealed record ResourceResponse([property: JsonPropertyName("id")] string Id);
}
