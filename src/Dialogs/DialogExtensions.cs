using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>Runs a root dialog for a turn, as Microsoft.Bot.Builder.Dialogs.DialogExtensions.RunAsync does.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Continues the active dialog; when nothing is active, begins <paramref name="dialog"/>. The caller saves
    /// state afterwards (ConversationState.SaveChangesAsync).
    /// </summary>
    /// <exception cref="DialogStateException">The persisted stack cannot be used; clear it and start fresh.</exception>
    public static async Task<DialogTurnResult> RunAsync(this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(accessor);

        var dialogSet = new DialogSet(accessor).Add(dialog);
        var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
