using System.Net;
using B12Bot.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// The Direct Line middleware (the page's static files, WebSockets, CORS, rate limits) acts on every request but the
/// ones under the path it is told to leave alone: the bot's messages endpoint, which none of it serves, goes straight
/// to its endpoint.
/// </summary>
public sealed class DirectLineBypassTests
{
    [Fact]
    public async Task Requests_under_the_bypassed_path_skip_the_direct_line_middleware_and_others_pass_through_it()
    {
        await using var app = await StartAsync(bypass: "/bot");
        using var client = app.GetTestClient();

        // One post a minute for this address: the second post on a limited route is refused …
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/limited", null)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/limited", null)).StatusCode);

        // … and under the bypassed path the limiter never sees the requests.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/bot/limited", null)).StatusCode);
        }

        // A path that only starts with the same letters is not bypassed: the address's one post is spent.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/bots/limited", null)).StatusCode);
    }

    [Fact]
    public async Task Without_a_bypass_every_request_passes_through_the_direct_line_middleware()
    {
        await using var app = await StartAsync(bypass: null);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/bot/limited", null)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/bot/limited", null)).StatusCode);
    }

    private static async Task<WebApplication> StartAsync(string? bypass)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineSite.Secret,
            ["DirectLine:TokenSigningKey"] = DirectLineSite.SigningKey,
            ["DirectLine:AllowedOrigins:0"] = DirectLineSite.AllowedOrigin,
            ["DirectLine:RateLimits:PostsPerMinute"] = "1",
        });
        builder.Services.AddB12BotDirectLine(builder.Configuration);
        var app = builder.Build();
        app.MapB12BotDirectLine(bypass is null ? default : new PathString(bypass));
        foreach (var path in new[] { "/limited", "/bot/limited", "/bots/limited" })
        {
            app.MapPost(path, () => Results.Ok()).RequireRateLimiting(DirectLineEndpoints.PostsLimit);
        }

        await app.StartAsync();
        return app;
    }
}
