using B12Bot.DirectLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// The rules every Direct Line store keeps (idle expiry, bounds that never drop an active chat, the global limit on
/// new conversations, the end of a conversation on "vergeet mij"), run against the memory store here and against
/// Redis in <see cref="RedisDirectLineStoreTests"/>. Time is a <see cref="FakeTimeProvider"/>: nothing waits.
/// </summary>
public abstract class DirectLineStoreContract
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A fresh, empty store with these options on <see cref="Clock"/>.</summary>
    protected abstract IDirectLineStore Store(DirectLineOptions options);

    /// <summary>Lets the backing service see the fake time pass (Redis keeps TTLs on its own clock).</summary>
    protected virtual Task ElapseAsync(TimeSpan span)
    {
        Clock.Advance(span);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_conversation_keeps_its_activities_in_order_with_watermarks()
    {
        var store = Store(new DirectLineOptions());
        await StartAsync(store, "ordered");
        var ids = new List<string?>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await store.AppendAsync("ordered", Message("bericht " + i), ActivitySource.Client, keepId: false, default));
        }

        var page = await store.ReadAsync("ordered", 0, 2, default);
        var rest = await store.ReadAsync("ordered", page!.Watermark, 10, default);

        Assert.Equal(["ordered|0000001", "ordered|0000002", "ordered|0000003", "ordered|0000004", "ordered|0000005"], ids);
        Assert.Equal(2, page.Activities.Count);
        Assert.Equal(2, page.Watermark);
        Assert.Equal(["bericht 3", "bericht 4", "bericht 5"], rest!.Activities.Select(a => (string?)JObject.Parse(a)["text"]));
        Assert.Equal(5, rest.Watermark);
        Assert.Equal("ordered|0000003", (string?)JObject.Parse(rest.Activities[0])["id"]);
    }

    [Fact]
    public async Task A_long_conversation_keeps_only_its_latest_activities_and_the_watermark_goes_on()
    {
        var store = Store(new DirectLineOptions { MaxActivitiesPerConversation = 10 });
        await StartAsync(store, "long");
        for (var i = 1; i <= 25; i++)
        {
            await store.AppendAsync("long", Message("bericht " + i), ActivitySource.Client, keepId: false, default);
        }

        var page = await store.ReadAsync("long", 0, 100, default);
        var newer = await store.ReadAsync("long", 23, 100, default);

        Assert.Equal(25, page!.Watermark);
        Assert.Equal(10, page.Activities.Count);
        Assert.Equal("bericht 16", (string?)JObject.Parse(page.Activities[0])["text"]);
        Assert.Equal("long|0000025", (string?)JObject.Parse(page.Activities[^1])["id"]);
        Assert.Equal(2, newer!.Activities.Count);
        Assert.Equal(25, newer.Watermark);
    }

    [Fact]
    public async Task An_idle_conversation_is_forgotten_and_an_active_one_is_kept()
    {
        var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(60) });
        await StartAsync(store, "idle");
        await StartAsync(store, "active");
        await store.AppendAsync("idle", Message("hoi"), ActivitySource.Client, false, default);

        await ElapseAsync(TimeSpan.FromMinutes(40));
        await store.AppendAsync("active", Message("nog een vraag"), ActivitySource.Client, false, default);
        await ElapseAsync(TimeSpan.FromMinutes(30));

        Assert.Null(await store.GetAsync("idle", default));
        Assert.Null(await store.ReadAsync("idle", 0, 10, default));
        Assert.NotNull(await store.GetAsync("active", default));
    }

    [Fact]
    public async Task Reading_alone_does_not_keep_a_conversation()
    {
        var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(60) });
        await StartAsync(store, "open-tab");
        await store.AppendAsync("open-tab", Message("hoi"), ActivitySource.Client, false, default);

        for (var minute = 0; minute < 58; minute += 2)
        {
            await ElapseAsync(TimeSpan.FromMinutes(2));
            Assert.NotNull(await store.ReadAsync("open-tab", 0, 100, default));
        }

        await ElapseAsync(TimeSpan.FromMinutes(4));
        Assert.Null(await store.GetAsync("open-tab", default));
    }

    [Fact]
    public async Task When_full_an_idle_conversation_makes_room_but_an_active_one_never_does()
    {
        var store = Store(new DirectLineOptions { MaxConversations = 2, ActiveWindow = TimeSpan.FromMinutes(10) });
        await StartAsync(store, "first");
        await StartAsync(store, "second");

        var refused = await store.StartAsync("third", "dl_c", null, default);
        Assert.Equal(StartOutcome.Full, refused.Outcome);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);

        await ElapseAsync(TimeSpan.FromMinutes(11));
        await store.AppendAsync("first", Message("nog iets"), ActivitySource.Client, false, default);
        var admitted = await store.StartAsync("third", "dl_c", null, default);

        Assert.Equal(StartOutcome.Created, admitted.Outcome);
        Assert.NotNull(await store.GetAsync("first", default));
        Assert.Null(await store.GetAsync("second", default));
        Assert.NotNull(await store.GetAsync("third", default));
    }

    [Fact]
    public async Task New_conversations_have_a_global_limit_per_minute()
    {
        var store = Store(new DirectLineOptions { NewConversationsPerMinute = 3 });
        var outcomes = new List<StartOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await store.StartAsync("c" + i, "dl_" + i, null, default)).Outcome);
        }

        var existing = await store.StartAsync("c0", "dl_0", null, default);
        await ElapseAsync(TimeSpan.FromMinutes(1));
        var later = await store.StartAsync("later", "dl_l", null, default);

        Assert.Equal([StartOutcome.Created, StartOutcome.Created, StartOutcome.Created, StartOutcome.TooMany, StartOutcome.TooMany], outcomes);
        Assert.Equal(StartOutcome.Existing, existing.Outcome);
        Assert.Equal(StartOutcome.Created, later.Outcome);
    }

    [Fact]
    public async Task Ending_removes_the_transcript_at_once_and_lets_only_the_bots_reply_through()
    {
        var store = Store(new DirectLineOptions());
        await StartAsync(store, "ending");
        await store.AppendAsync("ending", Message("mijn e-mail is jan@example.nl"), ActivitySource.Client, false, default);
        var forget = await store.AppendAsync("ending", Message("vergeet mij"), ActivitySource.Client, false, default);

        await store.EndAsync("ending", null, default);
        var clientAfter = await store.AppendAsync("ending", Message("nog iets"), ActivitySource.Client, false, default);
        var reply = await store.AppendAsync("ending", Message("Ik heb uw gegevens verwijderd"), ActivitySource.Bot, false, default);
        var whileEnding = await store.ReadAsync("ending", 0, 100, default);
        await store.SealAsync("ending", default);
        var sealedPage = await store.ReadAsync("ending", 0, 100, default);
        var afterReply = await store.ReadAsync("ending", sealedPage!.Watermark, 100, default);

        Assert.Equal("ending|0000002", forget);
        Assert.Null(clientAfter);
        Assert.Equal("ending|0000003", reply);
        Assert.Equal(ConversationPhase.Ending, whileEnding!.Phase);
        Assert.Equal(["Ik heb uw gegevens verwijderd"], sealedPage.Activities.Select(a => (string?)JObject.Parse(a)["text"]));
        Assert.DoesNotContain(sealedPage.Activities, a => a.Contains("jan@example.nl", StringComparison.Ordinal));
        Assert.Equal(ConversationPhase.Ended, sealedPage.Phase);
        Assert.Empty(afterReply!.Activities);
        Assert.True(await store.IsForgottenAsync("ending", default));
        Assert.Equal(StartOutcome.Forgotten, (await store.StartAsync("ending", "dl_ending", null, default)).Outcome);
    }

    [Fact]
    public async Task Ending_keeps_only_the_request_that_ended_it_to_be_read_once_before_the_reply()
    {
        var store = Store(new DirectLineOptions());
        await StartAsync(store, "kept");
        await store.AppendAsync("kept", Message("mijn e-mail is jan@example.nl"), ActivitySource.Client, false, default);
        var forget = await store.AppendAsync("kept", Message("vergeet mij"), ActivitySource.Client, false, default);
        await store.AppendAsync("kept", Message("kept|0000002 staat ook in deze tekst"), ActivitySource.Client, false, default);

        await store.EndAsync("kept", forget, default);
        await store.AppendAsync("kept", Message("Ik heb uw gegevens verwijderd"), ActivitySource.Bot, false, default);
        await store.SealAsync("kept", default);
        var page = await store.ReadAsync("kept", 0, 100, default);
        var after = await store.ReadAsync("kept", page!.Watermark, 100, default);

        Assert.Equal(["vergeet mij", "Ik heb uw gegevens verwijderd"], page.Activities.Select(a => (string?)JObject.Parse(a)["text"]));
        Assert.Equal(forget, (string?)JObject.Parse(page.Activities[0])["id"]);
        Assert.DoesNotContain(page.Activities, a => a.Contains("jan@example.nl", StringComparison.Ordinal));
        Assert.Equal(ConversationPhase.Ended, page.Phase);
        Assert.Empty(after!.Activities);
    }

    [Fact]
    public async Task An_ended_conversation_is_gone_after_the_farewell_window_whatever_was_posted_before()
    {
        var store = Store(new DirectLineOptions { FarewellWindow = TimeSpan.FromMinutes(2), ConversationIdleTimeout = TimeSpan.FromMinutes(60) });
        await StartAsync(store, "farewell");
        await store.AppendAsync("farewell", Message("vergeet mij"), ActivitySource.Client, false, default);
        await store.EndAsync("farewell", null, default);

        await ElapseAsync(TimeSpan.FromMinutes(3));

        Assert.Null(await store.GetAsync("farewell", default));
        Assert.True(await store.IsForgottenAsync("farewell", default));
    }

    [Fact]
    public async Task A_waiter_wakes_on_a_new_activity_and_on_the_end()
    {
        var store = Store(new DirectLineOptions());
        await StartAsync(store, "waited");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var forActivity = store.WaitAsync("waited", 0, patience.Token);
        await store.AppendAsync("waited", Message("hoi"), ActivitySource.Client, false, default);
        await forActivity;

        var forEnd = store.WaitAsync("waited", 1, patience.Token);
        await store.EndAsync("waited", null, default);
        await forEnd;
        Assert.False(patience.IsCancellationRequested);
    }

    protected static JObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    private static async Task StartAsync(IDirectLineStore store, string id)
    {
        var started = await store.StartAsync(id, "dl_" + id, "nl-NL", default);
        Assert.Equal(StartOutcome.Created, started.Outcome);
    }
}

