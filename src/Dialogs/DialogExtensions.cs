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
        var dc = await dialogSet.ContinueContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (dc is not null)
        {
            var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
            return result.Status == DialogTurnStatus.Empty
                ? await dc.BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false)
                : result;
        }

        // Nothing under way: begin on a stack of the turn's own, put in the turn's state only when a dialog is left
        // waiting on it (a turn that begins and ends the dialog adds and removes nothing).
        var stack = new DialogState();
        var begun = await new DialogContext(dialogSet, turnContext, stack).BeginDialogAsync(dialog.Id, null, cancellationToken).ConfigureAwait(false);
        if (stack.DialogStack.Count > 0)
        {
            await dialogSet.KeepStackAsync(turnContext, stack, cancellationToken).ConfigureAwait(false);
        }

        return begun;
    }
}
