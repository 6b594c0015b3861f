using B12Bot.Storage;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.State;

/// <summary>
/// A conversation stores a dialog stack only while the walkthrough is under way: questions alone leave nothing in
/// the store, and a walkthrough that was stopped leaves no stack behind.
/// </summary>
[Collection(StateBotsGroup.Name)]
public sealed class StoredStackTests(StateBotsFixture bots)
{
    [Fact]
    public async Task Only_a_walkthrough_under_way_is_stored()
    {
        var bot = bots.Solo;
        var store = bots.SoloStore;
        var mark = bot.Mark();
        using var client = bot.CreateClient();
        var chat = new Chat("stack");

        var answer = await chat.SayAsync(client, "Welke medicijnen kunnen mijn B12 verlagen?");
        await chat.SayAsync(client, "Dank je wel");
        Assert.NotEmpty(answer.CitedIds);
        Assert.False(await store.ExistsAsync(chat.ConversationKey), "Questions alone stored a conversation state.");

        await chat.SayAsync(client, WalkthroughScript.Start);
        Assert.Equal(1, StoredState.DialogDepth(await store.ReadRawAsync(chat.ConversationKey)));

        await chat.SayAsync(client, "stop");
        var stopped = await store.ReadRawAsync(chat.ConversationKey);
        Assert.NotNull(stopped);
        Assert.Null(stopped["DialogState"]);

        // And the next question is answered as a question again, not read as an answer to the walkthrough.
        var after = await chat.SayAsync(client, "Welke medicijnen kunnen mijn B12 verlagen?");
        Assert.Equal(answer.CitedIds, after.CitedIds);
        await bot.AssertNothingFailedAsync(mark);
    }

    [Fact]
    public async Task A_question_asked_while_the_walkthrough_waits_leaves_the_stored_state_unwritten()
    {
        var bot = bots.Solo;
        var store = bots.SoloStore;
        var script = WalkthroughScript.Load();
        var mark = bot.Mark();
        using var client = bot.CreateClient();
        var chat = new Chat("question-during");

        var started = await chat.SayAsync(client, WalkthroughScript.Start);
        var asked = script.Asked(started);
        Assert.NotNull(asked);
        var before = await ReadEntryAsync(store, chat.ConversationKey);
        Assert.NotNull(before);

        // Answered with its citation, then the same question again; nothing in the conversation changed.
        var answer = await chat.SayAsync(client, "Welke medicijnen kunnen mijn B12 verlagen?");
        Assert.NotEmpty(answer.CitedIds);
        Assert.Equal(asked, script.Asked(answer));
        var unchanged = await ReadEntryAsync(store, chat.ConversationKey);
        Assert.NotNull(unchanged);
        Assert.Equal(before.ETag, unchanged.ETag);
        Assert.Equal(before.LastModified, unchanged.LastModified);
        Assert.True(JToken.DeepEquals(before.Value, unchanged.Value), "The stored state changed.");

        // The walkthrough goes on from the question it waited on: the answer is recorded and stored.
        var next = await chat.SayAsync(client, script.Choose(answer, new Dictionary<string, string>()));
        Assert.NotEqual(asked, script.Asked(next));
        var moved = await ReadEntryAsync(store, chat.ConversationKey);
        Assert.NotNull(moved);
        Assert.NotEqual(before.ETag, moved.ETag);
        var answers = StoredState.WalkthroughAnswers((JObject)moved.Value);
        Assert.NotNull(answers);
        Assert.Contains(answers, a => a.Question == asked.Id);
        await bot.AssertNothingFailedAsync(mark);
    }

    private static async Task<StorageEntry?> ReadEntryAsync(StoredState store, string key)
    {
        var storage = store.OpenStore();
        try
        {
            return await storage.ReadEntryAsync(key);
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }
}
