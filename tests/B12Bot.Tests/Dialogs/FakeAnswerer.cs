using B12Bot.Knowledge;

namespace B12Bot.Tests.Dialogs;

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
