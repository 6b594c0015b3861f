using B12Bot.Cards;
using System.Net;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Teams;

/// <summary>Teams-shaped activities over HTTP: mentions in channels, threads, personal chat, buttons.</summary>
public sealed class TeamsChannelTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    private const string Question = "Welke producten zijn rijk aan B12?";
    private const string ThreadId = "19:a1b2c3d4e5f6@thread.tacv2;messageid=1732464000000";

    private static JObject ChannelMessage(string text, string mentionText = "<at>B12Bot</at>")
    {
        var activity = BotHttp.Message($"{mentionText} {text}", ThreadId, channelId: "msteams", userId: "29:1-user-aad");
        activity["recipient"] = new JObject { ["id"] = "28:b12bot-app-id", ["name"] = "B12Bot" };
        activity["conversation"] = new JObject
        {
            ["id"] = ThreadId,
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = "72f988bf-0000-0000-0000-2d7cd011db47",
        };
        activity["entities"] = new JArray
        {
            new JObject
            {
                ["type"] = "mention",
                ["text"] = mentionText,
                ["mentioned"] = new JObject { ["id"] = "28:b12bot-app-id", ["name"] = "B12Bot" },
            },
        };
        activity["channelData"] = new JObject
        {
            ["teamsChannelId"] = "19:a1b2c3d4e5f6@thread.tacv2",
            ["teamsTeamId"] = "19:team0000@thread.tacv2",
            ["channel"] = new JObject { ["id"] = "19:a1b2c3d4e5f6@thread.tacv2" },
            ["team"] = new JObject { ["id"] = "19:team0000@thread.tacv2" },
            ["tenant"] = new JObject { ["id"] = "72f988bf-0000-0000-0000-2d7cd011db47" },
        };
        activity["serviceUrl"] = "http://127.0.0.1:9/teams/";
        return activity;
    }

    [Fact]
    public async Task A_mentioned_question_in_a_channel_gets_the_same_answer_as_the_plain_question_in_its_thread()
    {
        using var client = factory.CreateClient();
        var (_, plain) = await BotHttp.PostAsync(client, BotHttp.Message(Question, "plain-" + Guid.NewGuid()));
        var (response, inChannel) = await BotHttp.PostAsync(client, ChannelMessage(Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("faq-09", Cited.Top(plain));
        Assert.Equal(Cited.Top(plain), Cited.Top(inChannel));
        Assert.Equal(BotHttp.Texts(plain), BotHttp.Texts(inChannel).Take(1));
        Assert.Equal(Replies.FollowUps, BotHttp.Texts(inChannel).Last());
        Assert.All(inChannel, reply => Assert.Equal(ThreadId, (string?)reply["conversation"]?["id"]));
    }

    [Fact]
    public async Task The_mention_is_removed_before_the_text_is_read_even_for_small_talk()
    {
        using var client = factory.CreateClient();
        var (_, replies) = await BotHttp.PostAsync(client, ChannelMessage("bedankt!"));
        Assert.Contains(BotHttp.Texts(replies), t => t.Contains("Graag gedaan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Buttons_in_a_channel_come_as_a_hero_card_and_in_personal_chat_as_suggested_actions()
    {
        using var client = factory.CreateClient();
        var (_, inChannel) = await BotHttp.PostAsync(client, ChannelMessage("hallo"));
        var channelReply = Assert.Single(inChannel);
        Assert.Null(channelReply["suggestedActions"]);
        Assert.Equal("application/vnd.microsoft.card.hero", (string?)channelReply["attachments"]?[0]?["contentType"]);
        Assert.NotEmpty((JArray)channelReply["attachments"]![0]!["content"]!["buttons"]!);

        // Personal chat: up to three buttons as suggested actions (an answer's follow-ups, in a message after the
        // answer, which stands alone); more (the welcome's four) on a card, because Teams shows only three.
        var (_, answered) = await BotHttp.PostAsync(client, PersonalMessage(Question));
        Assert.Equal(2, answered.Count);
        Assert.Null(answered[0]["suggestedActions"]);
        Assert.Equal(Replies.FollowUps, (string?)answered[1]["text"]);
        var followUps = (JArray)answered[1]["suggestedActions"]!["actions"]!;
        Assert.InRange(followUps.Count, 1, 3);

        var (_, greeted) = await BotHttp.PostAsync(client, PersonalMessage("hallo"));
        var greeting = Assert.Single(greeted);
        Assert.Null(greeting["suggestedActions"]);
        Assert.Equal(4, ((JArray)greeting["attachments"]![0]!["content"]!["buttons"]!).Count);
    }

    private static JObject PersonalMessage(string text)
    {
        var personal = BotHttp.Message(text, "a:1personal-chat-" + Guid.NewGuid().ToString("N"), channelId: "msteams", userId: "29:1-user-aad");
        personal["conversation"]!["conversationType"] = "personal";
        personal["serviceUrl"] = "http://127.0.0.1:9/teams/";
        return personal;
    }

    [Fact]
    public async Task Answers_in_Teams_carry_the_citation_entity_Teams_renders()
    {
        using var client = factory.CreateClient();
        var (_, replies) = await BotHttp.PostAsync(client, ChannelMessage("Wat is pernicieuze anemie?"));
        var reply = replies[0];
        Assert.Contains("[1]", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Null(reply["attachments"]);

        // Its follow-up questions come after it, on a card of their own.
        Assert.Equal("application/vnd.microsoft.card.hero", (string?)Assert.Single((JArray)replies[1]["attachments"]!)["contentType"]);
        var claim = reply["entities"]!.First(e => (string?)e["@type"] == "Message")["citation"]![0]!;
        Assert.Equal(1, (int?)claim["position"]);
        Assert.EndsWith("#pernicieuze-anemie", (string?)claim["appearance"]!["url"], StringComparison.Ordinal);
    }
}
