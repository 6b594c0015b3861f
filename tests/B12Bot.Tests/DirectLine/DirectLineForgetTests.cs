using System.Net;
using System.Net.WebSockets;
using B12Bot.Cards;
using B12Bot.DirectLine;
using B12Bot.Privacy;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// "Vergeet mij" over Direct Line as a privacy auditor checks it: the reply still reaches the person, and after it
/// the transcript with the e-mail address typed earlier is served to nobody, the token is refused (refresh and a
/// new start too), the stream is closed and cannot be reopened, and reconnecting finds nothing.
/// </summary>
public sealed class DirectLineForgetTests(DirectLineSite site) : IClassFixture<DirectLineSite>
{
    /// <summary>The reply to "vergeet mij" in the chat: the bot state, the Direct Line conversation and the editors' items were removed.</summary>
    internal static readonly string ForgottenReply = ForgetMe.Reply([ForgetMe.BotStatePhrase, DirectLineConversationEraser.Phrase, B12Bot.Editors.EditorsEraser.Phrase], []);

    private const string Email = "jan.de.vries@voorbeeld-mail.nl";

    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task Polling_the_reply_is_read_once_and_then_everything_is_gone()
    {
        var (id, token, streamUrl) = await client.StartedConversationAsync();
        await SayAsync(id, token, $"Mijn e-mailadres is {Email}, wat is B12?");
        var (_, before, _) = await client.GetAsync(id, token);
        Assert.Contains(before, a => ((string?)a["text"])?.Contains(Email, StringComparison.Ordinal) == true);

        var (forgetStatus, _) = await client.PostAsync(id, token, DirectLineClient.Message("vergeet mij", "forget"));
        var (readStatus, lastRead, watermark) = await client.GetAsync(id, token);
        var (afterStatus, _, _) = await client.GetAsync(id, token, watermark!);
        var (againStatus, _, _) = await client.GetAsync(id, token);

        Assert.Equal(HttpStatusCode.OK, forgetStatus);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        // The person's own "vergeet mij" comes back once beside the reply (Web Chat shows a reply after what it answers).
        Assert.Equal(["vergeet mij", DirectLineForgetTests.ForgottenReply], lastRead.OfType<JObject>().Select(a => (string?)a["text"]));
        Assert.DoesNotContain(Email, lastRead.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterStatus);
        Assert.Equal(HttpStatusCode.NotFound, againStatus);
        await AssertGoneAsync(id, token, streamUrl);
    }

    [Fact]
    public async Task Streaming_the_reply_arrives_then_the_server_closes_the_stream_and_everything_is_gone()
    {
        var (id, token, streamUrl) = await client.StartedConversationAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await ActivitySocket.ConnectAsync(streamUrl, timeout.Token);
        await SayAsync(id, token, $"Mijn e-mailadres is {Email}, wat is B12?");
        await stream.NextAsync(a => ((string?)a["text"])?.Contains(Email, StringComparison.Ordinal) == true, timeout.Token);

        var (forgetStatus, posted) = await client.PostAsync(id, token, DirectLineClient.Message("vergeet mij", "forget"));
        var untilClosed = await stream.UntilClosedAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, forgetStatus);
        Assert.Contains(untilClosed, a => DirectLineClient.IsBotMessage(a) && (string?)a["text"] == DirectLineForgetTests.ForgottenReply
            && (string?)a["replyToId"] == (string?)posted["id"]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, stream.CloseStatus);
        var (readStatus, _, _) = await client.GetAsync(id, token);
        Assert.Equal(HttpStatusCode.NotFound, readStatus);
        await AssertGoneAsync(id, token, streamUrl);
    }

    [Fact]
    public async Task Another_conversation_goes_on_untouched()
    {
        var (mine, myToken, _) = await client.StartedConversationAsync();
        var (other, otherToken, _) = await client.StartedConversationAsync();
        await SayAsync(other, otherToken, "Dank u wel");

        await client.PostAsync(mine, myToken, DirectLineClient.Message("verwijder mijn gegevens", "forget"));
        var (status, activities, _) = await client.GetAsync(other, otherToken);
        var (postStatus, _) = await client.PostAsync(other, otherToken, DirectLineClient.Message("Dank u", "more"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(activities, a => (string?)a["text"] == "Dank u wel");
        Assert.Equal(HttpStatusCode.OK, postStatus);
    }

    /// <summary>The old token opens nothing any more: 404 for the conversation, 403 for a fresh token.</summary>
    private async Task AssertGoneAsync(string id, string token, Uri streamUrl)
    {
        var (resumeStatus, _) = await client.ResumeAsync(id, token);
        var (postStatus, _) = await client.PostAsync(id, token, DirectLineClient.Message("hallo?", "after"));
        var (refreshStatus, refreshed) = await client.RefreshAsync(token);
        var (restartStatus, _) = await client.StartAsync(token);
        using var socket = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(streamUrl, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, resumeStatus);
        Assert.Equal(HttpStatusCode.NotFound, postStatus);
        Assert.Equal(HttpStatusCode.Forbidden, refreshStatus);
        Assert.Equal("TokenRevoked", (string?)refreshed["error"]!["code"]);
        Assert.Equal(HttpStatusCode.Forbidden, restartStatus);
        Assert.Contains("404", refused.Message, StringComparison.Ordinal);
    }

    private async Task SayAsync(string id, string token, string text)
    {
        var (status, posted) = await client.PostAsync(id, token, DirectLineClient.Message(text, Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, status);
        await client.WaitForAsync(id, token, a => DirectLineClient.IsBotMessage(a) && (string?)a["replyToId"] == (string?)posted["id"]);
    }
}
