using B12Bot.Privacy;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.State;

/// <summary>
/// What a person told the bot about their health is theirs: "vergeet mij" removes it from the store at once,
/// and nothing they type ends up in the bot's log.
/// </summary>
[Collection(StateBotsGroup.Name)]
public sealed class PrivacyTests(StateBotsFixture bots)
{
    public const string Sqlite = "SQLite";
    public const string AzureBlobs = "Azure Blobs";

    public static TheoryData<string, string> ForgetRequests => new()
    {
        { Sqlite, "vergeet mij" },
        { Sqlite, "Verwijder mijn gegevens" },
        { AzureBlobs, "vergeet mij" },
    };

    [Theory]
    [MemberData(nameof(ForgetRequests))]
    public async Task Forget_me_during_a_walkthrough_deletes_the_persons_state_and_the_next_message_starts_afresh(string kind, string request)
    {
        var (bot, store) = kind == Sqlite ? (bots.Solo, (StoredState)bots.SoloStore) : (bots.A, bots.SharedStore);
        var script = bots.Script;
        var mark = bot.Mark();
        using var client = bot.CreateClient();
        var person = new Chat("forget");
        var other = new Chat("keep");

        // A walkthrough under way for this person (and for someone else), and something stored about this person.
        var reply = await person.SayAsync(client, WalkthroughScript.Start);
        reply = await person.SayAsync(client, script.Choose(reply, new Dictionary<string, string> { ["dieet"] = "Veganistisch" }));
        Assert.Same(script.QuestionAt(1), script.Asked(reply));
        await other.SayAsync(client, WalkthroughScript.Start);
        await store.WriteAsync(person.UserKey, new JObject { ["seenWelcome"] = true });
        Assert.True(await store.ExistsAsync(person.ConversationKey));
        Assert.True(await store.ExistsAsync(person.UserKey));

        var confirmation = await person.SayAsync(client, request);
        Assert.Equal([ForgetMe.Reply([ForgetMe.BotStatePhrase, B12Bot.Editors.EditorsEraser.Phrase], [])], confirmation.Texts);

        // Gone from the store itself; the other person's conversation is untouched.
        Assert.False(await store.ExistsAsync(person.ConversationKey), "The conversation state is still stored.");
        Assert.False(await store.ExistsAsync(person.UserKey), "The user state is still stored.");
        Assert.NotNull(StoredState.WalkthroughAnswers(await store.ReadRawAsync(other.ConversationKey)));

        // The next message starts afresh: a new walkthrough opens with its introduction and first question.
        var fresh = await person.SayAsync(client, WalkthroughScript.Start);
        Assert.Contains(script.Rules.Intro, fresh.Texts);
        Assert.Same(script.QuestionAt(0), script.Asked(fresh));
        var answers = StoredState.WalkthroughAnswers(await store.ReadRawAsync(person.ConversationKey));
        Assert.NotNull(answers);
        Assert.Empty(answers);

        await bot.AssertNothingFailedAsync(mark);
    }

    [Fact]
    public async Task What_a_person_types_never_reaches_the_log_even_at_trace_level()
    {
        var bot = bots.Solo;
        var script = bots.Script;
        var mark = bot.Mark();
        using var client = bot.CreateClient();
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var chat = new Chat("log");

        // A question, a red flag, an unknown topic, a walkthrough answer and a question asked in it, a too long
        // message and "vergeet mij": every path a message can take, each carrying the marker.
        await chat.SayAsync(client, $"Zit er vitamine B12 in {marker}?");
        await chat.SayAsync(client, $"Ik heb ineens verlamming in mijn arm en {marker}");
        await chat.SayAsync(client, $"Wat kost een {marker} bij de apotheek?");
        var reply = await chat.SayAsync(client, WalkthroughScript.Start);
        reply = await chat.SayAsync(client, $"{marker} {script.Choose(reply, new Dictionary<string, string>())}");
        await chat.SayAsync(client, $"Wat is {marker} precies?");
        await chat.SayAsync(client, string.Join(' ', Enumerable.Repeat(marker, 300)));
        await chat.SayAsync(client, "vergeet mij");

        var everything = await bot.SettledOutputAsync();
        var log = bot.OutputSince(mark);
        Assert.Contains("Question answered", log, StringComparison.Ordinal);
        Assert.Contains("Red-flag advice given", log, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, everything, StringComparison.OrdinalIgnoreCase);
        await bot.AssertNothingFailedAsync(mark);
    }
}
