using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace B12Bot.Bots;

/// <summary>The bot: welcomes people and answers their questions.</summary>
public sealed class B12ActivityHandler : TeamsActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text("Hallo, ik ben B12Bot."), cancellationToken);
}
