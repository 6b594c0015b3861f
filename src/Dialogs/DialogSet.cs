using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>A collection of dialogs that can call each other, bound to the state property holding the stack.</summary>
public class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        _dialogState = dialogState ?? throw new ArgumentNullException(nameof(dialogState));
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
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException("This dialog set has no state property accessor; create it with one to use CreateContextAsync.");
        }

        DialogState? state;
        try
        {
            state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidCastException or ArgumentException or FormatException)
        {
            throw new DialogStateException("The persisted dialog state cannot be read.", ex);
        }

        state ??= new DialogState();

        // Keep the typed instance in the turn's state cache so changes made this turn are the ones saved.
        await _dialogState.SetAsync(turnContext, state, cancellationToken).ConfigureAwait(false);
        return new DialogContext(this, turnContext, state);
    }
}
