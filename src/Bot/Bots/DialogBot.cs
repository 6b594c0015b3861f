using B12Bot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;

namespace B12Bot.Bots;

/// <summary>
/// A Teams-aware bot that runs a dialog and saves conversation and user state at the end of every turn (with the
/// ETag it was read with, so a concurrent save elsewhere is noticed rather than overwritten). A conversation with
/// no dialog under way keeps no dialog stack in its state.
/// </summary>
public class DialogBot<T> : TeamsActivityHandler
    where T : Dialog
{
    private const string DialogStateProperty = "DialogState";

    public DialogBot(ConversationState conversationState, UserState userState, T dialog)
    {
        ConversationState = conversationState ?? throw new ArgumentNullException(nameof(conversationState));
        UserState = userState ?? throw new ArgumentNullException(nameof(userState));
        Dialog = dialog ?? throw new ArgumentNullException(nameof(dialog));
        DialogStateAccessor = conversationState.CreateProperty<DialogState>(DialogStateProperty);
        Dialogs = new DialogSet(DialogStateAccessor).Add(dialog);
    }

    protected ConversationState ConversationState { get; }

    protected UserState UserState { get; }

    protected T Dialog { get; }

    protected IStatePropertyAccessor<DialogState> DialogStateAccessor { get; }

    protected DialogSet Dialogs { get; }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);

        // No dialog under way: store no stack, so the next turn reads and converts nothing for dialogs.
        await Dialogs.ForgetEmptyStackAsync(turnContext, cancellationToken);
        await ConversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await UserState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }
}
