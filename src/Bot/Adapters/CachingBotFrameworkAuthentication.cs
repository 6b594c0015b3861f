using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace B12Bot.Adapters;

/// <summary>
/// Spares every turn the framework's construction of two clients it rarely uses. The adapter builds a connector
/// client (for replies to the channel's <c>serviceUrl</c>) and a user-token client (for sign-in) at the start of
/// every turn and disposes both at its end; building them costs more than many a turn's own work.
/// <list type="bullet">
/// <item>Connector clients are kept per bot app id, <c>serviceUrl</c> and audience, and handed out again: their
/// credentials fetch and renew their own tokens on every request, so a kept client never holds an expired token. At
/// most <see cref="MaxConnectorClients"/> are kept; beyond that a turn gets a client of its own, as before.</item>
/// <item>The user-token client is built on the first call that needs it, and never on a turn that does not.</item>
/// </list>
/// Authentication itself is the inner instance's, unchanged.
/// </summary>
public sealed class CachingBotFrameworkAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication, IDisposable
{
    /// <summary>How many connector clients are kept (distinct app id, serviceUrl and audience).</summary>
    public const int MaxConnectorClients = 64;

    private readonly ConcurrentDictionary<(string? AppId, string ServiceUrl, string? Audience), Lazy<Task<SharedConnectorClient>>> _clients = new();

    /// <summary>How many connector clients are kept now.</summary>
    public int ConnectorClientCount => _clients.Count;

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
        => inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity)
        => Wrap(inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        => Task.FromResult<UserTokenClient>(new LazyUserTokenClient(token => inner.CreateUserTokenClientAsync(claimsIdentity, token)));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    /// <summary>Disposes the kept connector clients (and their HTTP clients).</summary>
    public void Dispose()
    {
        foreach (var entry in _clients.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Release();
            }
        }

        _clients.Clear();
    }

    private ConnectorFactory Wrap(ConnectorFactory factory, ClaimsIdentity? identity)
    {
        if (factory is null or CachingConnectorFactory)
        {
            return factory!;
        }

        // The app id the factory's credentials are for: the token's audience (none when authentication is off).
        var appId = identity?.Claims.FirstOrDefault(c => c.Type == AuthenticationConstants.AudienceClaim)?.Value;
        return new CachingConnectorFactory(this, factory, appId);
    }

    private async Task<IConnectorClient> ClientAsync(ConnectorFactory factory, string? appId, string serviceUrl, string? audience, CancellationToken cancellationToken)
    {
        var key = (appId, serviceUrl, audience);
        if (!_clients.TryGetValue(key, out var entry))
        {
            if (_clients.Count >= MaxConnectorClients)
            {
                // Full: this turn gets a client of its own, which the adapter disposes.
                return await factory.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            }

            entry = _clients.GetOrAdd(key, _ => new Lazy<Task<SharedConnectorClient>>(() => CreateSharedAsync(factory, serviceUrl, audience)));
        }

        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A client that could not be built (credentials unavailable) is not kept: the next turn tries again.
            _clients.TryRemove(new KeyValuePair<(string?, string, string?), Lazy<Task<SharedConnectorClient>>>(key, entry));
            throw;
        }
    }

    private static async Task<SharedConnectorClient> CreateSharedAsync(ConnectorFactory factory, string serviceUrl, string? audience)
    {
        var created = await factory.CreateAsync(serviceUrl, audience, CancellationToken.None).ConfigureAwait(false);
        if (created is not ConnectorClient client)
        {
            throw new InvalidOperationException("The connector factory made a client of an unexpected type.");
        }

        return new SharedConnectorClient(client);
    }

    /// <summary>A connector factory whose clients are kept by the authentication it came from.</summary>
    private sealed class CachingConnectorFactory(CachingBotFrameworkAuthentication owner, ConnectorFactory inner, string? appId) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
            return owner.ClientAsync(inner, appId, serviceUrl, audience, cancellationToken);
        }
    }

    /// <summary>
    /// A connector client on the kept client's address, credentials and HTTP client, which the adapter's dispose at the
    /// end of a turn leaves usable; <see cref="Release"/> disposes the kept client when the cache is disposed.
    /// </summary>
    private sealed class SharedConnectorClient(ConnectorClient owner)
        : ConnectorClient(owner.BaseUri, owner.Credentials, owner.HttpClient, disposeHttpClient: false)
    {
        private volatile bool _released;

        public void Release()
        {
            _released = true;
            Dispose();
            owner.Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            // Kept for the next turn: the adapter disposes the clients of every turn; only the cache releases it.
            if (_released)
            {
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>A user-token client built on its first use only; disposed with the turn as before.</summary>
    private sealed class LazyUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private UserTokenClient? _client;
        private bool _disposed;

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken).ConfigureAwait(false);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken).ConfigureAwait(false);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken).ConfigureAwait(false);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken).ConfigureAwait(false);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken)
            => await (await ClientAsync(cancellationToken).ConfigureAwait(false)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken).ConfigureAwait(false);

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                _client?.Dispose();
                _gate.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task<UserTokenClient> ClientAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is { } client)
            {
                return client;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return _client ??= await create(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
