namespace B12Bot.Dialogs;

/// <summary>
/// The result of a prompt that gave up after <see cref="PromptOptions.MaxAttempts"/> failed answers. The
/// caller's next step sees it in <see cref="WaterfallStepContext.Result"/> and can apologise and stop.
/// </summary>
public sealed class PromptFailedResult
{
    public PromptFailedResult(string promptId, int attemptCount)
    {
        PromptId = promptId;
        AttemptCount = attemptCount;
    }

    /// <summary>The id of the prompt that gave up.</summary>
    public string PromptId { get; }

    /// <summary>How many answers the user gave.</summary>
    public int AttemptCount { get; }
}
