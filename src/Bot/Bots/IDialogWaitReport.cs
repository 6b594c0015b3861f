namespace B12Bot.Bots;

/// <summary>A bot that tells, after its turn, whether a dialog (the walkthrough) now waits for an answer.</summary>
public interface IDialogWaitReport
{
    /// <summary>Whether the last turn this instance ran left a dialog waiting for an answer.</summary>
    bool DialogWaiting { get; }
}
