namespace B12Bot.Dialogs;

/// <summary>The outcome of a dialog operation: the stack status and, when a dialog completed, its result.</summary>
public class DialogTurnResult
{
    public DialogTurnResult(DialogTurnStatus status, object? result = null)
    {
        Status = status;
        Result = result;
    }

    public DialogTurnStatus Status { get; }

    /// <summary>The value the completed dialog returned (only meaningful for Complete).</summary>
    public object? Result { get; }
}
