using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace B12Bot.Editors;

/// <summary>
/// Teams rates a message by the id Teams gave it, and sends nothing else about it: this middleware remembers, for
/// every answer sent to Teams with the feedback loop, which entry it answered from under that id.
/// </summary>
public sealed class TeamsAnswerTracker(EditorsRecorder recorder) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity?.ChannelId == Channels.Msteams)
        {
            turnContext.OnSendActivities(async (context, activities, nextSend) =>
            {
                foreach (var activity in activities)
                {
                    if (HasFeedbackLoop(activity) && string.IsNullOrEmpty(activity.Id))
                    {
                        activity.Id = Guid.NewGuid().ToString("N");
                    }
                }

                var responses = await nextSend().ConfigureAwait(false);
                for (var i = 0; i < activities.Count; i++)
                {
                    if (HasFeedbackLoop(activities[i]) && FeedbackActivities.EntryOf(activities[i]) is { } entryId)
                    {
                        var id = responses is not null && i < responses.Length && !string.IsNullOrEmpty(responses[i]?.Id) ? responses[i].Id : activities[i].Id;
                        await recorder.RememberAnswerAsync(context.Activity.ChannelId, context.Activity.Conversation?.Id, id, entryId, cancellationToken).ConfigureAwait(false);
                    }
                }

                return responses;
            });
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    private static bool HasFeedbackLoop(Activity activity) =>
        activity.Type == ActivityTypes.Message && activity.ChannelData is Newtonsoft.Json.Linq.JObject data && data["feedbackLoop"] is not null;
}
