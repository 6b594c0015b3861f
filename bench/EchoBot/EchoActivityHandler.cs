using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace EchoBot;

/// <summary>Echoes a message's text and counts the turns of the conversation in its state.</summary>
public sealed class EchoActivityHandler(ConversationState conversationState) : ActivityHandler
{
    private const string TurnsProperty = "turns";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);

        // Saved at the end of every turn, as DialogBot<T> does in the samples.
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turns = conversationState.CreateProperty<int>(TurnsProperty);
        var count = await turns.GetAsync(turnContext, () => 0, cancellationToken) + 1;
        await turns.SetAsync(turnContext, count, cancellationToken);
        await turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
    }
}
