using System.Net;
using System.Net.WebSockets;
using System.Text;
using B12Bot.Cards;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>The WebSocket stream (Web Chat's default when webSocket is not turned off): activity sets pushed as they happen.</summary>
public sealed class DirectLineStreamTests(DirectLineSite site) : IClassFixture<DirectLineSite>
{
    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task The_stream_pushes_the_welcome_the_echo_and_the_reply()
    {
        var (_, issued) = await client.PageTokenAsync();
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri((string)conversation["streamUrl"]!), timeout.Token);
        var stream = new ActivityStream(socket);

        var welcome = await stream.NextAsync(a => DirectLineClient.IsBotMessage(a), timeout.Token);
        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);

        var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Dank u", "stream-1"));
        Assert.Equal(HttpStatusCode.OK, status);
        var echo = await stream.NextAsync(a => (string?)a["id"] == (string?)posted["id"], timeout.Token);
        var reply = await stream.NextAsync(a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"], timeout.Token);
        Assert.Equal("stream-1", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Equal(Replies.Thanks, (string?)reply["text"]);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "klaar", timeout.Token);
    }

    [Fact]
    public async Task The_stream_refuses_another_conversations_token()
    {
        var (_, mine) = await client.StartAsync((string)(await client.PageTokenAsync()).Body["token"]!);
        var (_, theirs) = await client.StartAsync((string)(await client.PageTokenAsync()).Body["token"]!);
        var stolen = ((string)theirs["streamUrl"]!).Split("?t=")[0] + "?t=" + Uri.EscapeDataString((string)mine["token"]!);

        using var socket = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(stolen), CancellationToken.None));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads activity sets off the socket and hands out their activities one by one, in order.</summary>
    private sealed class ActivityStream(ClientWebSocket socket)
    {
        private readonly Queue<JObject> pending = new();

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

                var text = await ReceiveAsync(cancellationToken);
                if (text.Length == 0)
                {
                    continue;
                }

                var set = JObject.Parse(text);
                Assert.NotNull((string?)set["watermark"]);
                foreach (var activity in set["activities"]!.OfType<JObject>())
                {
                    pending.Enqueue(activity);
                }
            }
        }

        private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
