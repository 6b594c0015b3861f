using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>
/// A dialog made of other dialogs with its own inner stack (persisted in its instance state under
/// <c>dialogs</c>), shaped like Microsoft.Bot.Builder.Dialogs.ComponentDialog. Override
/// <see cref="OnContinueDialogAsync"/> to handle interruptions such as "help" or "stop" for every inner dialog.
/// </summary>
public class ComponentDialog : Dialog
{
    private const string PersistedDialogState = "dialogs";

    private readonly DialogSet _dialogs = new();

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The inner dialog started when the component begins; defaults to the first one added.</summary>
    public string? InitialDialogId { get; set; }

    /// <summary>The inner dialogs.</summary>
    protected DialogSet Dialogs => _dialogs;

    /// <summary>Adds an inner dialog.</summary>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        _dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    /// <summary>Finds an inner dialog by id.</summary>
    public Dialog? FindDialog(string dialogId) => _dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var instance = ActiveInstance(dc);
        var innerState = new DialogState();
        instance.State[PersistedDialogState] = innerState;
        var innerDc = new DialogContext(_dialogs, dc, innerState);

        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken).ConfigureAwait(false);
        if (turnResult.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        return await EndComponentAsync(dc, turnResult.Result, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var innerDc = CreateInnerContext(dc, ActiveInstance(dc));

        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        if (turnResult.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        return await EndComponentAsync(dc, turnResult.Result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A dialog the component started on the outer stack has ended. The inner stack is still waiting for
    /// input, so ask its question again.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var instance = ActiveInstance(dc);
        await RepromptDialogAsync(dc.Context, instance, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var innerDc = new DialogContext(_dialogs, turnContext, ReadInnerState(instance));
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        await OnRepromptDialogAsync(turnContext, instance, cancellationToken).ConfigureAwait(false);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled && instance.State.ContainsKey(PersistedDialogState))
        {
            try
            {
                var innerDc = new DialogContext(_dialogs, turnContext, ReadInnerState(instance));
                await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DialogStateException)
            {
                // Broken inner state is discarded with the component; cancelling must always succeed.
            }
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the inner dialogs; by default begins <see cref="InitialDialogId"/> with the options.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        if (string.IsNullOrEmpty(InitialDialogId))
        {
            throw new InvalidOperationException($"Component '{Id}' has no inner dialogs.");
        }

        return innerDc.BeginDialogAsync(InitialDialogId, options, cancellationToken);
    }

    /// <summary>
    /// Passes the turn to the inner stack. Override to intercept interruptions first: send help and return
    /// <see cref="Dialog.EndOfTurn"/> to stay, or return <c>innerDc.CancelAllDialogsAsync()</c> to end the component.
    /// </summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>Called when the component is popped; by default does nothing.</summary>
    protected virtual Task OnEndDialogAsync(ITurnContext context, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        return Task.CompletedTask;
    }

    /// <summary>Called after the inner dialog was reprompted; by default does nothing.</summary>
    protected virtual Task OnRepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        return Task.CompletedTask;
    }

    /// <summary>Ends the component on the outer stack with the inner result.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    private DialogContext CreateInnerContext(DialogContext dc, DialogInstance instance)
    {
        return new DialogContext(_dialogs, dc, ReadInnerState(instance));
    }

    private DialogState ReadInnerState(DialogInstance instance)
    {
        instance.State.TryGetValue(PersistedDialogState, out var raw);
        var state = (raw is Newtonsoft.Json.Linq.JObject loaded ? DialogStateConverter.TryRead(loaded) : null)
            ?? StateValue.To<DialogState>(raw)
            ?? throw new DialogStateException($"Component '{Id}' has no persisted inner stack.");
        if (state.DialogStack is null)
        {
            throw new DialogStateException($"Component '{Id}' has a persisted inner stack of the wrong shape.");
        }

        // Store the typed instance back so this turn's changes are saved.
        instance.State[PersistedDialogState] = state;
        return state;
    }

    private DialogInstance ActiveInstance(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var active = dc.ActiveDialog;
        if (active is null || !string.Equals(active.Id, Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Component '{Id}' is not the active dialog.");
        }

        return active;
    }
}
