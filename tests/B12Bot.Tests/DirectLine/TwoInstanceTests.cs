using System.Net;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// One conversation served by two instances as one server would serve it: calls alternate, the stream on one
/// instance carries replies to posts made through the other, a walkthrough survives one instance being killed
/// with SIGKILL, posts through both at once keep their order and are all answered, "vergeet mij" through one
/// removes the conversation on both.
/// </summary>
public sealed class TwoInstanceTests(TwoInstances servers) : IClassFixture<TwoInstances>, IAsyncLifetime
{
    private const int MaxTurns = 30;

    public Task InitializeAsync() => servers.EnsureBothRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Calls_alternating_between_the_instances_make_one_conversation()
    {
        using var firstHttp = servers.First.Http();
        using var secondHttp = servers.Second.Http();
        var first = new DirectLineClient(firstHttp);
        var second = new DirectLineClient(secondHttp);

        var (_, issued) = await first.PageTokenAsync();
        var (startStatus, conversation) = await second.StartAsync((string)issued["token"]!);
        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        var (welcome, _) = await first.WaitForAsync(id, token, DirectLineClient.IsBotMessage);
        var (postStatus, posted) = await first.PostAsync(id, token, DirectLineClient.Message("Dank u wel", "alternate-1"));
        var (reply, _) = await second.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);
        var (refreshStatus, refreshed) = await first.RefreshAsync(token);
        var (resumeStatus, resumed) = await second.ResumeAsync(id, (string)refreshed["token"]!);
        var (readStatus, transcript, _) = await first.GetAsync(id, (string)resumed["token"]!);

