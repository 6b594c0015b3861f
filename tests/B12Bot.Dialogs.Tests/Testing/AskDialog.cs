using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>A minimal question: asks on begin and on reprompt, ends with whatever text the user sends.</summary>
public sealed class AskDialog : Dialog
{
    private readonly string _question;

    public AskDialog(string dialogId, string question)
        : base(dialogId)
    {
        _question = question;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        await dc.Context.SendActivityAsync(_question, cancellationToken: cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        return await dc.EndDialogAsync(dc.Context.Activity.Text, cancellationToken);
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        await turnContext.SendActivityAsync(_question, cancellationToken: cancellationToken);
    }
}