/// <summary>The memory store: the contract, and its byte bound.</summary>
public sealed class MemoryDirectLineStoreTests : DirectLineStoreContract, IDisposable
{
    private readonly List<MemoryDirectLineStore> stores = [];

    [Fact]
    public async Task Past_the_byte_bound_idle_conversations_go_but_active_ones_stay()
    {
        var store = (MemoryDirectLineStore)Store(new DirectLineOptions { MaxStoredBytes = 600 * 1024, MaxBotActivityBytes = 512 * 1024 });
        await store.StartAsync("old", "dl_a", null, default);
        await store.AppendAsync("old", Message(new string('a', 300 * 1024)), ActivitySource.Client, false, default);
        Clock.Advance(TimeSpan.FromMinutes(11));
        await store.StartAsync("recent", "dl_b", null, default);
        await store.StartAsync("also-recent", "dl_c", null, default);
        await store.AppendAsync("also-recent", Message(new string('c', 100 * 1024)), ActivitySource.Client, false, default);

        await store.AppendAsync("recent", Message(new string('b', 400 * 1024)), ActivitySource.Client, false, default);

        Assert.Null(await store.GetAsync("old", default));
        Assert.NotNull(await store.GetAsync("recent", default));
        Assert.NotNull(await store.GetAsync("also-recent", default));
        Assert.InRange(store.StoredBytes, 500 * 1024, 600 * 1024);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        var tokens = new DirectLineTokens(new DirectLineOptions { TokenSigningKey = DirectLineSite.SigningKey, TokenLifetime = TimeSpan.FromMinutes(30) }, Clock);
        var (token, _) = tokens.Issue("conversation-1", "dl_a");

        Clock.Advance(TimeSpan.FromMinutes(29));
        var (fresh, grant) = await tokens.ValidateAsync(token);
        Clock.Advance(TimeSpan.FromMinutes(2));
        var (stale, _) = await tokens.ValidateAsync(token);

        Assert.Equal(TokenProblem.None, fresh);
        Assert.Equal("conversation-1", grant!.ConversationId);
        Assert.Equal(TokenProblem.Expired, stale);
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
        var store = new MemoryDirectLineStore(options, Clock, NullLogger<MemoryDirectLineStore>.Instance);
        stores.Add(store);
        return store;
    }
}
