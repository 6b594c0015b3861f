using B12Bot.Privacy;

namespace B12Bot.DirectLine;

/// <summary>
/// "Vergeet mij" in Web Chat (the self-hosted Direct Line): ends the conversation. Its transcript is removed at once
/// on every instance (all but the "vergeet mij" itself, which comes back once with the reply), its tokens are no longer
/// refreshed or accepted for a new start, and after the bot's reply has reached the person (the open stream, or the
/// next poll) the conversation is gone (404).
/// </summary>
internal sealed class DirectLineConversationEraser(IDirectLineStore store) : IPersonalDataEraser
{
    /// <summary>How the reply to "vergeet mij" names what this removes.</summary>
    public const string Phrase = "het gesprek in de chat";

    public string? What => Phrase;

    public bool AppliesTo(PersonalDataOwner owner) =>
        owner is not null
        && string.Equals(owner.ChannelId, DirectLineActivities.ChannelId, StringComparison.Ordinal)
        && !string.IsNullOrEmpty(owner.ConversationId);

    public Task EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return AppliesTo(owner) ? store.EndAsync(owner.ConversationId, owner.RequestId, cancellationToken) : Task.CompletedTask;
    }
}
