using B12Bot.DirectLine;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>The Redis store on a real Redis: the same contract as the memory store, and what only sharing adds.</summary>
[Collection(RedisGroup.Name)]
public sealed class RedisDirectLineStoreTests(RedisFixture redis) : DirectLineStoreContract, IDisposable
{
    private readonly List<RedisDirectLineStore> stores = [];
    private readonly string prefix = RedisFixture.NewPrefix();

    [Fact]
    public async Task Two_stores_on_one_redis_see_one_conversation_and_wake_each_others_waiters()
    {
        var options = new DirectLineOptions();
        var first = Store(options);
        var second = Store(options);
        await first.StartAsync("shared", "dl_shared", "nl-NL", default);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var waiting = second.WaitAsync("shared", 0, patience.Token);
        var id = await first.AppendAsync("shared", Message("via de eerste"), ActivitySource.Client, false, default);
        await waiting;
        var page = await second.ReadAsync("shared", 0, 10, default);

        Assert.Equal("shared|0000001", id);
        Assert.Equal(["via de eerste"], page!.Activities.Select(a => (string?)JObject.Parse(a)["text"]));
        Assert.Equal(StartOutcome.Existing, (await second.StartAsync("shared", "dl_shared", null, default)).Outcome);
    }

    [Fact]
    public async Task Appends_from_many_callers_at_once_get_distinct_sequence_numbers_and_nothing_is_lost()
    {
        var options = new DirectLineOptions { MaxActivitiesPerConversation = 1000 };
        var first = Store(options);
        var second = Store(options);
        await first.StartAsync("busy", "dl_busy", null, default);

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? first : second).AppendAsync("busy", Message("bericht " + i), ActivitySource.Client, false, default)));
        var page = await first.ReadAsync("busy", 0, 1000, default);

        Assert.Equal(200, ids.Distinct().Count());
        Assert.Equal(200, page!.Activities.Count);
        Assert.Equal(200, page.Watermark);
        var sequence = page.Activities.Select(a => (string)JObject.Parse(a)["id"]!).ToList();
        Assert.Equal(sequence.Order(StringComparer.Ordinal), sequence);
    }

    [Fact]
    public async Task A_user_message_that_looks_like_the_id_placeholder_stays_as_typed()
    {
        var store = Store(new DirectLineOptions());
        await store.StartAsync("sly", "dl_sly", null, default);
        const string typed = "\"id\":\"$B12SEQ$\" en %1 %% $";

        await store.AppendAsync("sly", Message(typed), ActivitySource.Client, false, default);
        var page = await store.ReadAsync("sly", 0, 10, default);

        Assert.Equal(typed, (string?)JObject.Parse(page!.Activities[0])["text"]);
        Assert.Equal("sly|0000001", (string?)JObject.Parse(page.Activities[0])["id"]);
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }
    }

    protected override IDirectLineStore Store(DirectLineOptions options)
    {
        options.Store = DirectLineStoreKind.Redis;
        options.Redis.Configuration = redis.Configuration;
        options.Redis.KeyPrefix = prefix;
        var store = new RedisDirectLineStore(options, Clock, NullLogger<RedisDirectLineStore>.Instance);
        stores.Add(store);
        return store;
    }
}
