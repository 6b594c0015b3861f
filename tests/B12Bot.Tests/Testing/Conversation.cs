using System.Text.RegularExpressions;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using B12Bot.Storage;
using B12Bot.Terminal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Testing;

/// <summary>
/// One conversation with the bot as the app wires it (the whole turn: the safe-turn wrapper, the handler, the root
/// dialog, state saved in a store that keeps plain JSON), on a channel, in Dutch. Plays transcripts written as lines:
/// "&gt; text" is what the person sends; "&lt; text" is the exact text of the bot's next reply, "&lt;~ text" a part
/// of it. A reply line may end with " [A|B]" for the buttons it must offer, and then with " #id,id" for the entries
/// it must cite, in order ("#" alone: cites nothing). "{intro}" and "{advice}" stand for the walkthrough's opening
/// sentence and the red-flag advice. Every reply must be expected. The same lines play in the terminal too
/// (<see cref="PlayInTerminalAsync"/>), where replies are printed text.
/// </summary>
public sealed partial class Conversation
{
    private readonly BotServices services;
    private readonly TestAdapter adapter;

    public Conversation(BotServices services, string channelId = "directline", string conversationType = "personal")
    {
        this.services = services ?? throw new ArgumentNullException(nameof(services));
        var reference = TestAdapter.CreateConversation("conversation-" + Guid.NewGuid().ToString("N"), "gebruiker", "b12bot");
        reference.ChannelId = channelId;
        reference.Conversation.ConversationType = conversationType;
        adapter = new TestAdapter(reference) { Locale = "nl-NL" };
        Key = $"{channelId}/conversations/{reference.Conversation.Id}";
    }

    /// <summary>The key of this conversation's state in the store.</summary>
    public string Key { get; }

    public CauseFinderRules Rules => services.Services.GetRequiredService<CauseFinderRules>();

    public IStorage Storage => services.Services.GetRequiredService<IStorage>();

    /// <summary>The replies of the last turn.</summary>
    public IReadOnlyList<IMessageActivity> Last { get; private set; } = [];

    /// <summary>
    /// A bot over a store that outlives it: a second one made over the same store continues the same conversations
    /// (a restart), with new dialog objects.
    /// </summary>
    public static BotServices BotOver(MemoryStateStorage storage) => new(configure: services =>
    {
        services.AddSingleton<IConcurrencyAwareStorage>(storage);
        services.AddSingleton<IStorage>(storage);
    });

    /// <summary>The same conversation, continued by another bot (a restart over the same store).</summary>
    public Conversation ContinuedBy(BotServices other)
    {
        var copy = new Conversation(other, adapter.Conversation.ChannelId, adapter.Conversation.Conversation.ConversationType);
        copy.adapter.Conversation.Conversation.Id = adapter.Conversation.Conversation.Id;
        return copy;
    }

    /// <summary>Sends one message and returns every reply of that turn, in order.</summary>
    public async Task<IReadOnlyList<IMessageActivity>> SendAsync(string text, object? value = null)
    {
        var activity = adapter.MakeActivity(text);
        activity.Value = value;
        return await RunAsync(activity);
    }

    private async Task<IReadOnlyList<IMessageActivity>> RunAsync(Activity activity)
    {
        await adapter.ProcessActivityAsync(activity, services.Bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<IMessageActivity>();
        while (adapter.GetNextReply() is IMessageActivity reply)
        {
            replies.Add(reply);
        }

        Last = replies;
        return replies;
    }

    /// <summary>Sends an activity of the person's own making (a photo, say) and returns the replies of that turn.</summary>
    public async Task<IReadOnlyList<IMessageActivity>> SendAsync(IMessageActivity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = adapter.MakeActivity();
        activity.Text = message.Text;
        activity.Attachments = message.Attachments;
        activity.Value = message.Value;
        return await RunAsync(activity);
    }

    /// <summary>The person joins the conversation (the welcome) and the replies of that turn.</summary>
    public async Task<IReadOnlyList<IMessageActivity>> JoinAsync()
    {
        var update = (Activity)Activity.CreateConversationUpdateActivity();
        update.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        update.MembersAdded = [adapter.Conversation.User];
        return await RunAsync(update);
    }

    /// <summary>Checks the replies of a turn in order, one check per reply (more replies may follow).</summary>
    public static void Expect(IReadOnlyList<IMessageActivity> replies, params Action<IActivity>[] checks)
    {
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(checks);
        Assert.True(replies.Count >= checks.Length, $"{checks.Length} replies expected, {replies.Count} came: {string.Join(" | ", replies.Select(r => r.Text))}");
        for (var i = 0; i < checks.Length; i++)
        {
            checks[i](replies[i]);
        }
    }

    /// <summary>Presses a button of the last turn's replies: its text, and its value for a card button that carries one.</summary>
    public Task<IReadOnlyList<IMessageActivity>> PressAsync(string title)
    {
        var action = Last.SelectMany(Actions).FirstOrDefault(a => a.Title == title)
            ?? throw new InvalidOperationException($"No button '{title}' in the last replies: {string.Join(" | ", Last.SelectMany(Actions).Select(a => a.Title))}");
        return action.Type == ActionTypes.MessageBack
            ? SendAsync(action.Text ?? action.Title, action.Value)
            : SendAsync(action.Value as string ?? action.Title);
    }

    /// <summary>The text of the replies of the last turn, joined.</summary>
    public string LastText => string.Join("\n", Last.Select(r => r.Text));

    /// <summary>Plays a transcript (see the class summary).</summary>
    public async Task PlayAsync(params string[] lines)
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

                foreach (var reply in await SendAsync(line[2..]))
                {
                    pending.Enqueue(reply);
                }

                continue;
            }

