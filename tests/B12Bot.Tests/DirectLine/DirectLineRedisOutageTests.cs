using System.Net;
using B12Bot.Cards;
using B12Bot.DirectLine;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// Redis goes away (SIGKILL) under a running site with <c>DirectLine:Store=Redis</c>: Direct Line answers a clear
/// 503 with Retry-After, /api/messages (Teams, Azure Bot Service) keeps answering, and when Redis is back the site
/// serves new conversations again by itself, without a restart.
/// </summary>
[Collection(RedisGroup.Name)]
public sealed class DirectLineRedisOutageTests(RedisFixture redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_store_started_while_redis_is_down_starts_and_wakes_its_waiters_once_redis_is_back()
    {
        var options = new DirectLineOptions { Store = DirectLineStoreKind.Redis };
        options.Redis.Configuration = redis.Configuration;
        options.Redis.KeyPrefix = RedisFixture.NewPrefix();
        RedisDirectLineStore store;
        await redis.KillAsync();
        try
        {
            store = new RedisDirectLineStore(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisDirectLineStore>.Instance);
        }
        finally
        {
            await redis.StartAsync();
        }

        using (store)
        {
            // Back: each try starts a conversation, waits for its first activity and appends it; a waiter woken by the
            // published change ends the loop (the subscription is made again once the connection is restored).
            using var patience = new CancellationTokenSource(Patience);
            for (var attempt = 0; ; attempt++)
            {
                patience.Token.ThrowIfCancellationRequested();
                var id = "back-" + attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await store.StartAsync(id, "dl_" + id, "nl-NL", patience.Token);
                    using var once = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
                    once.CancelAfter(TimeSpan.FromSeconds(2));
                    var waiter = store.WaitAsync(id, 0, once.Token);
                    await store.AppendAsync(id, new Newtonsoft.Json.Linq.JObject { ["type"] = "message", ["text"] = "hallo" }, ActivitySource.Client, false, patience.Token);
                    await waiter;
                    break;
                }
                catch (Exception ex) when (!patience.IsCancellationRequested && ex is DirectLineStoreUnavailableException or OperationCanceledException)
                {
                    await Task.Delay(100, patience.Token);
                }
            }
        }
    }

    [Fact]
    public async Task Without_redis_direct_line_says_503_the_bot_endpoint_keeps_working_and_it_recovers_by_itself()
    {
        using var site = new RedisSite(redis.Configuration);
        using var http = site.Http();
        var client = new DirectLineClient(http);
        var (id, token) = await StartAsync(client);
        var (posted, _) = await client.PostAsync(id, token, DirectLineClient.Message("Dank u", "before"));
        Assert.Equal(HttpStatusCode.OK, posted);

        await redis.KillAsync();
        try
        {
            using var read = await SendAsync(http, HttpMethod.Get, $"/v3/directline/conversations/{id}/activities", token);
            using var post = await SendAsync(http, HttpMethod.Post, $"/v3/directline/conversations/{id}/activities", token, DirectLineClient.Message("hallo", "during").ToString());
            var (_, issued) = await client.PageTokenAsync();
            using var start = await SendAsync(http, HttpMethod.Post, "/v3/directline/conversations", (string)issued["token"]!);
            var (teams, replies) = await BotHttp.PostAsync(http, BotHttp.Message("Dank u wel", "teams-conversation", channelId: "msteams"));

            foreach (var refused in new[] { read, post, start })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Contains("ServiceUnavailable", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
            Assert.Contains(Replies.Thanks, BotHttp.Texts(replies));
        }
        finally
        {
            await redis.StartAsync();
        }

        // Back: a new conversation works end to end again (the old one was in the Redis that died without persistence).
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var (_, issued) = await client.PageTokenAsync();
            var (status, conversation) = await client.StartAsync((string)issued["token"]!);
            if (status == HttpStatusCode.Created)
            {
                var newId = (string)conversation["conversationId"]!;
                var newToken = (string)conversation["token"]!;
                var (welcome, _) = await client.WaitForAsync(newId, newToken, DirectLineClient.IsBotMessage);
                Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            await Task.Delay(200, patience.Token);
        }
    }

    private static async Task<(string Id, string Token)> StartAsync(DirectLineClient client)
    {
        var (_, issued) = await client.PageTokenAsync();
        var (status, conversation) = await client.StartAsync((string)issued["token"]!);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)conversation["conversationId"]!, (string)conversation["token"]!);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (json is not null)
        {
            request.Content = BotHttp.Json(json);
        }

        return await http.SendAsync(request);
    }

    private sealed class RedisSite(string configuration) : DirectLineSite(new Dictionary<string, string?>
    {
        ["DirectLine:Store"] = "Redis",
        ["DirectLine:Redis:Configuration"] = configuration,
        ["DirectLine:Redis:KeyPrefix"] = RedisFixture.NewPrefix(),
        ["DirectLine:RateLimits:TokensPerMinute"] = "100000",
    });
}
