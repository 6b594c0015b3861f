using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace EchoBot;

/// <summary>The Bot Framework adapter with a turn error handler, like B12Bot's.</summary>
public sealed partial class EchoAdapter : CloudAdapter
{
    public EchoAdapter(BotFrameworkAuthentication auth, ILogger<EchoAdapter> logger)
        : base(auth, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            TurnFailed(logger, turnContext.Activity.Type, exception);
            await turnContext.SendActivityAsync("Sorry, er ging iets mis.");
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed for activity type {ActivityType}")]
    private static partial void TurnFailed(ILogger logger, string activityType, Exception exception);
}