        Assert.Equal(HttpStatusCode.Created, startStatus);
        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
        Assert.Equal(HttpStatusCode.OK, postStatus);
        Assert.Equal(Replies.Thanks, (string?)reply["text"]);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(HttpStatusCode.OK, resumeStatus);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(3, transcript.Count);
        Assert.Equal(["1", "2", "3"], transcript.Select(a => ((string)a["id"]!).Split('|')[1].TrimStart('0')));
    }

    [Fact]
    public async Task The_stream_on_one_instance_carries_the_replies_to_posts_made_through_the_other()
    {
        using var firstHttp = servers.First.Http();
        using var secondHttp = servers.Second.Http();
        var (id, token, streamUrl) = await new DirectLineClient(firstHttp).StartedConversationAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await ActivitySocket.ConnectAsync(streamUrl, timeout.Token);
        var second = new DirectLineClient(secondHttp);

        var (status, posted) = await second.PostAsync(id, token, DirectLineClient.Message("Dank u", "through-second"));
        var echo = await stream.NextAsync(a => (string?)a["id"] == (string?)posted["id"], timeout.Token);
        var reply = await stream.NextAsync(a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"], timeout.Token);

        Assert.StartsWith($"ws://127.0.0.1:{servers.First.Port}/", streamUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Dank u", (string?)echo["text"]);
        Assert.Equal(Replies.Thanks, (string?)reply["text"]);
    }

    [Fact]
    public async Task A_walkthrough_goes_on_through_the_other_instance_when_one_is_killed_and_nothing_is_lost()
    {
        using var firstHttp = servers.First.Http();
        using var secondHttp = servers.Second.Http();
        var clients = new[] { new DirectLineClient(firstHttp), new DirectLineClient(secondHttp) };
        var (id, token, _) = await clients[0].StartedConversationAsync();
        var postedIds = new List<string>();

        var replies = await SayAsync(clients, 0, id, token, Replies.StartWalkthrough, postedIds);
        var turn = 1;
        for (; turn <= 3; turn++)
        {
            replies = await SayAsync(clients, turn % 2, id, token, Choose(replies), postedIds);
        }

        await servers.First.KillAsync();
        for (; turn < MaxTurns && Cited.Ids(replies).Count == 0; turn++)
        {
            replies = await SayAsync(clients, 1, id, token, Choose(replies), postedIds);
        }

        Assert.NotEmpty(Cited.Ids(replies));
        Assert.Contains(BotHttp.Texts(replies), t => t.Contains("huisarts", StringComparison.Ordinal));
        var (status, transcript, _) = await clients[1].GetAsync(id, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = transcript.Select(a => (string?)a["id"]).ToList();
        Assert.All(postedIds, p => Assert.Contains(p, ids));
        Assert.All(postedIds, p => Assert.Contains(transcript, a => DirectLineClient.IsBotMessage((JObject)a) && (string?)a["replyToId"] == p));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Posts_through_both_instances_at_once_keep_their_order_and_are_all_answered()
    {
        using var firstHttp = servers.First.Http();
        using var secondHttp = servers.Second.Http();
        var clients = new[] { new DirectLineClient(firstHttp), new DirectLineClient(secondHttp) };
        var (id, token, _) = await clients[0].StartedConversationAsync();
        const int PerInstance = 8;

        async Task<List<string>> PostInOrderAsync(int instance)
        {
            var ids = new List<string>();
            for (var i = 0; i < PerInstance; i++)
            {
                var (status, posted) = await clients[instance].PostAsync(id, token, DirectLineClient.Message($"Dank u {instance}-{i}", $"c{instance}-{i}"));
                Assert.Equal(HttpStatusCode.OK, status);
                ids.Add((string)posted["id"]!);
            }

            return ids;
        }

        var sent = await Task.WhenAll(PostInOrderAsync(0), PostInOrderAsync(1));
        var (_, transcript, _) = await clients[1].GetAsync(id, token);
        var activities = transcript.OfType<JObject>().ToList();

        foreach (var (ids, instance) in sent.Select((ids, instance) => (ids, instance)))
        {
            var seen = activities.Where(a => ((string?)a["text"])?.StartsWith($"Dank u {instance}-", StringComparison.Ordinal) == true).ToList();
            Assert.Equal(Enumerable.Range(0, PerInstance).Select(i => $"Dank u {instance}-{i}"), seen.Select(a => (string?)a["text"]));
            Assert.Equal(ids, seen.Select(a => (string?)a["id"]));
            Assert.All(ids, p => Assert.Single(activities, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == p));
        }

        Assert.Equal(1 + (4 * PerInstance), activities.Count);
    }

    [Fact]
    public async Task Vergeet_mij_through_one_instance_removes_the_conversation_on_both()
    {
        using var firstHttp = servers.First.Http();
        using var secondHttp = servers.Second.Http();
        var first = new DirectLineClient(firstHttp);
        var second = new DirectLineClient(secondHttp);
        var (id, token, _) = await first.StartedConversationAsync();
        const string Phone = "06-12345678";
        var (_, said) = await first.PostAsync(id, token, DirectLineClient.Message($"Mijn nummer is {Phone}", "phone"));
        await second.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)said["id"]);

        var (forgetStatus, _) = await second.PostAsync(id, token, DirectLineClient.Message("vergeet mij", "forget"));
        var (readStatus, lastRead, watermark) = await first.GetAsync(id, token);

        Assert.Equal(HttpStatusCode.OK, forgetStatus);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        // The person's own "vergeet mij" comes back once beside the reply (Web Chat shows a reply after what it answers).
        Assert.Equal(["vergeet mij", DirectLineForgetTests.ForgottenReply], lastRead.Select(a => (string?)a["text"]));
        Assert.DoesNotContain(Phone, lastRead.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(id, token, watermark!)).Status);
        foreach (var client in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(id, token)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await client.ResumeAsync(id, token)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.RefreshAsync(token)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.StartAsync(token)).Status);
        }
    }

    /// <summary>Posts <paramref name="text"/> through instance <paramref name="via"/> and reads the bot's replies through the second one (the first may be dead).</summary>
    private static async Task<JArray> SayAsync(DirectLineClient[] clients, int via, string id, string token, string text, List<string> postedIds)
    {
        var (status, posted) = await clients[via].PostAsync(id, token, DirectLineClient.Message(text, Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, status);
        var postedId = (string)posted["id"]!;
        postedIds.Add(postedId);

        // The turn is over when the post returns: its replies are all there, on every instance.
        var (readStatus, activities, _) = await clients[1].GetAsync(id, token);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        var replies = new JArray(activities.OfType<JObject>().Where(a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == postedId));
        Assert.NotEmpty(replies);
        return replies;
    }

    /// <summary>The answer a person with no particular cause gives: "Nee", a mixed diet, under 50; otherwise the last button.</summary>
    private static string Choose(JArray replies)
    {
        var buttons = replies.SelectMany(r => r["suggestedActions"]?["actions"] as JArray ?? []).Select(a => (string?)a["title"] ?? string.Empty).ToList();
        Assert.True(buttons.Count > 0, "a question came without buttons: " + string.Join(" | ", BotHttp.Texts(replies)));
        foreach (var preferred in (string[])[B12Bot.Dialogs.CauseFinderPrompt.ConfirmTitle, "Nee", "Ik eet alles", "Jonger dan 50"])
        {
            if (buttons.FirstOrDefault(b => b.StartsWith(preferred, StringComparison.Ordinal)) is { } match)
            {
                return match;
            }
        }

        return buttons[^1];
    }
}
