using System.Net;
using B12Bot.Cards;

namespace B12Bot.Tests.DirectLine;

/// <summary>Out of the box (no secret configured) the demo page works and the secret-protected endpoint stays shut.</summary>
public sealed class DirectLineWithoutSecretTests(DirectLineSiteWithoutSecret site) : IClassFixture<DirectLineSiteWithoutSecret>
{
    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task The_page_still_gets_a_conversation_with_the_welcome()
    {
        var (status, issued) = await client.PageTokenAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, conversation) = await client.StartAsync((string)issued["token"]!);
        var (welcome, _) = await client.WaitForAsync((string)conversation["conversationId"]!, (string)conversation["token"]!, DirectLineClient.IsBotMessage);
        Assert.Equal(Replies.Welcome, (string?)welcome["text"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("any-guess-at-a-secret-0123456789abcdef")]
    public async Task Generate_refuses_everyone(string? secret)
    {
        var (status, _) = await client.GenerateAsync(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}

/// <summary>The rate limits answer 429 (with Retry-After) once a client asks too often.</summary>
public sealed class DirectLineRateLimitTests(DirectLineSiteWithLowLimits site) : IClassFixture<DirectLineSiteWithLowLimits>
{
    private readonly DirectLineClient client = new(site.Http());

    [Fact]
    public async Task Too_many_tokens_and_too_many_posts_get_429()
    {
        var (first, issued) = await client.PageTokenAsync();
        var (second, conversation) = await client.StartAsync((string)issued["token"]!);
        var (third, _) = await client.RefreshAsync((string)conversation["token"]!);
        using var fourth = await client.Http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK], new[] { first, second, third });
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var id = (string)conversation["conversationId"]!;
        var token = (string)conversation["token"]!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await client.PostAsync(id, token, DirectLineClient.Message("dank u", $"c{i}"));
            statuses.Add(status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
