using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace B12Bot.DirectLine;

/// <summary>
/// Hands activities to the bot in-process, through the app's own Bot Framework adapter (so its error handler and
/// middleware apply), one turn at a time per conversation. The bot replies the way it replies on any channel: by
/// POSTing to the activity's <c>serviceUrl</c>, which points at this server's connector endpoints
/// (<see cref="DirectLineConnectorEndpoints"/>) under a per-conversation key.
/// </summary>
/// <remarks>
/// Authentication: with no <c>MicrosoftAppId</c> the adapter neither checks nor sends tokens. With an app id the
/// turn runs under a claims identity for that app id, so the adapter's connector fetches a Bot Framework token
/// from Microsoft Entra ID for its replies, as it does on every channel; the connector endpoints do not rely on
/// that token but on the per-conversation key in the service URL, which only this server knows and never shows
/// to clients.
/// </remarks>
public sealed partial class DirectLineBotBridge
{
    /// <summary>Where the connector endpoints live, below the server's base address.</summary>
    public const string ConnectorPath = "/directline/connector";

    private readonly IServiceProvider services;
    private readonly DirectLineOptions options;
    private readonly DirectLineTokens tokens;
    private readonly ILogger<DirectLineBotBridge> logger;
    private readonly string? appId;
    private readonly Dictionary<string, TurnLine> lines = new(StringComparer.Ordinal);
    private string? baseUrl;

    public DirectLineBotBridge(
        IServiceProvider services, DirectLineOptions options, DirectLineTokens tokens, IConfiguration configuration, ILogger<DirectLineBotBridge> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(configuration);
        this.services = services;
        this.options = options;
        this.tokens = tokens;
        this.logger = logger;
        appId = configuration["MicrosoftAppId"] is { Length: > 0 } id ? id : null;
    }

    /// <summary>
    /// The secret part of the address the bot replies to for a conversation; derived from the signing key, so
    /// every instance with that key computes the same one and nobody else can.
    /// </summary>
    public string ConnectorKey(string conversationId) => tokens.Derive("connector", conversationId);

    /// <summary>The service URL the bot replies to for <paramref name="conversation"/>.</summary>
    public string ServiceUrlFor(DirectLineConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return $"{BaseUrl()}{ConnectorPath}/{ConnectorKey(conversation.Id)}/";
    }

    /// <summary>Runs the bot's turn for <paramref name="activity"/>, after any turn of the same conversation still running here.</summary>
    public async Task DeliverAsync(DirectLineConversation conversation, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        var line = Join(conversation.Id);
        try
        {
            await line.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(conversation.Id, line);
            throw;
        }

        await RunTurnAndReleaseAsync(conversation, line, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a turn in the background (the conversation's welcome). Its place in line is taken before this
    /// returns, so a message the client posts right after is handled after it. Failures are logged, never thrown.
    /// </summary>
    public void DeliverInBackground(DirectLineConversation conversation, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        var line = Join(conversation.Id);
        var inLine = line.Lock.WaitAsync();
        _ = Task.Run(async () =>
        {
            try
            {
                await inLine.ConfigureAwait(false);
                await RunTurnAndReleaseAsync(conversation, line, activity, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A background turn has no caller to report to: log the kind of failure and go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                BridgeLog.BackgroundTurnFailed(logger, activity.Type, e.GetType().Name);
            }
        });
    }

    private async Task RunTurnAndReleaseAsync(DirectLineConversation conversation, TurnLine line, Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            var adapter = services.GetRequiredService<IBotFrameworkHttpAdapter>() as BotAdapter
                ?? throw new InvalidOperationException("The registered IBotFrameworkHttpAdapter is not a BotAdapter.");
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var bot = scope.ServiceProvider.GetRequiredService<IBot>();
                BridgeLog.Delivering(logger, activity.Type);
                await adapter.ContinueConversationAsync(Identity(), activity, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            line.Lock.Release();
            Leave(conversation.Id, line);
        }
    }

    /// <summary>Takes a place in the conversation's line of turns (made on first use, dropped when nobody waits).</summary>
    private TurnLine Join(string conversationId)
    {
        lock (lines)
        {
            if (!lines.TryGetValue(conversationId, out var line))
            {
                line = new TurnLine();
                lines[conversationId] = line;
            }

            line.Users++;
            return line;
        }
    }

    private void Leave(string conversationId, TurnLine line)
    {
        lock (lines)
        {
            if (--line.Users == 0)
            {
                lines.Remove(conversationId);
            }
        }
    }

    private ClaimsIdentity Identity() =>
        appId is null
            ? new ClaimsIdentity()
            : new ClaimsIdentity(
            [
                new Claim(AuthenticationConstants.AudienceClaim, appId),
                new Claim(AuthenticationConstants.AppIdClaim, appId),
            ]);

    private string BaseUrl()
    {
        if (baseUrl is not null)
        {
            return baseUrl;
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            return baseUrl = options.ServiceUrl.TrimEnd('/');
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.Select(LocalAddress).Where(a => a is not null).OrderBy(a => a!.Scheme == Uri.UriSchemeHttp ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("Cannot tell the server's own address: set DirectLine:ServiceUrl.");
        return baseUrl = chosen.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>A listening address as the machine itself reaches it (wildcards become the loopback address).</summary>
    private static Uri? LocalAddress(string address)
    {
        var normalized = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return null;
        }

        var host = uri.Host switch
        {
            "0.0.0.0" or "[::]" or "::" => uri.Scheme == Uri.UriSchemeHttps ? "localhost" : "127.0.0.1",
            "[::1]" => "[::1]",
            _ => uri.Host,
        };
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri;
    }

    /// <summary>The turns of one conversation waiting or running on this instance (never disposed: it holds no handle).</summary>
    private sealed class TurnLine
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private static partial class BridgeLog
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line hands a {ActivityType} activity to the bot")]
        public static partial void Delivering(ILogger logger, string activityType);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line background turn for a {ActivityType} activity failed: {ErrorKind}")]
        public static partial void BackgroundTurnFailed(ILogger logger, string activityType, string errorKind);
    }
}
