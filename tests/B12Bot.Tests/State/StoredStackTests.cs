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
}
