using B12Bot.DirectLine;
using B12Bot.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>The transcripts are kept in memory only, and not for long: idle expiry and the memory bounds.</summary>
public sealed class DirectLineConversationStoreTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public void An_idle_conversation_is_forgotten_and_an_active_one_is_kept()
    {
        using var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(60) });
        var idle = store.GetOrCreate("idle", "dl_a", "nl-NL", out _);
        var active = store.GetOrCreate("active", "dl_b", "nl-NL", out _);
        store.Append(idle, Message("hoi"));

        clock.Advance(TimeSpan.FromMinutes(40));
        store.Append(active, Message("nog een vraag"));
        clock.Advance(TimeSpan.FromMinutes(30));
        store.Sweep();

        Assert.False(store.TryGet("idle", out _));
        Assert.True(store.TryGet("active", out _));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Reading_alone_does_not_keep_a_conversation()
    {
        using var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(60) });
        var open = store.GetOrCreate("open-tab", "dl_a", "nl-NL", out _);
        store.Append(open, Message("hoi"));

        for (var minute = 0; minute < 59; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True(store.TryGet("open-tab", out var polled));
            polled.Read(0, 100);
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(store.TryGet("open-tab", out _));
    }

    [Fact]
    public void Past_the_maximum_the_least_recently_active_conversation_goes()
    {
        using var store = Store(new DirectLineOptions { MaxConversations = 2 });
        var first = store.GetOrCreate("first", "dl_a", null, out _);
        clock.Advance(TimeSpan.FromSeconds(1));
        store.GetOrCreate("second", "dl_b", null, out _);
        clock.Advance(TimeSpan.FromSeconds(1));
        store.Append(first, Message("nog iets"));
        clock.Advance(TimeSpan.FromSeconds(1));

        store.GetOrCreate("third", "dl_c", null, out var created);

        Assert.True(created);
        Assert.Equal(2, store.Count);
        Assert.False(store.TryGet("second", out _));
        Assert.True(store.TryGet("first", out _));
        Assert.True(store.TryGet("third", out _));
    }

    [Fact]
    public void A_long_conversation_keeps_only_its_latest_activities_and_the_watermark_goes_on()
    {
        using var store = Store(new DirectLineOptions { MaxActivitiesPerConversation = 10 });
        var conversation = store.GetOrCreate("long", "dl_a", null, out _);
        for (var i = 1; i <= 25; i++)
        {
            store.Append(conversation, Message("bericht " + i));
        }

        var (activities, watermark) = conversation.Read(0, 100);
        Assert.Equal(25, watermark);
        Assert.Equal(10, activities.Count);
        Assert.Equal("bericht 16", (string?)JObject.Parse(activities[0])["text"]);
        Assert.Equal("long|0000025", (string?)JObject.Parse(activities[^1])["id"]);

        var (newer, same) = conversation.Read(23, 100);
        Assert.Equal(2, newer.Count);
        Assert.Equal(25, same);
    }

    [Fact]
    public void Past_the_byte_bound_the_least_recently_used_conversations_go()
    {
        using var store = Store(new DirectLineOptions { MaxStoredBytes = 600 * 1024, MaxBotActivityBytes = 512 * 1024 });
        var old = store.GetOrCreate("old", "dl_a", null, out _);
        store.Append(old, Message(new string('a', 300 * 1024)));
        clock.Advance(TimeSpan.FromSeconds(1));
        var recent = store.GetOrCreate("recent", "dl_b", null, out _);

        store.Append(recent, Message(new string('b', 400 * 1024)));

        Assert.False(store.TryGet("old", out _));
        Assert.True(store.TryGet("recent", out _));
        Assert.InRange(store.StoredBytes, 400 * 1024, 600 * 1024);
    }

    [Fact]
    public void A_paged_read_hands_out_at_most_the_page_and_its_watermark()
    {
        using var store = Store(new DirectLineOptions());
        var conversation = store.GetOrCreate("paged", "dl_a", null, out _);
        for (var i = 1; i <= 5; i++)
        {
            store.Append(conversation, Message("bericht " + i));
        }

        var (page, watermark) = conversation.Read(0, 2);
        var (rest, last) = conversation.Read(watermark, 10);

        Assert.Equal(2, page.Count);
        Assert.Equal(2, watermark);
        Assert.Equal(3, rest.Count);
        Assert.Equal(5, last);
    }

    [Fact]
    public void A_token_expires_after_its_lifetime()
    {
        var tokens = new DirectLineTokens(new DirectLineOptions { TokenSigningKey = DirectLineSite.SigningKey, TokenLifetime = TimeSpan.FromMinutes(30) }, clock);
        var (token, _) = tokens.Issue("conversation-1", "dl_a");

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(TokenProblem.None, tokens.Validate(token, out var grant));
        Assert.Equal("conversation-1", grant!.ConversationId);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TokenProblem.Expired, tokens.Validate(token, out _));
    }

    private DirectLineConversationStore Store(DirectLineOptions options)
    {
        var tokens = new DirectLineTokens(new DirectLineOptions { TokenSigningKey = DirectLineSite.SigningKey }, clock);
        return new DirectLineConversationStore(options, tokens, clock, NullLogger<DirectLineConversationStore>.Instance);
    }

    private static JObject Message(string text) => new() { ["type"] = "message", ["text"] = text };
}
