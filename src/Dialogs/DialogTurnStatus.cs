namespace B12Bot.Dialogs;

/// <summary>The state of the dialog stack after a turn, as in Microsoft.Bot.Builder.Dialogs.</summary>
public enum DialogTurnStatus
{
    Empty,
    Waiting,
    Complete,
    Cancelled,
    CompleteAndWait,
}
