using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>
/// The dialog stack of one turn and the operations on it, shaped like Microsoft.Bot.Builder.Dialogs.DialogContext.
/// The top of the stack is at index 0.
/// </summary>
public class DialogContext
{
    private readonly DialogState _state;

    /// <summary>Creates a context over a loaded stack.</summary>
    /// <exception cref="DialogStateException">The stack holds entries without an id.</exception>
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
    {
        Dialogs = dialogs ?? throw new ArgumentNullException(nameof(dialogs));
        Context = turnContext ?? throw new ArgumentNullException(nameof(turnContext));
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        Validate(state);
    }

    /// <summary>Creates the inner context of a component dialog; dialogs not found here are looked up in the parent.</summary>
    public DialogContext(DialogSet dialogs, DialogContext parentDialogContext, DialogState state)
        : this(dialogs, parentDialogContext?.Context ?? throw new ArgumentNullException(nameof(parentDialogContext)), state)
    {
        Parent = parentDialogContext;
    }

    /// <summary>A context sharing the stack, dialogs and parent of <paramref name="dc"/> (used by waterfall steps).</summary>
    private protected DialogContext(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        Dialogs = dc.Dialogs;
        Context = dc.Context;
        Parent = dc.Parent;
        _state = dc._state;
    }

    /// <summary>The dialogs that can be started from this context.</summary>
    public DialogSet Dialogs { get; }

    /// <summary>The turn this context belongs to.</summary>
    public ITurnContext Context { get; }

    /// <summary>The context of the component dialog that owns this stack, or null at the root.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The dialog stack, top at index 0.</summary>
    public IList<DialogInstance> Stack => _state.DialogStack;

    /// <summary>The dialog on top of the stack, or null when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Pushes a new instance of the dialog and begins it.</summary>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(dialogId))
        {
            throw new ArgumentException("A dialog id is required.", nameof(dialogId));
        }

        var dialog = FindDialog(dialogId)
            ?? throw new InvalidOperationException($"Cannot begin dialog '{dialogId}': it is not in the dialog set.");

        var instance = new DialogInstance { Id = dialogId, State = new Dictionary<string, object?>(StringComparer.Ordinal) };
        Stack.Insert(0, instance);
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Begins a prompt with its options (a <see cref="BeginDialogAsync"/> that insists on options).</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Passes the turn to the active dialog; Empty when the stack is empty.</summary>
    /// <exception cref="DialogStateException">The active dialog's id is unknown.</exception>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindActiveDialogOrThrow(active);
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pops the active dialog and resumes its parent with <paramref name="result"/>; at the bottom of the
    /// stack returns Complete with the result.
    /// </summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);

        var parent = ActiveDialog;
        if (parent is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        var dialog = FindActiveDialogOrThrow(parent);
        return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pops the active dialog without resuming its parent and begins another in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pops every dialog (each is told it was cancelled): Cancelled, or Empty when nothing was active.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to repeat its question.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindActiveDialogOrThrow(active);
        await dialog.RepromptDialogAsync(Context, active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds a dialog here or, for a component's inner context, in the enclosing contexts.</summary>
    public Dialog? FindDialog(string dialogId)
    {
        return Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);
    }

    private Dialog FindActiveDialogOrThrow(DialogInstance instance)
    {
        return FindDialog(instance.Id)
            ?? throw new DialogStateException($"The dialog stack holds an unknown dialog '{instance.Id}'.");
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return;
        }

        // An unknown id (state from an older version) is still popped, so cancelling always works.
        var dialog = FindDialog(instance.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken).ConfigureAwait(false);
        }

        Stack.RemoveAt(0);
    }

    private static void Validate(DialogState state)
    {
        if (state.DialogStack is null)
        {
            throw new DialogStateException("The persisted dialog stack is missing.");
        }

        foreach (var instance in state.DialogStack)
        {
            if (instance is null || string.IsNullOrWhiteSpace(instance.Id))
            {
                throw new DialogStateException("The persisted dialog stack holds an entry without a dialog id.");
            }

            instance.State ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        }
    }
}
