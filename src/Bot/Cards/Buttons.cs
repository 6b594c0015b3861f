using Microsoft.Bot.Schema;

namespace B12Bot.Cards;

/// <summary>
/// Offers buttons that send their own title back as a message: suggested actions where the channel shows
/// them (Web Chat, Direct Line, Teams personal chat), a hero card with buttons in Teams channels and group chats.
/// </summary>
public static class Buttons
{
    public static void Offer(IMessageActivity reply, IActivity incoming, IReadOnlyList<string> titles)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(titles);
        if (titles.Count == 0)
        {
            return;
        }

        var actions = titles.Select(t => new CardAction(ActionTypes.ImBack, t, value: t)).ToList();
        if (UsesCards(incoming))
        {
            reply.Attachments ??= [];
            reply.Attachments.Add(new HeroCard(buttons: actions).ToAttachment());
        }
        else
        {
            reply.SuggestedActions = new SuggestedActions(actions: actions);
        }
    }

    /// <summary>Teams shows suggested actions only in personal chat; elsewhere buttons go on a card.</summary>
    public static bool UsesCards(IActivity incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var type = incoming.Conversation?.ConversationType;
        return string.Equals(incoming.ChannelId, "msteams", StringComparison.Ordinal)
            && (string.Equals(type, "channel", StringComparison.Ordinal) || string.Equals(type, "groupChat", StringComparison.Ordinal));
    }
}