            var (expected, contains) = ReplyLine(line);
            Assert.True(pending.Count > 0, $"line {step}: expected '{line}' but the bot said nothing more");
            Check(step, expected, contains, pending.Dequeue());
        }

        if (pending.Count > 0)
        {
            Assert.Fail($"unexpected reply at the end: '{pending.Peek().Text}'");
        }
    }

    /// <summary>
    /// Plays a transcript in the terminal: the "&gt;" lines are typed, and the reply lines must appear in the printed
    /// conversation in order (as parts: the terminal prints text, buttons as a numbered list).
    /// </summary>
    public static async Task PlayInTerminalAsync(BotServices services, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(services);
        var typed = string.Join("\n", lines.Where(l => l.StartsWith("> ", StringComparison.Ordinal)).Select(l => l[2..])) + "\nexit\n";
        var output = new StringWriter();
        await new ConsoleChatAdapter(new StringReader(typed), output).RunAsync(services.Bot, CancellationToken.None);
        var printed = output.ToString();
        var intro = services.Services.GetRequiredService<CauseFinderRules>().Intro;
        var at = 0;
        foreach (var line in lines.Where(l => !l.StartsWith("> ", StringComparison.Ordinal)))
        {
            var (expected, _) = ReplyLine(line);
            expected = expected.Replace("{intro}", intro, StringComparison.Ordinal);
            var found = printed.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{expected}' is not printed after position {at}:\n{printed[at..]}");
            at = found + expected.Length;
        }
    }

    private static (string Expected, bool Contains) ReplyLine(string line)
    {
        var contains = line.StartsWith("<~ ", StringComparison.Ordinal);
        if (!contains && !line.StartsWith("< ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"A transcript line starts with '> ', '< ' or '<~ ': '{line}'", nameof(line));
        }

        return (line[(contains ? 3 : 2)..], contains);
    }

    private void Check(int step, string expected, bool contains, IMessageActivity reply)
    {
        expected = expected
            .Replace("{intro}", Rules.Intro, StringComparison.Ordinal)
            .Replace("{advice}", services.Services.GetRequiredService<RedFlagDetector>().Advice, StringComparison.Ordinal);

        var citesAt = expected.LastIndexOf(" #", StringComparison.Ordinal);
        if (citesAt >= 0)
        {
            var ids = expected[(citesAt + 2)..];
            Assert.True((ids.Length == 0 ? [] : ids.Split(',')).SequenceEqual(Cited.Ids(reply)), $"line {step}: '{reply.Text}' cites {string.Join(",", Cited.Ids(reply))}, not {ids}");
            expected = expected[..citesAt];
        }

        var buttonsAt = expected.EndsWith(']') ? expected.LastIndexOf(" [", StringComparison.Ordinal) : -1;
        if (buttonsAt >= 0)
        {
            var buttons = expected[(buttonsAt + 2)..^1];
            Assert.True((buttons.Length == 0 ? [] : buttons.Split('|')).SequenceEqual(Cited.ButtonTitles(reply)), $"line {step}: '{reply.Text}' offers [{string.Join("|", Cited.ButtonTitles(reply))}], not [{buttons}]");
            expected = expected[..buttonsAt];
        }

        var text = reply.Text ?? string.Empty;
        if (contains)
        {
            Assert.True(text.Contains(expected, StringComparison.Ordinal), $"line {step}: '{text}' does not contain '{expected}'");
        }
        else
        {
            Assert.True(string.Equals(expected, text, StringComparison.Ordinal), $"line {step}: expected '{expected}' but the bot said '{text}'");
        }
    }

    /// <summary>The causes an ending lists, by title, in the order shown ("1. **Title** [n]").</summary>
    public static IReadOnlyList<string> CausesListed(IMessageActivity ending) =>
        CauseLine().Matches(ending.Text ?? string.Empty).Select(m => m.Groups[1].Value).ToList();

    private static IEnumerable<CardAction> Actions(IMessageActivity reply) =>
        (reply.SuggestedActions?.Actions ?? [])
            .Concat((reply.Attachments ?? []).Select(a => a.Content).OfType<HeroCard>().SelectMany(h => h.Buttons ?? []));

    [GeneratedRegex(@"^\d+\. \*\*(.+?)\*\*", RegexOptions.Multiline)]
    private static partial Regex CauseLine();
}

/// <summary>One bot as the app wires it, shared by the tests of a class.</summary>
public sealed class BotHost : IDisposable
{
    public BotServices Bot { get; } = new();

    public void Dispose() => Bot.Dispose();
}
