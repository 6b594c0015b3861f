using System.Security.Claims;
using B12Bot.Adapters;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;

namespace B12Bot.Tests.Auth;

/// <summary>
/// The framework's clients of a turn, as <see cref="CachingBotFrameworkAuthentication"/> hands them to the real
/// <see cref="CloudAdapter"/>: one connector client per serviceUrl and audience, still usable after the adapter
/// disposed it at the end of a turn; a user-token client built only when a turn calls it.
/// </summary>
public sealed class CachingBotFrameworkAuthenticationTests : IDisposable
{
    private readonly CountingAuthentication _counting = new(new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()));
    private readonly CachingBotFrameworkAuthentication _caching;
    private readonly RequestAdapter _adapter;

    public CachingBotFrameworkAuthenticationTests()
    {
        _caching = new CachingBotFrameworkAuthentication(_counting);
        _adapter = new RequestAdapter(_caching);
    }

    public void Dispose() => _caching.Dispose();

    [Fact]
    public async Task Turns_to_the_same_serviceUrl_get_the_same_connector_client_and_it_survives_the_adapters_dispose()
    {
        var first = await ConnectorClientOfTurnAsync("http://127.0.0.1:9/");
        var second = await ConnectorClientOfTurnAsync("http://127.0.0.1:9/");

        Assert.Same(first, second);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), second.BaseUri);

        // The adapter disposed it after each turn; its HTTP client still works (a disposed one throws).
        ((ConnectorClient)second).HttpClient.CancelPendingRequests();
        Assert.Equal(1, _caching.ConnectorClientCount);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/", "http://127.0.0.1:10/", null, null)]
    [InlineData("http://127.0.0.1:9/", "http://127.0.0.1:9/", "https://api.botframework.com", "https://other.example")]
    public async Task Another_serviceUrl_or_audience_gets_a_client_of_its_own(string url1, string url2, string? audience1, string? audience2)
    {
        var identity = new ClaimsIdentity();
        var factory = _caching.CreateConnectorFactory(identity);

        var one = await factory.CreateAsync(url1, audience1, CancellationToken.None);
        var other = await factory.CreateAsync(url2, audience2, CancellationToken.None);
        var oneAgain = await factory.CreateAsync(url1, audience1, CancellationToken.None);

        Assert.NotSame(one, other);
        Assert.Same(one, oneAgain);
        Assert.Equal(new Uri(url2), other.BaseUri);
        Assert.Equal(2, _caching.ConnectorClientCount);
    }

    [Fact]
    public async Task Bot_app_ids_do_not_share_connector_clients()
    {
        var botA = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, "app-a")]);
        var botB = new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, "app-b")]);

        var a = await _caching.CreateConnectorFactory(botA).CreateAsync("http://127.0.0.1:9/", null, CancellationToken.None);
        var b = await _caching.CreateConnectorFactory(botB).CreateAsync("http://127.0.0.1:9/", null, CancellationToken.None);

        Assert.NotSame(a, b);
    }

    [Fact]
    public async Task Beyond_the_limit_a_serviceUrl_gets_a_client_of_its_own_and_the_cache_stops_growing()
    {
        var factory = _caching.CreateConnectorFactory(new ClaimsIdentity());
        for (var port = 0; port < CachingBotFrameworkAuthentication.MaxConnectorClients; port++)
        {
            _ = await factory.CreateAsync($"http://127.0.0.1:{2000 + port}/", null, CancellationToken.None);
        }

        var beyond = await factory.CreateAsync("http://127.0.0.1:1999/", null, CancellationToken.None);
        var again = await factory.CreateAsync("http://127.0.0.1:1999/", null, CancellationToken.None);

        Assert.NotSame(beyond, again);
        Assert.Equal(CachingBotFrameworkAuthentication.MaxConnectorClients, _caching.ConnectorClientCount);
    }

    [Fact]
    public async Task A_turn_that_does_not_use_the_user_token_client_never_builds_one()
    {
        UserTokenClient? seen = null;
        await _adapter.ProcessRequestAsync(Message("http://127.0.0.1:9/"), (turn, _) =>
        {
            seen = turn.TurnState.Get<UserTokenClient>();
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal(0, _counting.UserTokenClientsCreated);
    }

    [Fact]
    public async Task A_turn_that_calls_the_user_token_client_gets_the_real_one_once()
    {
        TokenStatus[]? first = null;
        TokenStatus[]? second = null;
        await _adapter.ProcessRequestAsync(Message("http://127.0.0.1:9/"), async (turn, token) =>
        {
            var client = turn.TurnState.Get<UserTokenClient>();
            first = await client.GetTokenStatusAsync("user-1", "webchat", string.Empty, token);
            second = await client.GetTokenStatusAsync("user-1", "webchat", string.Empty, token);
        }, CancellationToken.None);

        Assert.Equal(1, _counting.UserTokenClientsCreated);
        Assert.Equal("fake", Assert.Single(first!).ConnectionName);
        Assert.Equal("fake", Assert.Single(second!).ConnectionName);
        Assert.True(_counting.LastUserTokenClientDisposed);
    }

    private async Task<IConnectorClient> ConnectorClientOfTurnAsync(string serviceUrl)
    {
        IConnectorClient? client = null;
        await _adapter.ProcessRequestAsync(Message(serviceUrl), (turn, _) =>
        {
            client = turn.TurnState.Get<IConnectorClient>();
            return Task.CompletedTask;
        }, CancellationToken.None);
        return client ?? throw new InvalidOperationException("The turn had no connector client.");
    }

    private static Activity Message(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = "hallo",
        ChannelId = "webchat",
        ServiceUrl = serviceUrl,
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = new ChannelAccount("user-1"),
        Recipient = new ChannelAccount("b12bot"),
        Conversation = new ConversationAccount { Id = "conversation-1" },
    };

    /// <summary>The real adapter, running a turn as for a request to /api/messages (with its Authorization header).</summary>
    private sealed class RequestAdapter(BotFrameworkAuthentication authentication) : CloudAdapter(authentication)
    {
        public Task<InvokeResponse> ProcessRequestAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
            => ProcessActivityAsync(string.Empty, activity, callback, cancellationToken);
    }

    /// <summary>The framework's authentication, counting the user-token clients it builds (which answer from memory).</summary>
    private sealed class CountingAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
    {
        private FakeUserTokenClient? _last;

        public int UserTokenClientsCreated { get; private set; }

        public bool LastUserTokenClientDisposed => _last?.Disposed == true;

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
            => inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
            => inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            UserTokenClientsCreated++;
            _last = new FakeUserTokenClient();
            return Task.FromResult<UserTokenClient>(_last);
        }

        public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();
    }

    private sealed class FakeUserTokenClient : UserTokenClient
    {
        public bool Disposed { get; private set; }

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken)
            => Task.FromResult(new[] { new TokenStatus { ConnectionName = "fake" } });

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
