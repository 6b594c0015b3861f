using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// A component dialog that handles, once for all of its steps, what a person may say at any moment:
/// a red-flag symptom (urgent advice first, then the turn goes on), "stop", "terug", "help", "opnieuw",
/// and a free question that is not an answer (answered, then the same question is asked again).
/// Subclasses say what each means for them.
/// </summary>
public abstract class InterruptibleDialog : ComponentDialog
{
    protected InterruptibleDialog(string dialogId)
        : base(dialogId)
    {
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var activity = innerDc.Context.Activity;
        if (activity?.Type != ActivityTypes.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }

        var text = activity.Text;

        // Safety before anything else; the message is then handled as usual.
        if (IsRedFlag(text))
        {
            await OnRedFlagAsync(innerDc, cancellationToken);
        }

        var interruption = Interruption.Recognize(text);
        switch (interruption)
        {
            case InterruptionKind.Cancel:
                return await OnCancelAsync(innerDc, cancellationToken);
            case InterruptionKind.Back:
                return await OnBackAsync(innerDc, cancellationToken);
            case InterruptionKind.Help:
                return await OnHelpAsync(innerDc, cancellationToken);
            case InterruptionKind.Restart:
                return await OnRestartAsync(innerDc, cancellationToken);
            case InterruptionKind.None:
                break;
        }

        if (IsQuestion(innerDc, text))
        {
            return await OnQuestionAsync(innerDc, text, cancellationToken);
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    /// <summary>True when the text mentions a symptom that needs urgent advice.</summary>
    protected abstract bool IsRedFlag(string text);

    /// <summary>True when the text is a question to answer rather than an answer to the current question.</summary>
    protected abstract bool IsQuestion(DialogContext innerDc, string text);

    /// <summary>Sends the urgent advice. The turn then continues.</summary>
    protected abstract Task OnRedFlagAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>Ends politely: say goodbye, then <c>innerDc.CancelAllDialogsAsync()</c>.</summary>
    protected abstract Task<DialogTurnResult> OnCancelAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>Goes back one question, keeping earlier answers.</summary>
    protected abstract Task<DialogTurnResult> OnBackAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>Explains the current question and asks it again.</summary>
    protected abstract Task<DialogTurnResult> OnHelpAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>Starts over.</summary>
    protected abstract Task<DialogTurnResult> OnRestartAsync(DialogContext innerDc, CancellationToken cancellationToken);

    /// <summary>Answers a free question, then asks the current question again.</summary>
    protected abstract Task<DialogTurnResult> OnQuestionAsync(DialogContext innerDc, string text, CancellationToken cancellationToken);
}
