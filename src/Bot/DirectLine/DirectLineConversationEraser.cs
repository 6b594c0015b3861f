using B12Bot.Privacy;

namespace B12Bot.DirectLine;

/// <summary>
/// "Vergeet mij" in Web Chat (the self-hosted Direct Line): ends the conversation. Its transcript is removed at once
/// on every instance, its tokens are no longer refreshed or accepted for a new start, and after the bot's reply has
/// reached the person (the open stream, or the next poll) the conversation is gone (404).
/// </summary>
internal sealed class DirectLineConversationEraser(IDirectLineStore store) : IPersonalDataEraser
{
    public string? What => "het gesprek in de chat";

    public Task EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!string.Equals(owner.ChannelId, DirectLineActivities.ChannelId, StringComparison.Ordinal) || string.IsNullOrEmpty(owner.ConversationId))
        {
            return Task.CompletedTask;
        }

        return store.EndAsync(owner.ConversationId, cancellationToken);
    }
}
