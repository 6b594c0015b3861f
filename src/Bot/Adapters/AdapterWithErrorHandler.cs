using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace B12Bot.Adapters;

/// <summary>The Bot Framework adapter, with the turn error handler the samples put here.</summary>
public sealed partial class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            // Never log the user's text: only what kind of failure, where.
            TurnFailed(logger, turnContext.Activity.ChannelId, turnContext.Activity.Type, exception);
            await turnContext.SendActivityAsync("Sorry, er ging bij mij iets mis. Wilt u het nog eens proberen?");
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on channel {ChannelId} for activity type {ActivityType}")]
    private static partial void TurnFailed(ILogger logger, string channelId, string activityType, Exception exception);
}
