using Microsoft.Bot.Builder;

namespace B12Bot.Storage;

/// <summary>"Vergeet mij": removes everything stored about the person and conversation of a turn.</summary>
public static class StatePrivacyExtensions
{
    /// <summary>
    /// Deletes the conversation, user and private conversation state of this turn's activity, and drops the
    /// given <see cref="BotState"/>s' cached copies so the end of the turn does not write them back.
    /// </summary>
    public static async Task ForgetAsync(this IStorage storage, ITurnContext turnContext, IEnumerable<BotState> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(states);

        foreach (var state in states)
        {
            await state.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }

        var keys = StateKeys.ForActivity(turnContext.Activity);
        if (keys.Count > 0)
        {
            await storage.DeleteAsync([.. keys], cancellationToken).ConfigureAwait(false);
        }
    }
}
