using B12Bot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// Base of the prompts, shaped like Microsoft.Bot.Builder.Dialogs.Prompt&lt;T&gt;: asks on begin, recognises
/// each answer, lets an optional validator decide, ends with the value or asks again (RetryPrompt, or the
/// prompt) unless the validator already replied. With <see cref="PromptOptions.MaxAttempts"/> it gives up
/// after that many failed answers and ends with a <see cref="PromptFailedResult"/>.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string PersistedOptions = "options";
    private const string PersistedState = "state";
    private const string SentCountKey = "B12Bot.Dialogs.Prompt.SentCount";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not PromptOptions promptOptions)
        {
            throw new ArgumentException($"Prompt '{Id}' must be started with PromptOptions.", nameof(options));
        }

        var instance = dc.ActiveDialog!;
        var state = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [PromptValidatorContext<T>.AttemptCountKey] = 0,
        };
        instance.State[PersistedOptions] = promptOptions;
        instance.State[PersistedState] = state;

        await OnPromptAsync(dc.Context, state, promptOptions, false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity?.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var options = ReadOptions(instance);
        var state = ReadState(instance);
        CountSends(dc.Context);

        var recognized = await OnRecognizeAsync(dc.Context, state, options, cancellationToken).ConfigureAwait(false);
        var attempt = ReadAttemptCount(state) + 1;
        state[PromptValidatorContext<T>.AttemptCountKey] = attempt;

        var sentBefore = SentCount(dc.Context);
        bool isValid;
        if (_validator is not null)
        {
            var promptContext = new PromptValidatorContext<T>(dc.Context, recognized, state, options);
            isValid = await _validator(promptContext, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            isValid = recognized.Succeeded;
        }

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts is int max && attempt >= max)
        {
            return await dc.EndDialogAsync(new PromptFailedResult(Id, attempt), cancellationToken).ConfigureAwait(false);
        }

        if (SentCount(dc.Context) == sentBefore)
        {
            await OnPromptAsync(dc.Context, state, options, true, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>A dialog started on top of the prompt ended: ask the question again and keep waiting.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var options = ReadOptions(instance);
        var state = ReadState(instance);
        await OnPromptAsync(turnContext, state, options, false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the question (or, when <paramref name="isRetry"/>, the retry question).</summary>
    protected abstract Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default);

    /// <summary>Reads the user's answer.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default);

    /// <summary>The activity to send: the retry prompt on a retry when there is one, else the prompt; a copy.</summary>
    protected static IMessageActivity? PickPrompt(PromptOptions options, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        return source is null ? null : Copy(source);
    }

    /// <summary>
    /// The prompt with the choices rendered for the channel of this turn (see <see cref="ChoiceFactory"/>),
    /// keeping the prompt's attachments and speech.
    /// </summary>
    protected static IMessageActivity AppendChoices(IMessageActivity? prompt, ITurnContext turnContext, IList<Choice> choices, ListStyle style, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(choices);
        var rendered = ChoiceFactory.ForActivity(turnContext.Activity, choices, prompt?.Text, style, options);
        if (prompt is null)
        {
            return rendered;
        }

        rendered.Speak ??= prompt.Speak;
        if (prompt.Attachments is { Count: > 0 } attachments)
        {
            rendered.Attachments = attachments.Concat(rendered.Attachments ?? []).ToList();
        }

        if (prompt.Entities is { Count: > 0 } entities)
        {
            rendered.Entities = entities;
        }

        return rendered;
    }

    /// <summary>Sends with the input hint expectingInput (unless the prompt asked to ignore input).</summary>
    protected static Task SendPromptAsync(ITurnContext turnContext, IMessageActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activity);
        // MessageFactory.Text defaults to acceptingInput; a question expects an answer.
        if (string.IsNullOrEmpty(activity.InputHint) || activity.InputHint == InputHints.AcceptingInput)
        {
            activity.InputHint = InputHints.ExpectingInput;
        }

        return turnContext.SendActivityAsync(activity, cancellationToken);
    }

    private PromptOptions ReadOptions(DialogInstance instance)
    {
        instance.State.TryGetValue(PersistedOptions, out var raw);
        var options = (raw is Newtonsoft.Json.Linq.JObject loaded ? PromptOptions.ReadPlain(loaded) : null)
            ?? StateValue.To<PromptOptions>(raw)
            ?? throw new DialogStateException($"Prompt '{Id}' has no persisted options.");
        instance.State[PersistedOptions] = options;
        return options;
    }

    private IDictionary<string, object?> ReadState(DialogInstance instance)
    {
        instance.State.TryGetValue(PersistedState, out var raw);
        var state = StateValue.ToDictionary(raw, $"state of prompt '{Id}'");
        instance.State[PersistedState] = state;
        return state;
    }

    private int ReadAttemptCount(IDictionary<string, object?> state)
    {
        if (!state.TryGetValue(PromptValidatorContext<T>.AttemptCountKey, out var raw) || raw is null)
        {
            return 0;
        }

        var count = StateValue.To<int>(raw);
        if (count < 0)
        {
            throw new DialogStateException($"Prompt '{Id}' has a negative attempt count.");
        }

        return count;
    }

    /// <summary>
    /// A copy of the prompt's message fields to send, so that sending (which addresses the activity) never
    /// changes the persisted prompt. Lists are copied; their items are shared, as nothing changes them.
    /// </summary>
    private static Activity Copy(Activity activity) => new()
    {
        Type = activity.Type,
        Text = activity.Text,
        TextFormat = activity.TextFormat,
        Locale = activity.Locale,
        Speak = activity.Speak,
        InputHint = activity.InputHint,
        Summary = activity.Summary,
        AttachmentLayout = activity.AttachmentLayout,
        Attachments = CopyOf(activity.Attachments),
        Entities = CopyOf(activity.Entities),
        SuggestedActions = activity.SuggestedActions is { } suggested
            ? new SuggestedActions(CopyOf(suggested.To), CopyOf(suggested.Actions))
            : null,
        ChannelData = activity.ChannelData,
        Value = activity.Value,
        ValueType = activity.ValueType,
        Name = activity.Name,
        Importance = activity.Importance,
        Expiration = activity.Expiration,
        ListenFor = CopyOf(activity.ListenFor),
        TextHighlights = CopyOf(activity.TextHighlights),
        SemanticAction = activity.SemanticAction,
        Properties = activity.Properties is { Count: > 0 } properties ? (JObject)properties.DeepClone() : [],
    };

    private static List<TItem>? CopyOf<TItem>(IList<TItem>? list) => list is null ? null : [.. list];

    /// <summary>Counts what this turn sends, once per turn, so a validator's own reply can be noticed.</summary>
    private static void CountSends(ITurnContext turnContext)
    {
        if (turnContext.TurnState.ContainsKey(SentCountKey))
        {
            return;
        }

        var counter = new SendCounter();
        turnContext.TurnState[SentCountKey] = counter;
        turnContext.OnSendActivities(async (context, activities, next) =>
        {
            counter.Count += activities.Count;
            return await next().ConfigureAwait(false);
        });
    }

    private static int SentCount(ITurnContext turnContext)
    {
        return turnContext.TurnState.TryGetValue(SentCountKey, out var counter) && counter is SendCounter sent ? sent.Count : 0;
    }

    private sealed class SendCounter
    {
        public int Count { get; set; }
    }
}
