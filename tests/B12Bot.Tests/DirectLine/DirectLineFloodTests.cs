using System.Globalization;
using System.Net;
using System.Net.Sockets;
using B12Bot.Cards;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// A bounded flood of new conversations from many loopback addresses (127.0.0.2 and up, each connection bound to
/// its own address, so the per-address limit does not help) while two people are mid-chat: the two keep their
/// conversations and answers; the flood gets 503 or 429 with Retry-After. Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class DirectLineFloodTests
{
    private const int FloodAddresses = 120;

    [Fact]
    public async Task A_flood_from_many_addresses_fills_the_free_places_and_never_evicts_a_live_chat()
    {
        using var site = new FloodSite(maxConversations: 30, perMinute: 1000);
        var live = new[] { await LiveChat.StartAsync(site), await LiveChat.StartAsync(site) };

        var outcomes = await FloodAsync(site, during: live);

        var refused = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(28, outcomes.Count(o => o.Status == HttpStatusCode.Created));
        Assert.Equal(FloodAddresses - 28, refused.Count);
        Assert.All(refused, o => Assert.True(o.RetryAfter > TimeSpan.Zero));
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        foreach (var chat in live)
        {
            await chat.AssertIntactAsync();
        }

        // Later, the flood's conversations are idle and make room; the live chats, still talking, stay.
        site.Clock.Advance(TimeSpan.FromMinutes(11));
        foreach (var chat in live)
        {
            await chat.AskAsync("Dank u");
        }

        var (status, _) = await StartFromAsync(site, IPAddress.Parse("127.0.1.1"));
        Assert.Equal(HttpStatusCode.Created, status);
        foreach (var chat in live)
        {
            await chat.AssertIntactAsync();
        }
    }

    [Fact]
    public async Task Past_the_global_limit_per_minute_new_conversations_get_429_with_retry_after()
    {
        using var site = new FloodSite(maxConversations: 5000, perMinute: 20);
        var live = new[] { await LiveChat.StartAsync(site), await LiveChat.StartAsync(site) };

        var outcomes = await FloodAsync(site, during: live);

        Assert.Equal(18, outcomes.Count(o => o.Status == HttpStatusCode.Created));
        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.Created), o =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, o.Status);
            Assert.True(o.RetryAfter > TimeSpan.Zero);
        });
        foreach (var chat in live)
        {
            await chat.AssertIntactAsync();
        }

        site.Clock.Advance(TimeSpan.FromMinutes(1));
        var (status, _) = await StartFromAsync(site, IPAddress.Parse("127.0.1.2"));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Theory]
    [InlineData(2000, false)]
    [InlineData(100, true)]
    public async Task Channel_data_larger_than_web_chat_sends_is_not_kept(int bytes, bool kept)
    {
        using var site = new FloodSite(maxConversations: 100, perMinute: 100);
        var chat = await LiveChat.StartAsync(site);
        var message = DirectLineClient.Message("Dank u", "big");
        message["channelData"]!["padding"] = new string('x', bytes);

        var (status, posted) = await chat.Client.PostAsync(chat.Id, chat.Token, message);
        var (echo, _) = await chat.Client.WaitForAsync(chat.Id, chat.Token, a => (string?)a["id"] == (string?)posted["id"]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(kept, echo["channelData"] is not null);
        Assert.Equal("Dank u", (string?)echo["text"]);
    }

    /// <summary>One new conversation from each of <see cref="FloodAddresses"/> addresses, four at a time, while the live chats keep talking.</summary>
    private static async Task<List<(HttpStatusCode Status, TimeSpan? RetryAfter)>> FloodAsync(FloodSite site, LiveChat[] during)
    {
        var outcomes = new List<(HttpStatusCode, TimeSpan?)>();
        var addresses = Enumerable.Range(2, FloodAddresses).Select(i => IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.{i}"))).ToList();
        foreach (var batch in addresses.Chunk(4))
        {
            outcomes.AddRange(await Task.WhenAll(batch.Select(a => StartFromAsync(site, a))));
            if (outcomes.Count % 40 == 0)
            {
                foreach (var chat in during)
                {
                    await chat.AskAsync("Dank u wel");
                }
            }
        }

        return outcomes;
    }

    /// <summary>What a page on <paramref name="address"/> does: a token, then the conversation.</summary>
    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter)> StartFromAsync(FloodSite site, IPAddress address)
    {
        using var http = FromAddress(site.Address, address);
        var client = new DirectLineClient(http);
        var (tokenStatus, issued) = await client.PageTokenAsync();
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Authorization = new("Bearer", (string)issued["token"]!);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>An HTTP client whose connections leave from <paramref name="local"/> (any 127.x address is this machine).</summary>
    private static HttpClient FromAddress(Uri site, IPAddress local) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = site };

    /// <summary>Someone mid-chat on 127.0.0.1: asks, gets answers, and can read the whole conversation back.</summary>
    private sealed class LiveChat(DirectLineClient client, string id, string token)
    {
        private readonly List<string> asked = [];

        public DirectLineClient Client => client;

        public string Id => id;

        public string Token => token;

        public static async Task<LiveChat> StartAsync(FloodSite site)
        {
            var client = new DirectLineClient(site.Http());
            var (_, issued) = await client.PageTokenAsync();
            var (status, conversation) = await client.StartAsync((string)issued["token"]!);
            Assert.Equal(HttpStatusCode.Created, status);
            var chat = new LiveChat(client, (string)conversation["conversationId"]!, (string)conversation["token"]!);
            await chat.AskAsync("Dank u");
            return chat;
        }

        public async Task AskAsync(string text)
        {
            var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message(text, Guid.NewGuid().ToString("N")));
            Assert.Equal(HttpStatusCode.OK, status);
            var (reply, _) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);
            Assert.Equal(Replies.Thanks, (string?)reply["text"]);
            asked.Add((string)posted["id"]!);
        }

        /// <summary>Everything asked is still in the transcript, with the welcome.</summary>
        public async Task AssertIntactAsync()
        {
            var (status, activities, _) = await client.GetAsync(id, token);
            Assert.Equal(HttpStatusCode.OK, status);
            var ids = activities.OfType<JObject>().Select(a => (string?)a["id"]).ToHashSet();
            Assert.All(asked, a => Assert.Contains(a, ids));
            Assert.Contains(activities, a => (string?)a["text"] == Replies.Welcome);
        }
    }

    /// <summary>The site with small bounds, a per-address token limit a single flooder would hit at once, and a fake clock.</summary>
    private sealed class FloodSite(int maxConversations, int perMinute) : DirectLineSite(new Dictionary<string, string?>
    {
        ["DirectLine:MaxConversations"] = maxConversations.ToString(CultureInfo.InvariantCulture),
        ["DirectLine:NewConversationsPerMinute"] = perMinute.ToString(CultureInfo.InvariantCulture),
        ["DirectLine:ActiveWindow"] = "00:10:00",
        ["DirectLine:RateLimits:TokensPerMinute"] = "4",
    })
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
