using System.Net;
using B12Bot.Cards;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>The Direct Line REST flow as Web Chat drives it, over real HTTP, with the real bot behind it.</summary>
public sealed class DirectLineFlowTests(DirectLineSite site) : IClassFixture<DirectLineSite>
{
    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task Page_token_starts_a_conversation_that_opens_with_the_welcome()
    {
        var (tokenStatus, issued) = await client.PageTokenAsync();
        Assert.Equal(HttpStatusCode.OK, tokenStatus);
        Assert.Equal(1800, (int)issued["expires_in"]!);

        var (startStatus, conversation) = await client.StartAsync((string)issued["token"]!);
        Assert.Equal(HttpStatusCode.Created, startStatus);
        Assert.Equal((string?)issued["conversationId"], (string)conversation["conversationId"]!);
        Assert.Contains("/stream?t=", (string)conversation["streamUrl"]!, StringComparison.Ordinal);

        var id = (string)conversation["conversationId"]!;
        var (welcome, _) = await client.WaitForAsync(id, (string)conversation["token"]!, DirectLineClient.IsBotMessage);
        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
        Assert.StartsWith(id + "|", (string)welcome["id"]!, StringComparison.Ordinal);
        Assert.Equal("directline", (string?)welcome["channelId"]);
        Assert.Contains(Replies.StartWalkthrough, welcome["suggestedActions"]!["actions"]!.Select(a => (string?)a["title"]));
        Assert.Null(welcome["serviceUrl"]);
    }

    [Fact]
    public async Task A_posted_message_comes_back_completed_by_the_server_and_the_bot_replies_to_it()
    {
        var (id, token, user) = await StartedConversationAsync();

        var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Dank u wel!", "client-1"));
        Assert.Equal(HttpStatusCode.OK, status);
        var postedId = (string)posted["id"]!;

        var (echo, _) = await client.WaitForAsync(id, token, a => (string?)a["id"] == postedId);
        Assert.Equal("Dank u wel!", (string?)echo["text"]);
        Assert.Equal("client-1", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Equal("user", (string?)echo["from"]!["role"]);
        Assert.Equal(user, (string?)echo["from"]!["id"]);
        Assert.Equal("Bezoeker", (string?)echo["from"]!["name"]);
        Assert.Equal("directline", (string?)echo["channelId"]);
        Assert.Equal(id, (string?)echo["conversation"]!["id"]);
        Assert.True(DateTimeOffset.TryParse((string?)echo["timestamp"], out _));
        Assert.Null(echo["serviceUrl"]);
        Assert.Null(echo["deliveryMode"]);

        var (reply, _) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == postedId);
        Assert.Equal(Replies.Thanks, (string?)reply["text"]);
        Assert.Equal(user, (string?)reply["recipient"]!["id"]);
    }

    [Fact]
    public async Task A_message_posted_right_after_the_start_is_answered_after_the_welcome()
    {
        var (_, issued) = await client.PageTokenAsync();
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;

        var (_, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Bedankt", "quick-1"));
        await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);

        var (_, all, _) = await client.GetAsync(id, token);
        var botTexts = all.Where(a => DirectLineClient.IsBotMessage((JObject)a)).Select(a => (string?)a["text"]).ToList();
        Assert.Equal([Replies.Welcome, Replies.Thanks], botTexts);
    }

    [Fact]
    public async Task The_watermark_returns_only_what_came_after_it()
    {
        var (id, token, _) = await StartedConversationAsync();
        var (_, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Bedankt", "client-2"));
        var (_, afterReply) = await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);

        var (_, all, lastWatermark) = await client.GetAsync(id, token);
        Assert.Equal(["bot", "user", "bot"], all.Select(a => (string?)a["from"]!["role"]));
        Assert.Equal(afterReply, lastWatermark);

        var (_, nothingNew, sameWatermark) = await client.GetAsync(id, token, lastWatermark!);
        Assert.Empty(nothingNew);
        Assert.Equal(lastWatermark, sameWatermark);

        var (_, afterWelcome, _) = await client.GetAsync(id, token, "1");
        Assert.Equal([(string?)posted["id"], (string?)all[2]["id"]], afterWelcome.Select(a => (string?)a["id"]));

        var (badStatus, _, _) = await client.GetAsync(id, token, "abc");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task A_refreshed_token_is_new_and_keeps_the_conversation()
    {
        var (id, token, _) = await StartedConversationAsync();

        var (status, refreshed) = await client.RefreshAsync(token);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, (string?)refreshed["conversationId"]);
        Assert.NotEqual(token, (string?)refreshed["token"]);

        var (readStatus, activities, _) = await client.GetAsync(id, (string)refreshed["token"]!);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.NotEmpty(activities);
    }

    [Fact]
    public async Task The_secret_generates_a_token_and_starting_twice_resumes_the_same_conversation()
    {
        var (generateStatus, generated) = await client.GenerateAsync(DirectLineSite.Secret, new JObject { ["user"] = new JObject { ["id"] = "apotheek-klant-7" } });
        Assert.Equal(HttpStatusCode.OK, generateStatus);
        var token = (string)generated["token"]!;

        var (first, conversation) = await client.StartAsync(token);
        var (second, again) = await client.StartAsync(token);
        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        var id = (string)conversation["conversationId"]!;
        Assert.Equal(id, (string?)again["conversationId"]);

        var (resumeStatus, resumed) = await client.ResumeAsync(id, token, "1");
        Assert.Equal(HttpStatusCode.OK, resumeStatus);
        Assert.EndsWith("&watermark=1", (string)resumed["streamUrl"]!, StringComparison.Ordinal);

        // Turns run one at a time, so once the reply is there any second welcome would be too: there is none.
        var (_, posted) = await client.PostAsync(id, token, DirectLineClient.Message("Dank je", "client-3"));
        await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);
        var (_, all, _) = await client.GetAsync(id, token);
        Assert.Single(all, a => (string?)a["text"] == Replies.Welcome);
        Assert.All(all.Where(a => (string?)a["from"]!["role"] == "user"), a => Assert.Equal("apotheek-klant-7", (string?)a["from"]!["id"]));
    }

    [Fact]
    public async Task The_secret_can_start_a_conversation_directly()
    {
        var (status, conversation) = await client.StartAsync(DirectLineSite.Secret);
        Assert.Equal(HttpStatusCode.Created, status);
        var (welcome, _) = await client.WaitForAsync((string)conversation["conversationId"]!, (string)conversation["token"]!, DirectLineClient.IsBotMessage);
        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
    }

    private async Task<(string Id, string Token, string User)> StartedConversationAsync()
    {
        var (_, issued) = await client.PageTokenAsync();
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        var (welcome, _) = await client.WaitForAsync(id, token, DirectLineClient.IsBotMessage);
        return (id, token, (string)welcome["recipient"]!["id"]!);
    }
}
