using System.Net.WebSockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>A Direct Line WebSocket as Web Chat holds it: activity sets in, one activity at a time out, and the close.</summary>
public sealed class ActivitySocket : IDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly Queue<JObject> pending = new();

    public WebSocketState State => socket.State;

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public static async Task<ActivitySocket> ConnectAsync(Uri streamUrl, CancellationToken cancellationToken)
    {
        var connected = new ActivitySocket();
        await connected.socket.ConnectAsync(streamUrl, cancellationToken);
        return connected;
    }

    /// <summary>The next activity matching <paramref name="match"/> (earlier ones are passed over).</summary>
    public async Task<JObject> NextAsync(Func<JObject, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (pending.TryDequeue(out var activity))
            {
                if (match(activity))
                {
                    return activity;
                }
            }

            var text = await ReceiveAsync(cancellationToken)
                ?? throw new InvalidOperationException("The server closed the stream before the activity came.");
            if (text.Length == 0)
            {
                continue;
            }

            foreach (var activity in JObject.Parse(text)["activities"]!.OfType<JObject>())
            {
                pending.Enqueue(activity);
            }
        }
    }

    /// <summary>Reads until the server closes the stream; returns every activity that came before the close.</summary>
    public async Task<IReadOnlyList<JObject>> UntilClosedAsync(CancellationToken cancellationToken)
    {
        var seen = new List<JObject>(pending);
        pending.Clear();
        while (await ReceiveAsync(cancellationToken) is { } text)
        {
            if (text.Length > 0)
            {
                seen.AddRange(JObject.Parse(text)["activities"]!.OfType<JObject>());
            }
        }

        return seen;
    }

    public void Dispose() => socket.Dispose();

    /// <summary>One message's text, or null when the server closed the stream.</summary>
    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // Answer the server's close, as a browser does.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
