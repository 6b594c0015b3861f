using System.Net;
using System.Net.Sockets;
using System.Text;
using B12Bot.Cards;
using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// Slow clients and logs: bodies that trickle in get one warning line each (no error, no stack trace), headers that
/// never finish are cut off by Kestrel's header timeout, request lines at Information never show Direct Line tokens
/// or connector keys, and a failing turn logs its exception type and ids only and clears the conversation state.
/// </summary>
public sealed class SlowClientAndLogTests
{
    private const int Clients = 10;

    [Fact]
    public async Task Slow_request_bodies_each_get_a_408_and_one_warning_line_not_an_error()
    {
        await using var bot = new LiveBotFactory("Production", new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" });
        var endpoint = new IPEndPoint(IPAddress.Loopback, bot.Address.Port);
        bot.Logs.Clear();

        // Each announces 4 KB and sends a few bytes; Kestrel's minimum body rate gives up on it after its grace period.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SendAsync(endpoint,
            "POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"type\":", bound.Token)));

        Assert.All(answers, answer => Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal));
        var loud = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.Equal(Clients, loud.Count);
        Assert.All(loud, e =>
        {
            Assert.Equal(LogLevel.Warning, e.Level);
            Assert.Null(e.Exception);
            Assert.Contains("too slowly", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Headers_that_never_finish_are_cut_off_by_the_header_timeout()
    {
        await using var bot = new LiveBotFactory("Production", new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Memory",
            ["Bot:RequestHeadersTimeout"] = "00:00:02",
        });
        var endpoint = new IPEndPoint(IPAddress.Loopback, bot.Address.Port);

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ =>
            SendAsync(endpoint, "POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Langzaam: ", bound.Token)));

        // The server ends each connection by itself (with a 408, or by closing it): none is held open.
        Assert.All(answers, answer => Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("Information")]
    [InlineData("Debug")]
    public async Task Request_logging_never_shows_a_direct_line_token_or_a_connector_key(string level)
    {
        await using var bot = new LiveBotFactory("Production", new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Memory",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = level,
        });
        using var client = bot.CreateHttpClient();
        var token = "tok" + Guid.NewGuid().ToString("N");
        var key = "key" + Guid.NewGuid().ToString("N");

        using (await client.GetAsync(new Uri($"/v3/directline/conversations/abc/stream?watermark=1&t={token}", UriKind.Relative)))
        {
        }

        using (await client.PostAsync(new Uri($"/directline/connector/{key}/v3/conversations/abc/activities", UriKind.Relative), BotHttp.Json("{}")))
        {
        }

        var lines = bot.Logs.Entries.Select(e => e.FullText).ToList();
        var leaks = bot.Logs.Entries.Where(e => e.FullText.Contains(token, StringComparison.Ordinal) || e.FullText.Contains(key, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        Assert.Contains(lines, l => l.Contains("/v3/directline/conversations/abc/stream", StringComparison.Ordinal) && l.Contains("t=[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/directline/connector/[redacted]/v3/conversations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_turn_logs_its_exception_type_and_ids_only_and_clears_the_conversation_state()
    {
        var secret = "zq" + Guid.NewGuid().ToString("N")[..10];
        await using var parent = new HostileAppFactory();
        await using var factory = parent.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddSingleton<IBot>(sp => new FailingBot(sp.GetRequiredService<ConversationState>(), secret))));
        var logs = parent.Logs;
        using var client = factory.CreateClient();
        var store = (MemoryStateStorage)factory.Services.GetRequiredService<IConcurrencyAwareStorage>();
        var conversation = "broken-" + Guid.NewGuid().ToString("N");
        await store.WriteIfMatchAsync(StateKeys.Conversation("webchat", conversation), new JObject { ["kapot"] = true }, "*");

        var (response, replies) = await BotHttp.PostAsync(client, BotHttp.Message(secret, conversation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Replies.TurnFailed], BotHttp.Texts(replies));
        Assert.Null(store.GetStoredJson(StateKeys.Conversation("webchat", conversation)));
        var error = Assert.Single(logs.Errors);
        Assert.Null(error.Exception);
        Assert.Contains(nameof(InvalidOperationException), error.Message, StringComparison.Ordinal);
        Assert.Contains(conversation, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.FullText.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>Writes raw bytes and reads what the server answers until it closes the connection.</summary>
    private static async Task<string> SendAsync(IPEndPoint endpoint, string raw, CancellationToken cancellationToken)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(endpoint, cancellationToken);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), cancellationToken);
        using var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the server: it ended the connection.
        }

        return Encoding.ASCII.GetString(answer.ToArray());
    }

    /// <summary>A bot whose turn saves state and then fails with the person's text in the exception message.</summary>
    private sealed class FailingBot(ConversationState state, string secret) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            await state.LoadAsync(turnContext, cancellationToken: cancellationToken);
            throw new InvalidOperationException($"Kon '{secret}' niet verwerken");
        }
    }
}
