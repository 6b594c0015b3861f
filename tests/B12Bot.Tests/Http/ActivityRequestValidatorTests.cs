using System.Net;
using System.Text;
using B12Bot.Adapters;
using Microsoft.AspNetCore.Http;

namespace B12Bot.Tests.Http;

/// <summary>The request check on its own, for bodies an HTTP client would not send.</summary>
public sealed class ActivityRequestValidatorTests
{
    private const string Activity = """
        {"type":"message","channelId":"webchat","serviceUrl":"http://127.0.0.1:1","conversation":{"id":"c"},"from":{"id":"u"},"text":"coeliakie"}
        """;

    private static readonly ActivityRequestValidator Validator = new(new ActivityRequestOptions());

    [Fact]
    public async Task A_body_of_the_announced_length_is_accepted_as_it_came()
    {
        var bytes = Encoding.UTF8.GetBytes(Activity);

        var check = await Validator.CheckAsync(Request(bytes, bytes.Length), CancellationToken.None);

        Assert.True(check.Accepted);
        Assert.Equal(bytes, check.Body);
    }

    [Fact]
    public async Task A_body_without_a_length_is_read_to_its_end()
    {
        var bytes = Encoding.UTF8.GetBytes(Activity);

        var check = await Validator.CheckAsync(Request(bytes, contentLength: null), CancellationToken.None);

        Assert.True(check.Accepted);
        Assert.Equal(bytes, check.Body);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_400()
    {
        var bytes = Encoding.UTF8.GetBytes(Activity);

        var check = await Validator.CheckAsync(Request(bytes, bytes.Length + 50), CancellationToken.None);

        Assert.False(check.Accepted);
        Assert.Equal(HttpStatusCode.BadRequest, check.Status);
    }

    [Fact]
    public async Task A_body_without_a_length_that_grows_past_the_limit_is_413()
    {
        var small = new ActivityRequestValidator(new ActivityRequestOptions { MaxBodyBytes = 64 });
        var bytes = Encoding.UTF8.GetBytes(Activity);

        var check = await small.CheckAsync(Request(bytes, contentLength: null), CancellationToken.None);

        Assert.False(check.Accepted);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, check.Status);
    }

    private static HttpRequest Request(byte[] body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = contentLength;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
