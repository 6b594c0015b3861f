using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Http;

/// <summary>
/// Without authentication nobody can make the bot post its replies to an address of their choosing: in Production
/// only to <c>Bot:AllowedServiceUrls</c>, in Development only to loopback; <c>expectReplies</c> sends nothing and
/// needs no allowance. An unreachable serviceUrl is a 502 with one warning line, and a Production start without an
/// app id says so once. Every exchange is real HTTP on 127.0.0.x.
/// </summary>
public sealed class ServiceUrlTests
{
    public static TheoryData<string, string?, bool, HttpStatusCode, int> Cases => new()
    {
        // environment, allowed prefix (for the listener), expectReplies, status, requests the listener receives
        { "Production", null, false, HttpStatusCode.BadRequest, 0 },
        { "Production", null, true, HttpStatusCode.OK, 0 },
        { "Production", "listener", false, HttpStatusCode.OK, 1 },
        { "Production", "http://127.0.0.3:9/", false, HttpStatusCode.BadRequest, 0 },
        { "Development", null, false, HttpStatusCode.OK, 1 },
        { "Development", null, true, HttpStatusCode.OK, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Replies_go_to_another_loopback_listener_only_where_allowed(
        string environment, string? allowed, bool expectReplies, HttpStatusCode status, int delivered)
    {
        await using var listener = await ReplyListener.StartAsync(IPAddress.Parse("127.0.0.2"));
        var settings = new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" };
        if (allowed is not null)
        {
            settings["Bot:AllowedServiceUrls:0"] = allowed == "listener" ? listener.Url : allowed;
        }

        await using var bot = new LiveBotFactory(environment, settings);
        using var client = bot.CreateHttpClient();
        var activity = BotHttp.Message("Wat is vitamine B12?", "svc-" + Guid.NewGuid().ToString("N"));
        activity["serviceUrl"] = listener.Url;
        activity["deliveryMode"] = expectReplies ? "expectReplies" : "normal";

        var (response, replies) = await BotHttp.PostAsync(client, activity);

        Assert.Equal(status, response.StatusCode);
        if (expectReplies)
        {
            Assert.NotEmpty(BotHttp.Texts(replies));
        }

        // A normal turn posts its replies before the request ends: the listener has everything it will ever get.
        Assert.Equal(delivered, listener.Requests.Count);
        Assert.All(listener.Requests, path => Assert.StartsWith("/v3/conversations/", path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_serviceUrl_is_a_502_with_one_warning_line_and_no_stack_trace()
    {
        await using var bot = new LiveBotFactory("Development", new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" });
        using var client = bot.CreateHttpClient();
        _ = bot.Address;
        bot.Logs.Clear();
        var activity = BotHttp.Message("Wat is vitamine B12?", "down-" + Guid.NewGuid().ToString("N"));
        activity["serviceUrl"] = $"http://127.0.0.1:{ClosedPort()}/";
        activity["deliveryMode"] = "normal";

        var (response, _) = await BotHttp.PostAsync(client, activity);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var loud = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var line = Assert.Single(loud);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
        Assert.Contains("could not be delivered", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_that_answers_an_error_status_is_a_502_with_one_warning_line()
    {
        await using var channel = await ReplyListener.StartAsync(IPAddress.Parse("127.0.0.2"), StatusCodes.Status503ServiceUnavailable);
        await using var bot = new LiveBotFactory("Production", new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Memory",
            ["Bot:AllowedServiceUrls:0"] = channel.Url,
        });
        using var client = bot.CreateHttpClient();
        _ = bot.Address;
        bot.Logs.Clear();
        var activity = BotHttp.Message("Wat is vitamine B12?", "busy-" + Guid.NewGuid().ToString("N"));
        activity["serviceUrl"] = channel.Url;
        activity["deliveryMode"] = "normal";

        var (response, _) = await BotHttp.PostAsync(client, activity);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.NotEmpty(channel.Requests);
        var line = Assert.Single(bot.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Null(line.Exception);
    }

    [Theory]
    [InlineData("Production", 1)]
    [InlineData("Development", 0)]
    public async Task A_production_start_without_an_app_id_warns_once(string environment, int warnings)
    {
        await using var bot = new LiveBotFactory(environment, new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" });
        _ = bot.Address;

        var startup = bot.Logs.Entries.Where(e => e.Category == "B12Bot.Startup" && e.Level == LogLevel.Warning).ToList();
        Assert.Equal(warnings, startup.Count);
        Assert.All(startup, e => Assert.Contains("without authentication", e.Message, StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A channel's connector on its own loopback address (Kestrel): answers every POST and records its path.</summary>
    private sealed class ReplyListener : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private ReplyListener(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public ConcurrentQueue<string> Requests { get; } = new();

        public static async Task<ReplyListener> StartAsync(IPAddress address, int status = StatusCodes.Status200OK)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(address, 0));
            var app = builder.Build();
            ReplyListener? self = null;
            app.MapPost("/{**path}", (HttpContext http) =>
            {
                self!.Requests.Enqueue(http.Request.Path.Value ?? string.Empty);
                return Results.Json(new { id = "reply-1" }, statusCode: status);
            });
            await app.StartAsync();
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            self = new ReplyListener(app, bound.TrimEnd('/') + "/");
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
