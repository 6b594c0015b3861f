using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>
/// Plays a conversation written as lines: "&gt; text" is what the user sends, "&lt; text" the exact text of the
/// next bot reply. Every reply must be expected: a user line fails when replies are left unread.
/// A reply line may end with " [A|B]" to expect these button titles (suggested actions or card buttons).
/// </summary>
public static class TranscriptPlayer
{
    public static async Task PlayAsync(DialogTestClient client, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pending = new Queue<IMessageActivity>();
        foreach (var line in lines)
        {
            if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                if (pending.Count > 0)
                {
                    Assert.Fail($"Unexpected reply before '{line}': '{ReplyText(pending.Peek())}'");
                }

                var first = await client.SendActivityAsync<IMessageActivity>(line[2..]);
                if (first is not null)
                {
                    pending.Enqueue(first);
                }

                foreach (var reply in client.GetAllReplies())
                {
                    pending.Enqueue(reply);
                }
            }
            else if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                Assert.True(pending.Count > 0, $"Expected a reply '{line[2..]}' but the bot said nothing more.");
                AssertReply(line[2..], pending.Dequeue());
            }
            else
            {
                throw new ArgumentException($"A transcript line starts with '> ' or '< ': '{line}'", nameof(lines));
            }
        }

        if (pending.Count > 0)
        {
            Assert.Fail($"Unexpected reply at the end: '{ReplyText(pending.Peek())}'");
        }
    }

    public static void AssertReply(string expected, IMessageActivity reply)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(reply);
        var buttonsAt = expected.EndsWith(']') ? expected.LastIndexOf(" [", StringComparison.Ordinal) : -1;
        if (buttonsAt < 0)
        {
            Assert.Equal(expected, ReplyText(reply));
            return;
        }

        Assert.Equal(expected[..buttonsAt], ReplyText(reply));
        var expectedButtons = expected[(buttonsAt + 2)..^1].Split('|');
        Assert.Equal(expectedButtons, ButtonTitles(reply));
    }

    /// <summary>The reply text, or a hero card's text when the reply carries only a card.</summary>
    public static string? ReplyText(IMessageActivity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (!string.IsNullOrEmpty(reply.Text))
        {
            return reply.Text;
        }

        return reply.Attachments?.Select(a => a.Content).OfType<HeroCard>().FirstOrDefault()?.Text;
    }

    /// <summary>Titles of the suggested actions, or of the buttons of the first hero card.</summary>
    public static IReadOnlyList<string> ButtonTitles(IMessageActivity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.SuggestedActions?.Actions is { Count: > 0 } actions)
        {
            return actions.Select(a => a.Title).ToList();
        }

        var card = reply.Attachments?.Select(a => a.Content).OfType<HeroCard>().FirstOrDefault();
        return card?.Buttons?.Select(b => b.Title).ToList() ?? [];
    }
}
