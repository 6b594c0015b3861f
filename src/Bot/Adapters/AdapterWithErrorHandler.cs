using B12Bot.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace B12Bot.Adapters;

/// <summary>
/// The Bot Framework adapter, with the turn error handler the samples put here: log what failed (its type and ids,
/// never its message, which can carry what a person typed), clear the broken conversation state, apologise in
/// Dutch. Replies that cannot reach the channel's <c>serviceUrl</c> are no bug of the bot: one warning line, and
/// the request ends with 502 (<see cref="ReplyDeliveryException"/>).
/// </summary>
public sealed partial class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(BotFrameworkAuthentication auth, ILogger<AdapterWithErrorHandler> logger, ConversationState? conversationState = null)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            if (ReplyDeliveryException.IsDeliveryFailure(exception))
            {
                ReplyUndelivered(logger, activity.ChannelId, exception.GetType().Name);
                throw new ReplyDeliveryException(exception.GetType().Name);
            }

            TurnFailed(logger, activity.ChannelId, activity.Type, exception.GetType().Name, Where(exception), activity.Conversation?.Id, activity.Id);
            if (conversationState is not null)
            {
                try
                {
                    // As the samples do: a turn that failed may have left the conversation's state broken.
                    await conversationState.DeleteAsync(turnContext).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    StateNotCleared(logger, activity.ChannelId, ex.GetType().Name);
                }
            }

            try
            {
                await turnContext.SendActivityAsync(Replies.Text(Replies.TurnFailed)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ReplyDeliveryException.IsDeliveryFailure(ex))
            {
                ReplyUndelivered(logger, activity.ChannelId, ex.GetType().Name);
                throw new ReplyDeliveryException(ex.GetType().Name);
            }
        };
    }

    /// <summary>
    /// <see cref="CloudAdapter.ProcessAsync(HttpRequest, HttpResponse, IBot, CancellationToken)"/> for a POST whose
    /// body the request checks have already read: the activity is read from those bytes and the answer written by
    /// <see cref="ActivityHttp"/>. The same statuses: 400 for a body that is no activity, 401 when authentication
    /// refuses the request.
    /// </summary>
    public async Task ProcessBodyAsync(HttpRequest request, HttpResponse response, byte[] body, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);
        var activity = ActivityHttp.ReadActivity(body);
        if (string.IsNullOrEmpty(activity?.Type))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            var invokeResponse = await ProcessActivityAsync(request.Headers.Authorization, activity, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
            await ActivityHttp.WriteResponseAsync(response, invokeResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    /// <summary>The method that threw (type and name: code, never data).</summary>
    private static string Where(Exception exception) =>
        exception.TargetSite is { } site ? $"{site.DeclaringType?.FullName}.{site.Name}" : "unknown";

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on channel {ChannelId} for activity type {ActivityType}: {ExceptionType} in {Where} (conversation {ConversationId}, activity {ActivityId})")]
    private static partial void TurnFailed(ILogger logger, string channelId, string activityType, string exceptionType, string where, string? conversationId, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replies could not be delivered to the channel's serviceUrl (channel {ChannelId}, {ErrorType}): answered 502")]
    private static partial void ReplyUndelivered(ILogger logger, string channelId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation state of a failed turn could not be cleared (channel {ChannelId}, {ErrorType})")]
    private static partial void StateNotCleared(ILogger logger, string channelId, string errorType);
}

/// <summary>The turn's replies could not be sent to the channel's <c>serviceUrl</c>; the request answers 502.</summary>
public sealed class ReplyDeliveryException : Exception
{
    public ReplyDeliveryException()
    {
    }

    public ReplyDeliveryException(string errorType)
        : base($"Replies could not be delivered ({errorType}).")
    {
    }

    public ReplyDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether sending to the channel failed: no connection, an error status from it, or the HTTP timeout.</summary>
    public static bool IsDeliveryFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is B12Bot.Storage.StorageUnavailableException or B12Bot.Storage.StorageConflictException)
            {
                // The state store's own HTTP failures (Blob storage) are no reply that failed to go out.
                return false;
            }

            if (ex is HttpRequestException or Microsoft.Rest.HttpOperationException or Microsoft.Bot.Schema.ErrorResponseException
                or ReplyDeliveryException
                || (ex is TaskCanceledException && ex.InnerException is TimeoutException))
            {
                return true;
            }
        }

        return false;
    }
}
