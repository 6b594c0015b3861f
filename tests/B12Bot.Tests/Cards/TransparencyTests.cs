using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Cards;

/// <summary>
/// Saying what it is (EU AI Act art. 50): the welcome and "wie ben jij" say plainly that this is an automated
/// assistant, not a person, and that it quotes the article rather than writing its own text.
/// </summary>
public sealed class TransparencyTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    public static TheoryData<string> Channels => new() { "webchat", "msteams", "directline" };

    public static TheoryData<string> WhoAreYou => new() { "Wie ben jij?", "ben je een robot", "Ben jij een mens?", "met wie praat ik" };

    private static void AssertSaysWhatItIs(string text)
    {
        Assert.Contains("geautomatiseerde assistent", text, StringComparison.Ordinal);
        Assert.Contains("geen mens", text, StringComparison.Ordinal);
        Assert.Contains("citeer", text, StringComparison.Ordinal);
        Assert.Contains("artikel", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task The_welcome_says_it_is_an_automated_assistant_that_quotes_the_article(string channel)
    {
        using var client = factory.CreateClient();
        var update = BotHttp.Message(null, "t-" + Guid.NewGuid().ToString("N"), channelId: channel);
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JArray { new JObject { ["id"] = "user-1" } };

        var (_, replies) = await BotHttp.PostAsync(client, update);

        var welcome = Assert.Single(BotHttp.Texts(replies));
        AssertSaysWhatItIs(welcome);
        Assert.DoesNotContain("bewaar ik", welcome, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WhoAreYou))]
    public async Task Asked_who_it_is_it_says_it_is_an_automated_assistant_not_a_person(string question)
    {
        using var client = factory.CreateClient();
        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message(question, "t-" + Guid.NewGuid().ToString("N")));

        AssertSaysWhatItIs(Assert.Single(BotHttp.Texts(replies)));
    }
}
