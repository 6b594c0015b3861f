using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace B12Bot.Tests.Storage;

/// <summary>Turn contexts for exercising ConversationState/UserState directly against a store.</summary>
public static class StateTurns
{
    public static TurnContext New(string conversationId = "conv-1", string userId = "user-1", string channelId = "webchat")
        => new(new TestAdapter(), new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = channelId,
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = userId },
            Recipient = new ChannelAccount { Id = "b12bot" },
            Text = "ja",
        });
}
