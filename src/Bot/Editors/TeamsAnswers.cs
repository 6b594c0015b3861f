using B12Bot.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Editors;

/// <summary>
/// Answers as Teams needs them, for every answer sent to Teams with the feedback loop:
/// <list type="bullet">
/// <item>the answer stands alone (text, citations, 👍/👎), and its follow-up buttons come in a short message of
/// their own: Teams clients show a message with buttons as a card or a plain text, without its Markdown and
/// without turning its [1] into a citation;</item>
/// <item>Teams rates a message by the id Teams gave it and sends nothing else about it, so the entry each answer
/// quotes is remembered under that id.</item>
/// </list>
/// </summary>
public sealed class TeamsAnswers(EditorsRecorder recorder) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity?.ChannelId == Channels.Msteams)
        {
            turnContext.OnSendActivities(async (context, activities, nextSend) =>
            {
                for (var i = 0; i < activities.Count; i++)
                {
                    var answer = activities[i];
                    if (!HasFeedbackLoop(answer))
                    {
                        continue;
                    }

                    // With expectReplies the caller gets the activities back and rates by their id; a channel gives its own.
                    if (context.Activity.DeliveryMode == DeliveryModes.ExpectReplies)
                    {
                        answer.Id ??= Guid.NewGuid().ToString("N");
                    }

                    if (answer.SuggestedActions?.Actions?.Count > 0 || answer.Attachments?.Count > 0)
                    {
                        activities.Insert(i + 1, FollowUps(answer, context.Activity));
                        answer.SuggestedActions = null;
                        answer.Attachments = null;
                        i++;
                    }
                }

                var responses = await nextSend().ConfigureAwait(false);
                for (var i = 0; i < activities.Count; i++)
                {
                    if (HasFeedbackLoop(activities[i]) && FeedbackActivities.EntryOf(activities[i]) is { } entryId)
                    {
                        var id = responses is not null && i < responses.Length && !string.IsNullOrEmpty(responses[i]?.Id) ? responses[i].Id : activities[i].Id;
                        if (string.IsNullOrEmpty(id))
                        {
                            continue;
                        }

                        await recorder.RememberAnswerAsync(context.Activity.ChannelId, context.Activity.Conversation?.Id, id, entryId, cancellationToken).ConfigureAwait(false);
                    }
                }

                return responses;
            });
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    private static Activity FollowUps(Activity answer, Activity incoming)
    {
        var followUps = (Activity)Replies.Text(Replies.FollowUps);
        followUps.SuggestedActions = answer.SuggestedActions;
        followUps.Attachments = answer.Attachments;
        followUps.ApplyConversationReference(incoming.GetConversationReference());
        followUps.ReplyToId = answer.ReplyToId;
        return followUps;
    }

    private static bool HasFeedbackLoop(Activity activity) =>
        activity.Type == ActivityTypes.Message && activity.ChannelData is JObject data && data["feedbackLoop"] is not null;
}
