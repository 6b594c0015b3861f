using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>Base class of every dialog, shaped like Microsoft.Bot.Builder.Dialogs.Dialog.</summary>
public abstract class Dialog
{
    /// <summary>The result a dialog returns when it waits for the user's next activity.</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    protected Dialog(string dialogId)
    {
        if (string.IsNullOrWhiteSpace(dialogId))
        {
            throw new ArgumentException("A dialog needs an id.", nameof(dialogId));
        }

        Id = dialogId;
    }

    /// <summary>Unique id of the dialog within its dialog set; persisted on the stack.</summary>
    public string Id { get; }

    /// <summary>Called when the dialog is pushed on the stack.</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>Called when the dialog is active and a new activity arrives. By default the dialog ends.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>Called when a child dialog ended and this dialog is the new top. By default the dialog ends with that result.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Asks the user again for the input the dialog is waiting for. By default does nothing.</summary>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        return Task.CompletedTask;
    }

    /// <summary>Called when the dialog is popped from the stack (ended, replaced or cancelled). By default does nothing.</summary>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        return Task.CompletedTask;
    }
}
