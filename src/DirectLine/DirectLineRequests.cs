using System.Globalization;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>What the endpoints read from requests: who calls, for which conversation, from where, with what.</summary>
internal static class DirectLineRequests
{
    /// <summary>Null when the caller may use <paramref name="conversationId"/>; otherwise the refusal.</summary>
    public static async Task<IResult?> AuthorizeAsync(HttpRequest request, DirectLineAuthenticator auth, string conversationId)
    {
        var (problem, caller) = await auth.AuthenticateAsync(request).ConfigureAwait(false);
        if (problem != CallerProblem.None)
        {
            return DirectLineResults.Refuse(problem);
        }

        return caller!.MayUse(conversationId) ? null : DirectLineResults.OtherConversation();
    }

    /// <summary>Whether a browser request comes from this site or an allowed origin (requests without Origin are not from a page).</summary>
    public static bool OriginAllowed(HttpRequest request, DirectLineOptions options)
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

    public static bool TryParseWatermark(string? value, out long watermark)
    {
        watermark = 0;
        return string.IsNullOrEmpty(value)
            || (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out watermark) && watermark >= 0);
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    public static bool IsLocale(string? value) =>
        value is { Length: > 0 and <= 20 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The <c>user.id</c> a trusted caller asked for, if it is a valid id.</summary>
    public static string? RequestedUserId(JObject? body) =>
        body?["user"] is JObject user && user.Value<JToken>("id") is { Type: JTokenType.String } id && Ids.IsUserId((string?)id)
            ? (string?)id
            : null;

    /// <summary>Reads a small optional JSON body (the start-conversation parameters); anything else counts as none.</summary>
    public static async Task<JObject?> ReadOptionalBodyAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType))
        {
            return null;
        }

        var body = await RequestBodies.ReadAsync(request, 4096, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return body is { Length: > 0 } ? DirectLineActivities.ParseObject(body) : null;
    }
}
