using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs;

/// <summary>What a <see cref="PromptValidator{T}"/> gets to decide on an answer.</summary>
public class PromptValidatorContext<T>
{
    internal const string AttemptCountKey = "attemptCount";

    internal PromptValidatorContext(ITurnContext turnContext, PromptRecognizerResult<T> recognized, IDictionary<string, object?> state, PromptOptions options)
    {
        Context = turnContext;
        Recognized = recognized;
        State = state;
        Options = options;
    }

    public ITurnContext Context { get; }

    /// <summary>The recognition of this answer.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>The prompt's persisted state.</summary>
    public IDictionary<string, object?> State { get; }

    /// <summary>The options the prompt was started with (restored from storage if need be).</summary>
    public PromptOptions Options { get; }

    /// <summary>How many answers the user has given to this prompt, this one included (1 on the first answer).</summary>
    public int AttemptCount => State.TryGetValue(AttemptCountKey, out var raw) && StateValue.TryTo<int>(raw, out var count) ? count : 0;

    /// <summary>True when this is the last answer <see cref="PromptOptions.MaxAttempts"/> allows.</summary>
    public bool IsLastAttempt => Options.MaxAttempts is int max && AttemptCount >= max;
}
