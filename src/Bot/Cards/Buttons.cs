using B12Bot.Dialogs.Choices;
using Microsoft.Bot.Schema;

namespace B12Bot.Cards;

/// <summary>
/// Offers buttons that send their own title back as a message, styled per channel as prompts' choices are.
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
        if (UsesCard(incoming, titles.Count))
        {
            reply.Attachments ??= [];
            reply.Attachments.Add(new HeroCard(buttons: actions).ToAttachment());
        }
        else
        {
            reply.SuggestedActions = new SuggestedActions(actions: actions);
        }
    }

    /// <summary>
    /// The dialog layer's per-channel choice style decides: a hero card in Teams channels and group chats, and in
    /// Teams personal chat beyond three buttons (Teams shows only three suggested actions); elsewhere suggested actions.
    /// </summary>
    public static bool UsesCard(IActivity incoming, int buttonCount)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return ChoiceFactory.StyleFor(incoming.ChannelId, incoming.Conversation?.ConversationType, buttonCount) == ListStyle.HeroCard;
    }
}
