using B12Bot.Privacy;

namespace B12Bot.Editors;

/// <summary>"Vergeet mij": removes the conversation's editor items (its questions, ratings and reasons).</summary>
public sealed class EditorsEraser(EditorsRecorder recorder) : IPersonalDataEraser
{
    /// <summary>How the reply to "vergeet mij" names what this removes.</summary>
    public const string Phrase = "uw beoordelingen en bewaarde vragen voor de redactie";

    public string? What => Phrase;

    public Task EraseAsync(PersonalDataOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return recorder.EraseAsync(owner.ChannelId, owner.ConversationId, cancellationToken);
    }
}
