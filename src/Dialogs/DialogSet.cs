using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>A collection of dialogs that can call each other, bound to the state property holding the stack.</summary>
public class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <summary>The key of this set's <see cref="StackRead"/> in a turn's state, there once it has read the stack.</summary>
    private readonly string _stackReadKey = string.Empty;

    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        _dialogState = dialogState ?? throw new ArgumentNullException(nameof(dialogState));
        // Short: the turn's state compares its keys culture-aware, at a cost that grows with the key.
        _stackReadKey = $"stack:{dialogState.Name}";
    }

    /// <summary>A set without a state accessor, for use inside a <see cref="ComponentDialog"/>.</summary>
    public DialogSet()
    {
    }

    /// <summary>Adds a dialog; its id must be unique within the set.</summary>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        }

        return this;
    }

    /// <summary>The dialog with this id, or null.</summary>
    public Dialog? Find(string dialogId)
    {
        if (string.IsNullOrEmpty(dialogId))
        {
            return null;
        }

        return _dialogs.TryGetValue(dialogId, out var dialog) ? dialog : null;
    }

    /// <summary>The dialogs in the set.</summary>
    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>Loads the dialog stack for this turn and returns a context over it.</summary>
    /// <exception cref="DialogStateException">The persisted stack cannot be read.</exception>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var read = await ReadStackAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (read.State is not { } state)
        {
            state = new DialogState();
            await Accessor.SetAsync(turnContext, state, cancellationToken).ConfigureAwait(false);
            read.State = state;
        }

        return new DialogContext(this, turnContext, state);
    }

    /// <summary>
    /// A context over the stored stack when a dialog is under way; null (and nothing added to the turn's state)
    /// when none is, so a turn without a dialog does not pay for one.
    /// </summary>
    /// <exception cref="DialogStateException">The persisted stack cannot be read.</exception>
    public async Task<DialogContext?> ContinueContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var read = await ReadStackAsync(turnContext, cancellationToken).ConfigureAwait(false);
        return read.State is { DialogStack.Count: > 0 } state ? new DialogContext(this, turnContext, state) : null;
    }

    /// <summary>
    /// Removes an empty stack from the turn's state before it is saved: a conversation with no dialog under way
    /// then stores nothing for dialogs. Only a turn that read the stack is looked at (one that never touched dialogs
    /// does not load state for this); a stack that cannot be read is left alone, for the next message to deal with.
    /// The stack looked at is the instance read this turn, which the turn's dialogs changed in place: it is not read
    /// from the turn's state again.
    /// </summary>
    public async Task ForgetEmptyStackAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!turnContext.TurnState.TryGetValue(_stackReadKey, out var value) || value is not StackRead { Unreadable: false } read)
        {
            return;
        }

        if (read.State is { DialogStack.Count: 0 })
        {
            await Accessor.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
            read.State = null;
        }
    }

    /// <summary>Puts a stack begun outside the turn's state into it, as the stack this set read this turn.</summary>
    public async Task KeepStackAsync(ITurnContext turnContext, DialogState stack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(stack);
        await Accessor.SetAsync(turnContext, stack, cancellationToken).ConfigureAwait(false);
        if (turnContext.TurnState.TryGetValue(_stackReadKey, out var value) && value is StackRead read)
        {
            read.State = stack;
            read.Unreadable = false;
        }
        else
        {
            turnContext.TurnState[_stackReadKey] = new StackRead { State = stack };
        }
    }

    private IStatePropertyAccessor<DialogState> Accessor => _dialogState
        ?? throw new InvalidOperationException("This dialog set has no state property accessor; create it with one to use it with a turn's state.");

    /// <summary>
    /// The stored stack, typed (its <see cref="StackRead.State"/> is null when none is stored). The typed instance
    /// replaces the stored JSON in the turn's state cache, so changes made to it this turn are the ones saved.
    /// </summary>
    private async Task<StackRead> ReadStackAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var accessor = Accessor;
        var read = new StackRead();
        turnContext.TurnState[_stackReadKey] = read;
        DialogState? state;
        try
        {
            // No default: a missing stack stays missing rather than being added to the state.
            state = await accessor.GetAsync(turnContext, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidCastException or ArgumentException or FormatException)
        {
            read.Unreadable = true;
            throw new DialogStateException("The persisted dialog state cannot be read.", ex);
        }

        if (state is not null)
        {
            await accessor.SetAsync(turnContext, state, cancellationToken).ConfigureAwait(false);
        }

        read.State = state;
        return read;
    }

    /// <summary>What a set read of the stack in a turn: the typed stack in the turn's state cache, or that it could not be read.</summary>
    private sealed class StackRead
    {
        public DialogState? State { get; set; }

        public bool Unreadable { get; set; }
    }
}
