namespace B12Bot.Dialogs;

/// <summary>
/// The persisted dialog state cannot be used (saved by an older version, edited, or damaged): an unknown
/// dialog id on the stack, a step index outside the waterfall, or state of the wrong shape. A bot catches
/// this, apologises, clears the dialog state and starts fresh.
/// </summary>
public sealed class DialogStateException : InvalidOperationException
{
    public DialogStateException()
    {
    }

    public DialogStateException(string message)
        : base(message)
    {
    }

    public DialogStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
