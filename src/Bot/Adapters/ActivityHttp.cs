using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace B12Bot.Adapters;

/// <summary>
/// Reading an activity from a request body that <see cref="ActivityRequestValidator"/> has already read and checked,
/// and writing a turn's <see cref="InvokeResponse"/>, as the framework's <c>HttpHelper</c> does with the same
/// serialiser settings, with these differences: the body is not copied into a second buffer before it is read, and
/// the response is written without indentation, with its <c>Content-Length</c>, and encoded from a per-thread buffer
/// straight into the response (the framework writes an indented body into a memory stream and copies it in chunks).
/// Both bodies mean the same JSON.
/// </summary>
public static class ActivityHttp
{
    /// <summary>The framework's serialiser settings (same contract resolver, so the same contracts), unindented.</summary>
    private static readonly JsonSerializer Compact = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = HttpHelper.BotMessageSerializerSettings.NullValueHandling,
        Formatting = Formatting.None,
        DateFormatHandling = HttpHelper.BotMessageSerializerSettings.DateFormatHandling,
        DateTimeZoneHandling = HttpHelper.BotMessageSerializerSettings.DateTimeZoneHandling,
        ReferenceLoopHandling = HttpHelper.BotMessageSerializerSettings.ReferenceLoopHandling,
        ContractResolver = HttpHelper.BotMessageSerializerSettings.ContractResolver,
        Converters = HttpHelper.BotMessageSerializerSettings.Converters,
    });

    /// <summary>A turn's replies of the usual shape, written from parts made once (the same text <see cref="Compact"/> writes).</summary>
    private static readonly ReplyJson Replies = new(Compact);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>A buffer per thread for the response text: a reply is written whole before any of it goes out.</summary>
    [ThreadStatic]
    private static StringBuilder? t_text;

    /// <summary>
    /// The activity in <paramref name="body"/>, read as the framework reads a request; null when the body is no JSON
    /// the serialiser can read as an activity (the framework answers that with 400, as its callers do).
    /// </summary>
    public static Activity? ReadActivity(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var text = new StreamReader(new MemoryStream(body, writable: false), Utf8, detectEncodingFromByteOrderMarks: true);
            using var json = new JsonTextReader(text) { MaxDepth = null };
            return HttpHelper.BotMessageSerializer.Deserialize<Activity>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a message activity and writes a reply as a turn would, and drops both: the serialiser then knows the
    /// activity's types (contracts made once per process) before the first request needs them. Started on another
    /// thread before the host is built; a failure here is left for the first request to meet and report.
    /// </summary>
    public static Task WarmUpAsync() => B12Bot.Hosting.OwnThread.Run(
        static () =>
        {
            try
            {
                var message = ReadActivity(WarmUpMessage) ?? throw new InvalidDataException("The warm-up message is no activity.");
                var reply = message.CreateReply("warm-up");
                reply.Entities = [new Entity("https://schema.org/Message")];
                reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "warm-up", value: "warm-up")] };
                reply.Attachments = [new Attachment("application/vnd.microsoft.card.hero", content: new HeroCard("warm-up"))];
                Release(Write(new ExpectedReplies([reply])));

                // And the usual reply, which is written from parts (nothing of it is kept: it is no answer and no question).
                var usual = message.CreateReply("warm-up");
                usual.Timestamp = null;
                usual.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "warm-up", value: "warm-up")] };
                Release(Write(new ExpectedReplies([usual])));
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                // The first request reads and writes the same way, and reports what fails.
            }
        });

    private static readonly byte[] WarmUpMessage = Utf8.GetBytes(
        """{"type":"message","id":"1","timestamp":"2026-01-01T00:00:00.000Z","localTimestamp":"2026-01-01T01:00:00.000+01:00","channelId":"webchat","serviceUrl":"http://127.0.0.1/","from":{"id":"user","name":"user","role":"user"},"recipient":{"id":"bot","name":"bot","role":"bot"},"conversation":{"id":"conversation"},"locale":"nl-NL","text":"warm-up","textFormat":"plain","channelData":{"clientActivityID":"1"},"entities":[{"type":"ClientCapabilities","requiresBotState":true}],"deliveryMode":"expectReplies"}""");

    /// <summary>
    /// Writes the turn's answer: its status, and its body as JSON with a <c>Content-Length</c>; no answer is 200
    /// without a body, as in the framework.
    /// </summary>
    public static Task WriteResponseAsync(HttpResponse response, InvokeResponse? invokeResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }

        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is null)
        {
            return Task.CompletedTask;
        }

        response.ContentType = "application/json; charset=utf-8";
        var text = Write(invokeResponse.Body);
        if (text.GetChunks() is var chunks && chunks.MoveNext() && chunks.Current.Span is var only && !chunks.MoveNext())
        {
            // The usual case, a reply shorter than the buffer: encoded straight into the response, with no string made.
            var length = Utf8.GetByteCount(only);
            response.ContentLength = length;
            var written = Utf8.GetBytes(only, response.BodyWriter.GetSpan(length));
            response.BodyWriter.Advance(written);
            Release(text);
            return response.BodyWriter.FlushAsync(cancellationToken).AsTask();
        }

        var body = text.ToString();
        Release(text);
        response.ContentLength = Utf8.GetByteCount(body);
        return response.WriteAsync(body, Utf8, cancellationToken);
    }

    /// <summary>Writes <paramref name="value"/> into this thread's buffer, which stays in use until <see cref="Release"/>.</summary>
    private static StringBuilder Write(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = t_text ?? new StringBuilder(4096);
        t_text = null;
        builder.Clear();
        if (value is ExpectedReplies replies && Replies.TryWrite(replies, builder))
        {
            return builder;
        }

        using (var text = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var json = new JsonTextWriter(text))
        {
            Compact.Serialize(json, value);
        }

        return builder;
    }

    /// <summary>The JSON text the messages endpoint writes for <paramref name="value"/> (for tests).</summary>
    internal static string Written(object value)
    {
        var builder = Write(value);
        var text = builder.ToString();
        Release(builder);
        return text;
    }

    /// <summary>The JSON text of <paramref name="value"/> as the serialiser alone writes it, unindented (for tests).</summary>
    internal static string Serialised(object value)
    {
        var builder = new StringBuilder();
        using (var text = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var json = new JsonTextWriter(text))
        {
            Compact.Serialize(json, value);
        }

        return builder.ToString();
    }

    /// <summary>A new writer of the usual replies, with nothing kept yet, over the endpoint's serialiser (for tests).</summary>
    internal static ReplyJson NewReplyWriter() => new(Compact);

    /// <summary>Gives the buffer back to this thread; one very long reply's buffer is let go instead.</summary>
    private static void Release(StringBuilder builder)
    {
        if (builder.Capacity <= 64 * 1024)
        {
            t_text = builder;
        }
    }
}
