using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Bots;

/// <summary>
/// Removes the bot's own @mention from a message's text ("&lt;at&gt;B12Bot&lt;/at&gt; vraag" → "vraag"). Unlike
/// <c>RemoveRecipientMention</c> it skips malformed mention entities instead of throwing on them.
/// </summary>
public static class Mentions
{
    public static void RemoveRecipientMention(IMessageActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var recipientId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(recipientId) || string.IsNullOrEmpty(activity.Text) || activity.Entities is null)
        {
            return;
        }

        foreach (var entity in activity.Entities)
        {
            if (entity?.Type != "mention")
            {
                continue;
            }

            var mentionedId = (entity.Properties["mentioned"] as JObject)?["id"]?.Type == JTokenType.String
                ? (string?)entity.Properties["mentioned"]!["id"]
                : null;
            var mentionText = entity.Properties["text"]?.Type == JTokenType.String ? (string?)entity.Properties["text"] : null;
            if (mentionedId == recipientId && !string.IsNullOrEmpty(mentionText))
            {
                activity.Text = activity.Text.Replace(mentionText, string.Empty, StringComparison.Ordinal).Trim();
            }
        }
    }
}
