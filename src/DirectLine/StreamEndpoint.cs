using System.Net.WebSockets;
using System.Text;

namespace B12Bot.DirectLine;

/// <summary>
/// The WebSocket stream: each message is an activity set, sent as soon as activities arrive on any instance. The
/// token comes in the query (<c>?t=</c>), as browsers cannot set headers on a WebSocket. When "vergeet mij" ends
/// the conversation, the stream sends the bot's last reply and closes.
/// </summary>
internal static class StreamEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(5);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/conversations/{conversationId}/stream", StreamAsync).RequireRateLimiting(DirectLineEndpoints.TokensLimit);

    private static async Task StreamAsync(
        string conversationId, string? t, string? watermark, HttpContext http, DirectLineAuthenticator auth,
        IDirectLineStore store, DirectLineOptions options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineResults.Error(StatusCodes.Status400BadRequest, "BadArgument", "Connect with a WebSocket.").ExecuteAsync(http);
            return;
        }

        var (problem, caller) = await auth.AuthenticateAsync(t ?? DirectLineAuthenticator.BearerValue(http.Request));
        IResult? refused = problem != CallerProblem.None ? DirectLineResults.Refuse(problem)
            : !caller!.MayUse(conversationId) ? DirectLineResults.OtherConversation()
            : !DirectLineRequests.OriginAllowed(http.Request, options) ? DirectLineResults.Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin is not allowed.")
            : null;
        if (refused is not null)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        if (await store.GetAsync(conversationId, http.RequestAborted) is not { Phase: ConversationPhase.Active }
            || !DirectLineRequests.TryParseWatermark(watermark, out var sent))
        {
            await DirectLineResults.NotFound().ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var receiving = DrainAsync(socket, closed);
        try
        {
            while (socket.State == WebSocketState.Open && !closed.IsCancellationRequested)
            {
                var page = await store.ReadAsync(conversationId, sent, options.MaxActivitiesPerGet, closed.Token);
                if (page is null)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "conversation ended", closed.Token);
                    break;
                }

                if (page.Activities.Count > 0)
                {
                    var bytes = Encoding.UTF8.GetBytes(DirectLineActivities.ActivitySet(page.Activities, page.Watermark));
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                    sent = page.Watermark;
                    continue;
                }

                if (page.Phase == ConversationPhase.Ended)
                {
                    // "Vergeet mij": the last reply has gone out; nothing of the conversation is kept.
                    await store.RemoveAsync(conversationId, CancellationToken.None);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "conversation ended", closed.Token);
                    break;
                }

                sent = Math.Max(sent, page.Watermark);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                wait.CancelAfter(KeepAlive);
                try
                {
                    await store.WaitAsync(conversationId, sent, wait.Token);
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    // Nothing new for a while: an empty message keeps proxies from closing the connection.
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or DirectLineStoreUnavailableException)
        {
            // The client went away, or the store did (the client reconnects and gets 503 until it is back).
        }
        finally
        {
            if (socket.State == WebSocketState.CloseSent)
            {
                // The server ended the stream: give the client a moment to answer the close, as the protocol asks.
                closed.CancelAfter(CloseHandshake);
            }
            else
            {
                await closed.CancelAsync();
            }

            await receiving;
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

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
}
