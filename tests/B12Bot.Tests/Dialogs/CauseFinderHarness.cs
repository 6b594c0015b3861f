using B12Bot.Cards;
using B12Bot.Dialogs;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace B12Bot.Tests.Dialogs;

/// <summary>
/// Runs the cause-finder as the root dialog of a conversation on a TestAdapter, turn by turn, with
/// conversation state saved after every turn in a store that keeps plain JSON (as the real stores do).
/// A second harness over the same storage and conversation continues where the first stopped (a restart).
/// </summary>
internal sealed class CauseFinderHarness
{
    private static readonly Lazy<Parts> Shared = new(Parts.Load);

    private readonly CauseFinderDialog _dialog;
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;

    public CauseFinderHarness(IStorage? storage = null, IAnswerer? answerer = null, string channelId = "directline", string conversationType = "personal")
    {
        var parts = Shared.Value;
        Storage = storage ?? new MemoryStateStorage();
        _dialog = new CauseFinderDialog(parts.Rules, parts.Knowledge, answerer ?? parts.Answerer, parts.Renderer, parts.Citations, parts.RedFlags);
        _conversationState = new ConversationState(Storage);
        _dialogState = _conversationState.CreateProperty<DialogState>("DialogState");
        var reference = TestAdapter.CreateConversation("causefinder-" + channelId, "gebruiker", "b12bot");
        reference.ChannelId = channelId;
        reference.Conversation.ConversationType = conversationType;
        Adapter = new TestAdapter(reference) { Locale = "nl-NL" };
    }

    public static CauseFinderRules Rules => Shared.Value.Rules;

    public static KnowledgeBase Knowledge => Shared.Value.Knowledge;

    /// <summary>The red-flag advice the bot sends.</summary>
    public static string RedFlagAdvice => Shared.Value.RedFlags.Advice;

    public TestAdapter Adapter { get; }

    public IStorage Storage { get; }

    /// <summary>The dialog's status and result after the last turn.</summary>
    public DialogTurnResult? LastResult { get; private set; }

    /// <summary>Sends one message and returns every reply of that turn, in order.</summary>
    public async Task<IReadOnlyList<IMessageActivity>> SendAsync(string text)
    {
        await Adapter.SendTextToBotAsync(text, RunTurnAsync, CancellationToken.None);
        var replies = new List<IMessageActivity>();
        while (Adapter.GetNextReply() is IMessageActivity reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    private async Task RunTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dc = await new DialogSet(_dialogState).Add(_dialog).CreateContextAsync(turnContext, cancellationToken);
        LastResult = await dc.ContinueDialogAsync(cancellationToken);
        if (LastResult.Status == DialogTurnStatus.Empty)
        {
            LastResult = await dc.BeginDialogAsync(CauseFinderDialog.DialogId, null, cancellationToken);
        }

        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    /// <summary>The real knowledge, rules, red flags and renderer, loaded once from the files next to the binary.</summary>
    private sealed record Parts(KnowledgeBase Knowledge, CauseFinderRules Rules, RedFlagDetector RedFlags, Citations Citations, AnswerRenderer Renderer, IAnswerer Answerer)
    {
        public static Parts Load()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "knowledge");
            var knowledge = KnowledgeLoader.Load(Path.Combine(folder, "faq.json"));
            var rules = CauseFinderLoader.Load(Path.Combine(folder, CauseFinderLoader.FileName), knowledge);
            var citations = new Citations(knowledge);
            return new Parts(knowledge, rules, RedFlagDetector.Load(Path.Combine(folder, "redflags.json")), citations, new AnswerRenderer(knowledge, citations), new LuceneAnswerer(knowledge));
        }
    }
}

/// <summary>
/// An answerer with a fixed verdict, for the few tests that need one outcome for sure (a clarifying
/// question, counting calls): answers with real entries of the knowledge for a few topics, asks to clarify
/// for "oorzaak", and knows nothing else. Everything else runs on the real <see cref="LuceneAnswerer"/>.
/// </summary>
internal sealed class FakeAnswerer(KnowledgeBase knowledge) : IAnswerer
{
    private static readonly (string Words, string EntryId)[] Topics =
    [
        ("pernicieuze anemie", "pernicieuze-anemie"),
        ("metformine", "waarom-het-ertoe-doet"),
        ("zoetwatervis", "parasieten"),
    ];

    public int Calls { get; private set; }

    public Answer Ask(string? question)
    {
        Calls++;
        var text = question?.ToLowerInvariant() ?? string.Empty;
        foreach (var (words, entryId) in Topics)
        {
            if (text.Contains(words, StringComparison.Ordinal))
            {
                var entry = knowledge[entryId];
                var passage = entry.Paragraphs.Where(p => p.Contains(words, StringComparison.OrdinalIgnoreCase)).ToList();
                return new Answer { Outcome = AnswerOutcome.Answer, Entry = entry, Passage = passage, Score = 1 };
            }
        }

        if (text.Contains("oorzaak", StringComparison.Ordinal))
        {
            return new Answer
            {
                Outcome = AnswerOutcome.Clarify,
                Alternatives = [knowledge["faq-01"], knowledge["waarom-het-ertoe-doet"]],
                Score = 0.5,
            };
        }

        return Answer.NoMatch;
    }
}
