using System.Globalization;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// A dialog made of steps run in order, shaped like Microsoft.Bot.Builder.Dialogs.WaterfallDialog.
/// Each step usually prompts and returns <see cref="Dialog.EndOfTurn"/>; the next step receives the prompt's
/// result in <see cref="WaterfallStepContext.Result"/>. Past the last step the dialog ends with the last result.
/// </summary>
public class WaterfallDialog : Dialog
{
    private const string PersistedOptions = "options";
    private const string PersistedValues = "values";
    private const string PersistedInstanceId = "instanceId";
    private const string StepIndex = "stepIndex";

    private readonly List<WaterfallStep> _steps = [];

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        if (steps is null)
        {
            return;
        }

        foreach (var step in steps)
        {
            AddStep(step);
        }
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<WaterfallStep> Steps => _steps;

    /// <summary>Appends a step.</summary>
    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var state = ActiveState(dc);
        state[PersistedOptions] = options;
        state[PersistedValues] = new Dictionary<string, object?>(StringComparer.Ordinal);
        state[PersistedInstanceId] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        return await RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);

        // Only a message moves a waterfall on; typing indicators, reactions and the like are ignored.
        if (dc.Context.Activity?.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        return await ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        var state = ActiveState(dc);
        var index = ReadStepIndex(state);
        return await RunStepAsync(dc, index + 1, reason, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one step; override to wrap every step (for logging, say).</summary>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index](stepContext, cancellationToken);
    }

    private async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var state = ActiveState(dc);
        state[StepIndex] = index;
        state.TryGetValue(PersistedOptions, out var options);
        state.TryGetValue(PersistedValues, out var rawValues);
        var values = StateValue.ToDictionary(rawValues, "waterfall values");
        state[PersistedValues] = values;

        var stepContext = new WaterfallStepContext(this, dc, options, values, index, reason, result);
        return await OnStepAsync(stepContext, cancellationToken).ConfigureAwait(false);
    }

    private int ReadStepIndex(IDictionary<string, object?> state)
    {
        if (!state.TryGetValue(StepIndex, out var raw) || raw is null)
        {
            throw new DialogStateException($"Waterfall '{Id}' has no persisted step index.");
        }

        int index;
        try
        {
            index = StateValue.To<int>(raw);
        }
        catch (DialogStateException ex)
        {
            throw new DialogStateException($"Waterfall '{Id}' has an unreadable step index.", ex);
        }

        if (index < 0 || index >= _steps.Count)
        {
            throw new DialogStateException($"Waterfall '{Id}' has a persisted step index {index} outside its {_steps.Count} steps.");
        }

        return index;
    }

    private IDictionary<string, object?> ActiveState(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var active = dc.ActiveDialog;
        if (active is null || !string.Equals(active.Id, Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Waterfall '{Id}' is not the active dialog.");
        }

        return active.State;
    }

    internal Task<DialogTurnResult> NextFromAsync(WaterfallStepContext stepContext, object? result, CancellationToken cancellationToken)
    {
        return ResumeDialogAsync(stepContext, DialogReason.NextCalled, result, cancellationToken);
    }
}
