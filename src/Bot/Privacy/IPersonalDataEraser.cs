namespace B12Bot.Privacy;

/// <summary>
/// Whom a "vergeet mij" is about: the channel, conversation and (when known) user of the turn that asked, and the id
/// of the activity that asked (which a transport may hand back once, beside the reply).
/// </summary>
public sealed record PersonalDataOwner(string ChannelId, string ConversationId, string? UserId, string? RequestId = null);

/// <summary>
/// Something outside the bot state that keeps data about a person or conversation (the Direct Line transcript, the
/// editors' items, …). On "vergeet mij" every registered eraser removes its part; the reply names what was removed.
/// </summary>
public interface IPersonalDataEraser
{
    /// <summary>A short Dutch phrase for the reply, e.g. "het gesprek in de chat"; null to name nothing.</summary>
    string? What { get; }

    /// <summary>Whether this eraser keeps anything for conversations like <paramref name="owner"/>'s (say, one channel only): the reply names only what applies.</summary>
    bool AppliesTo(PersonalDataOwner owner) => true;

    /// <summary>Removes what this eraser keeps about <paramref name="owner"/>. Runs before the reply is sent.</summary>
    Task EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken);
}
