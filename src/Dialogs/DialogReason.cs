namespace B12Bot.Dialogs;

/// <summary>Why a dialog is being resumed or ended, as in Microsoft.Bot.Builder.Dialogs.</summary>
public enum DialogReason
{
    /// <summary>A dialog was started with <see cref="DialogContext.BeginDialogAsync"/>.</summary>
    BeginCalled,

    /// <summary>A dialog is continued by a new activity.</summary>
    ContinueCalled,

    /// <summary>A dialog ended normally with <see cref="DialogContext.EndDialogAsync"/>.</summary>
    EndCalled,

    /// <summary>A dialog is ended because it is replaced by another one.</summary>
    ReplaceCalled,

    /// <summary>A dialog is ended because the stack is cancelled.</summary>
    CancelCalled,

    /// <summary>A waterfall step called <see cref="WaterfallStepContext.NextAsync"/>.</summary>
    NextCalled,
}
