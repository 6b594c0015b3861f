using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace B12Bot.Adapters;

/// <summary>
/// Bot Framework authentication with a bounded wait. Validating a token needs the OpenID metadata and signing keys
/// of Microsoft Entra ID / the Bot Framework; when those do not answer, the framework waits for its HTTP client's
/// 100 s timeout on every request and remembers nothing. Here a validation that needs longer than
/// <see cref="AuthenticationLimits.Timeout"/> is refused (401), and so is every token during
/// <see cref="AuthenticationLimits.RetryAfter"/> after such a failure, without waiting again. A token that is
/// simply invalid is refused by the framework as before.
/// </summary>
public sealed partial class BoundedBotFrameworkAuthentication(
    BotFrameworkAuthentication inner,
    AuthenticationLimits limits,
    TimeProvider clock,
    ILogger<BoundedBotFrameworkAuthentication> logger) : BotFrameworkAuthentication
{
    private long _unavailableUntil;

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
        => BoundedAsync(token => inner.AuthenticateChannelRequestAsync(authHeader, token), authHeader, cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
        => BoundedAsync(token => inner.AuthenticateRequestAsync(activity, authHeader, token), authHeader, cancellationToken);

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
        => BoundedAsync(token => inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, token), authHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> validate, string? authHeader, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authHeader))
        {
            // No token: the framework decides at once (anonymous when authentication is off, 401 otherwise).
            return await validate(cancellationToken).ConfigureAwait(false);
        }

        if (clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _unavailableUntil))
        {
            throw new UnauthorizedAccessException("The signing keys were unavailable a moment ago; the token is refused.");
        }

        try
        {
            return await validate(cancellationToken).WaitAsync(limits.Timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Remember("TimeoutException");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsUnreachable(ex))
        {
            Remember(ex.GetType().Name);
        }

        throw new UnauthorizedAccessException("The signing keys could not be fetched; the token is refused.");
    }

    /// <summary>Refuses tokens without waiting for a while; logs once per outage, not once per request.</summary>
    private void Remember(string errorType)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var previous = Interlocked.Exchange(ref _unavailableUntil, now + limits.RetryAfter.Ticks);
        if (previous < now)
        {
            SigningKeysUnavailable(logger, limits.Timeout.TotalSeconds, errorType, limits.RetryAfter.TotalSeconds);
        }
    }

    /// <summary>Whether validating failed because the metadata or key endpoints could not be reached or read.</summary>
    private static bool IsUnreachable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException
                || ex.Message.Contains("IDX20803", StringComparison.Ordinal)
                || ex.Message.Contains("IDX20804", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework signing keys could not be fetched within {Timeout} s ({ErrorType}): tokens are refused for the next {RetryAfter} s")]
    private static partial void SigningKeysUnavailable(ILogger logger, double timeout, string errorType, double retryAfter);
}

/// <summary>How long token validation may wait for the identity endpoints (<c>Bot:AuthenticationTimeout</c>), and
/// how long a failure to reach them is remembered (<c>Bot:AuthenticationRetryAfter</c>).</summary>
public sealed record AuthenticationLimits(TimeSpan Timeout, TimeSpan RetryAfter)
{
    public static AuthenticationLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var timeout = configuration.GetValue("Bot:AuthenticationTimeout", TimeSpan.FromSeconds(5));
        var retryAfter = configuration.GetValue("Bot:AuthenticationRetryAfter", TimeSpan.FromSeconds(30));
        return new AuthenticationLimits(
            timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(5),
            retryAfter >= TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(30));
    }
}
