using System.Buffers;
using System.Net;
using System.Text.Json;
using System.Text.Unicode;

namespace B12Bot.Adapters;

/// <summary>
/// Checks a POST to <c>/api/messages</c> before the Bot Framework adapter sees it. The stock stack answers
/// 500 to invalid UTF-8, a missing or relative <c>serviceUrl</c> or an unknown <c>deliveryMode</c>; this turns
/// such requests into a 4xx with a short reason (never echoing the user's text).
/// </summary>
public sealed class ActivityRequestValidator(ActivityRequestOptions options)
{
    /// <summary>Whether requests must carry a Bot Framework token (an app id is configured).</summary>
    public bool AuthenticationEnabled => options.AuthenticationEnabled;

    /// <summary>How many serviceUrl prefixes replies may go to (<c>Bot:AllowedServiceUrls</c>).</summary>
    public int AllowedServiceUrlCount => options.AllowedServiceUrls.Count;

    /// <summary>
    /// Whether an Authorization header can be a Bot Framework token at all: "Bearer" and a JWT of three base64url
    /// segments. Anything else is refused with 401 before the framework parses it (it would throw: a 500).
    /// </summary>
    public static bool IsWellFormedBearer(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization[Scheme.Length..].Trim();
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(IsBase64Url)))
        {
            return false;
        }

        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CanReadToken(token);
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>Reads and checks the body. On success returns the body bytes; otherwise the status and reason.</summary>
    public async Task<ActivityRequestCheck> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json");
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.RequestEntityTooLarge, "activity too large");
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, request.ContentLength, options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.BadRequest, "body shorter than its Content-Length");
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel gave up on the body: too slow (below its minimum data rate) or cut off.
            return ActivityRequestCheck.Refuse(
                ex.StatusCode == StatusCodes.Status408RequestTimeout ? HttpStatusCode.RequestTimeout : HttpStatusCode.BadRequest,
                "request body incomplete or too slow");
        }

        if (body is null)
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.RequestEntityTooLarge, "activity too large");
        }

        if (!Utf8.IsValid(body))
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.BadRequest, "body is not valid UTF-8 JSON");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
            var reason = CheckActivity(document.RootElement);
            return reason is null
                ? ActivityRequestCheck.Accept(body)
                : ActivityRequestCheck.Refuse(HttpStatusCode.BadRequest, reason);
        }
        catch (JsonException)
        {
            return ActivityRequestCheck.Refuse(HttpStatusCode.BadRequest, "body is not valid UTF-8 JSON");
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") in a field that must be read as a string.
            return ActivityRequestCheck.Refuse(HttpStatusCode.BadRequest, "invalid string in activity");
        }
    }

    private string? CheckActivity(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "activity must be a JSON object";
        }

        // One pass over the activity's properties (the last of a repeated name counts, as for a look-up by name),
        // instead of a look-up by name per field.
        var fields = default(Fields);
        foreach (var property in activity.EnumerateObject())
        {
            fields.Take(property);
        }

        if (!NonEmptyString(fields.Type))
        {
            return "activity needs a type";
        }

        if (!NonEmptyString(fields.ChannelId))
        {
            return "activity needs a channelId";
        }

        if (!HasObjectWithId(fields.Conversation))
        {
            return "activity needs conversation.id";
        }

        if (!HasObjectWithId(fields.From))
        {
            return "activity needs from.id";
        }

        if (fields.Recipient is { } recipient && recipient.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return "recipient must be an object";
        }

        foreach (var (field, value) in (ReadOnlySpan<(string, JsonElement?)>)[
            ("text", fields.Text), ("locale", fields.Locale), ("id", fields.Id), ("replyToId", fields.ReplyToId), ("textFormat", fields.TextFormat)])
        {
            if (value is { } given && given.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"{field} must be a string";
            }
        }

        if (fields.Attachments is { } attachments && attachments.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            return "attachments must be an array";
        }

        if (fields.Entities is { } entities && entities.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            return "entities must be an array";
        }

        var expectReplies = false;
        if (fields.DeliveryMode is { ValueKind: not JsonValueKind.Null } mode)
        {
            if (mode.ValueKind != JsonValueKind.String || !IsDeliveryMode(mode, out expectReplies))
            {
                return "unknown deliveryMode";
            }
        }

        if (fields.ServiceUrl is not { ValueKind: JsonValueKind.String } serviceUrl
            || !Uri.TryCreate(serviceUrl.GetString(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "activity needs an absolute http(s) serviceUrl";
        }

        if (!options.IsAllowedServiceUrl(uri, expectReplies))
        {
            return "serviceUrl not allowed";
        }

        return null;
    }

    /// <summary>Whether a deliveryMode string is one of the known modes (compared as UTF-8, without a string).</summary>
    private static bool IsDeliveryMode(JsonElement mode, out bool expectReplies)
    {
        expectReplies = mode.ValueEquals("expectReplies"u8);
        return expectReplies || mode.ValueEquals("normal"u8) || mode.ValueEquals("notification"u8) || mode.ValueEquals("ephemeral"u8);
    }

    /// <summary>The activity's fields that are checked, as found in one pass.</summary>
    private struct Fields
    {
        public JsonElement? Type;
        public JsonElement? ChannelId;
        public JsonElement? Conversation;
        public JsonElement? From;
        public JsonElement? Recipient;
        public JsonElement? Text;
        public JsonElement? Locale;
        public JsonElement? Id;
        public JsonElement? ReplyToId;
        public JsonElement? TextFormat;
        public JsonElement? Attachments;
        public JsonElement? Entities;
        public JsonElement? DeliveryMode;
        public JsonElement? ServiceUrl;

        public void Take(JsonProperty property)
        {
            var value = property.Value;
            if (property.NameEquals("type"u8)) { Type = value; }
            else if (property.NameEquals("text"u8)) { Text = value; }
            else if (property.NameEquals("channelId"u8)) { ChannelId = value; }
            else if (property.NameEquals("conversation"u8)) { Conversation = value; }
            else if (property.NameEquals("from"u8)) { From = value; }
            else if (property.NameEquals("recipient"u8)) { Recipient = value; }
            else if (property.NameEquals("serviceUrl"u8)) { ServiceUrl = value; }
            else if (property.NameEquals("deliveryMode"u8)) { DeliveryMode = value; }
            else if (property.NameEquals("id"u8)) { Id = value; }
            else if (property.NameEquals("locale"u8)) { Locale = value; }
            else if (property.NameEquals("replyToId"u8)) { ReplyToId = value; }
            else if (property.NameEquals("textFormat"u8)) { TextFormat = value; }
            else if (property.NameEquals("attachments"u8)) { Attachments = value; }
            else if (property.NameEquals("entities"u8)) { Entities = value; }
        }
    }

    private static bool NonEmptyString(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text && !string.IsNullOrWhiteSpace(text.GetString());

    private static bool HasObjectWithId(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } owner && owner.TryGetProperty("id"u8, out var id) && NonEmptyString(id);

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        if (contentLength is { } length and <= int.MaxValue)
        {
            // The usual case: the size is announced (and already checked against the limit), so read it into
            // one array of exactly that size. A body longer than announced is refused by the server itself.
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}

/// <summary>The outcome of <see cref="ActivityRequestValidator.CheckAsync"/>.</summary>
public sealed record ActivityRequestCheck(HttpStatusCode Status, string? Reason, byte[]? Body)
{
    public bool Accepted => Body is not null;

    public static ActivityRequestCheck Accept(byte[] body) => new(HttpStatusCode.OK, null, body);

    public static ActivityRequestCheck Refuse(HttpStatusCode status, string reason) => new(status, reason, null);
}

/// <summary>Limits for incoming activities (configuration section <c>Bot</c>).</summary>
public sealed class ActivityRequestOptions
{
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public int MaxDepth { get; set; } = 64;

    /// <summary>
    /// Where replies may be sent (<c>Bot:AllowedServiceUrls</c>): absolute http(s) prefixes such as
    /// <c>https://smba.trafficmanager.net/emea/</c>; a serviceUrl matches a prefix with the same scheme, host and port
    /// whose path it starts with. With authentication and no prefixes, any serviceUrl (the token binds it).
    /// </summary>
    public IList<string> AllowedServiceUrls { get; } = [];

    /// <summary>
    /// Without authentication, whether replies may go to loopback addresses (true except in Production). In
    /// Production without authentication replies go only to <see cref="AllowedServiceUrls"/>.
    /// </summary>
    public bool AllowLoopbackServiceUrls { get; set; } = true;

    public bool AuthenticationEnabled { get; set; }

    /// <param name="serviceUrl">The activity's serviceUrl.</param>
    /// <param name="expectReplies">Replies come back in the response and nothing is sent to the serviceUrl: then a
    /// loopback serviceUrl needs no allowance (a foreign one is still refused).</param>
    public bool IsAllowedServiceUrl(Uri serviceUrl, bool expectReplies = false)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (AllowedServiceUrls.Any(prefix => Matches(prefix, serviceUrl)))
        {
            return true;
        }

        if (AuthenticationEnabled)
        {
            return AllowedServiceUrls.Count == 0;
        }

        return serviceUrl.IsLoopback && (AllowLoopbackServiceUrls || expectReplies);
    }

    private static bool Matches(string prefix, Uri serviceUrl)
    {
        if (!Uri.TryCreate(prefix, UriKind.Absolute, out var allowed)
            || !string.Equals(allowed.Scheme, serviceUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(allowed.IdnHost, serviceUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            || allowed.Port != serviceUrl.Port
            || !string.IsNullOrEmpty(serviceUrl.UserInfo))
        {
            return false;
        }

        var path = allowed.AbsolutePath.EndsWith('/') ? allowed.AbsolutePath : allowed.AbsolutePath + "/";
        var candidate = serviceUrl.AbsolutePath.EndsWith('/') ? serviceUrl.AbsolutePath : serviceUrl.AbsolutePath + "/";
        return candidate.StartsWith(path, StringComparison.OrdinalIgnoreCase);
    }
}
