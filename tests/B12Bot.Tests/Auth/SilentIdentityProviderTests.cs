using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using B12Bot.Adapters;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace B12Bot.Tests.Auth;

/// <summary>
/// When the identity endpoints do not answer, forged tokens do not tie the bot up: the Bot Framework's OpenID
/// metadata addresses (<c>ToBotFromChannelOpenIdMetadataUrl</c>, <c>ToBotFromEmulatorOpenIdMetadataUrl</c>) point
/// at a local listener that accepts connections and never answers; 20 forged requests at once all get 401 within
/// the test's own bound, the outage is logged once, and the next token is refused without waiting again.
/// </summary>
public sealed class SilentIdentityProviderTests
{
    private const string ChannelIssuer = "https://api.botframework.com";
    private const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    [Fact]
    public async Task Twenty_forged_tokens_at_once_are_all_refused_while_the_metadata_endpoint_never_answers()
    {
        await using var silent = SilentListener.Start();
        var metadata = $"{silent.Url}v1/.well-known/openidconfiguration";
        await using var bot = new LiveBotFactory("Production", new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Memory",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AuthAppFactory.AppId,
            ["MicrosoftAppPassword"] = "geheim-wachtwoord-voor-de-test",
            ["MicrosoftAppTenantId"] = AuthAppFactory.TenantId,
            ["ToBotFromChannelOpenIdMetadataUrl"] = metadata,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = metadata,
            ["ToBotFromChannelTokenIssuer"] = ChannelIssuer,
            ["Bot:AuthenticationTimeout"] = "00:00:02",
            ["Bot:AuthenticationRetryAfter"] = "00:10:00",
        });
        using var client = bot.CreateHttpClient();

        // The test's own bound: without the bounded wait every request would hang for the framework's 100 s.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var forged = Enumerable.Range(0, 20)
            .Select(i => PostAsync(client, Forged(i % 2 == 0 ? ChannelIssuer : EmulatorIssuer), bound.Token))
            .ToList();
        var statuses = await Task.WhenAll(forged);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.True(silent.Connections > 0, "The metadata endpoint was never asked: the test proves nothing.");
        var outage = bot.Logs.Entries.Where(e => e.Category == typeof(BoundedBotFrameworkAuthentication).FullName).ToList();
        var line = Assert.Single(outage);
        Assert.Equal(LogLevel.Warning, line.Level);

        // Remembered: the next token is refused at once, without asking the silent endpoint again.
        var connections = silent.Connections;
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, Forged(ChannelIssuer), bound.Token));
        Assert.Equal(connections, silent.Connections);
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Critical);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = BotHttp.Json(BotHttp.Message("Wat is vitamine B12?", "forged-" + Guid.NewGuid().ToString("N")).ToString()),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>A well-formed token of the channel service or the emulator, signed with a key nobody published.</summary>
    private static string Forged(string issuer)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "vervalst-" + Guid.NewGuid().ToString("N")[..8] };
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(
            issuer: issuer,
            audience: AuthAppFactory.AppId,
            claims: [new Claim("serviceurl", BotHttp.ServiceUrl), new Claim("appid", AuthAppFactory.AppId), new Claim("ver", "1.0")],
            notBefore: now.AddMinutes(-1),
            expires: now.AddMinutes(30),
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>Accepts every connection on 127.0.0.1 and never sends a byte, not even its TLS greeting (an identity endpoint that hangs).</summary>
    private sealed class SilentListener : IAsyncDisposable
    {
        private readonly TcpListener _tcp;
        private readonly ConcurrentBag<TcpClient> _held = [];
        private readonly Task _loop;
        private int _connections;

        private SilentListener(TcpListener tcp)
        {
            _tcp = tcp;
            Url = $"https://127.0.0.1:{((IPEndPoint)tcp.LocalEndpoint).Port}/";
            _loop = Task.Run(AcceptAsync);
        }

        public string Url { get; }

        public int Connections => Volatile.Read(ref _connections);

        public static SilentListener Start()
        {
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            return new SilentListener(tcp);
        }

        public async ValueTask DisposeAsync()
        {
            _tcp.Stop();
            await _loop;
            foreach (var client in _held)
            {
                client.Dispose();
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    _held.Add(await _tcp.AcceptTcpClientAsync());
                    Interlocked.Increment(ref _connections);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
