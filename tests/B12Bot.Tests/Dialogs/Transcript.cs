using B12Bot.Tests.Testing;
using Microsoft.Bot.Schema;

namespace B12Bot.Tests.Dialogs;

/// <summary>
/// Plays a conversation written as lines. "&gt; text" is what the person sends; "&lt; text" is the exact text
/// of the bot's next reply, "&lt;~ text" a part of it. A reply line may end with " [A|B]" for the buttons it
/// must offer, and then with " #id,id" for the entries it must cite, in order ("#" alone: cites nothing).
/// "{intro}" and "{advice}" stand for the opening sentence and the red-flag advice. Every reply must be expected.
/// </summary>
internal static class Transcript
{
    public static async Task PlayAsync(CauseFinderHarness harness, params string[] lines)
    {
        var pending = new Queue<IMessageActivity>();
        var step = 0;
        foreach (var line in lines)
        {
            step++;
            if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                if (pending.Count > 0)
                {
                    Assert.Fail($"line {step}: unexpected reply before '{line}': '{pending.Peek().Text}'");
                }

                foreach (var reply in await harness.SendAsync(line[2..]))
                {
                    pending.Enqueue(reply);
                }

                continue;
            }

            var contains = line.StartsWith("<~ ", StringComparison.Ordinal);
            if (!contains && !line.StartsWith("< ", StringComparison.Ordinal))
            {
                throw new ArgumentException($"A transcript line starts with '> ', '< ' or '<~ ': '{line}'", nameof(lines));
            }

            Assert.True(pending.Count > 0, $"line {step}: expected '{line}' but the bot said nothing more");
            Check(step, line[(contains ? 3 : 2)..], contains, pending.Dequeue());
        }

        if (pending.Count > 0)
        {
            Assert.Fail($"unexpected reply at the end: '{pending.Peek().Text}'");
        }
    }

    private static void Check(int step, string expected, bool contains, IMessageActivity reply)
    {
        expected = expected
            .Replace("{intro}", CauseFinderHarness.Rules.Intro, StringComparison.Ordinal)
            .Replace("{advice}", CauseFinderHarness.RedFlagAdvice, StringComparison.Ordinal);

        var citesAt = expected.LastIndexOf(" #", StringComparison.Ordinal);
        if (citesAt >= 0)
        {
            var ids = expected[(citesAt + 2)..];
            Assert.Equal(ids.Length == 0 ? [] : ids.Split(','), Cited.Ids(reply));
            expected = expected[..citesAt];
        }

        var buttonsAt = expected.EndsWith(']') ? expected.LastIndexOf(" [", StringComparison.Ordinal) : -1;
        if (buttonsAt >= 0)
        {
            var buttons = expected[(buttonsAt + 2)..^1];
            Assert.Equal(buttons.Length == 0 ? [] : buttons.Split('|'), Cited.ButtonTitles(reply));
            expected = expected[..buttonsAt];
        }

        var text = reply.Text ?? string.Empty;
        if (contains)
        {
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"line {step}: '{text}' does not contain '{expected}'");
        }
        else
        {
            Assert.Equal(expected, text);
        }
    }
}
