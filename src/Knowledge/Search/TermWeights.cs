namespace B12Bot.Knowledge.Search;

/// <summary>
/// How much a term says about which entry is meant: an inverse entry frequency, ln(1 + (N − df + ½) / (df + ½))
/// over the N entries, plus a small floor so that even "b12" (in every entry) counts a little. An entry counts fully
/// when the term is in one of its phrasings (question, variants, heading, keywords) and half when it is only in its
/// text: the article's prose uses everyday words ("vaak", "mensen") that say little there but much in a question.
/// A word only the prose uses (never a phrasing, and not a topic word of the lexicon: "mogelijk", "zien") weighs at
/// most <see cref="TextOnlyCap"/>: it is incidental there. A term no entry uses gets <see cref="Unknown"/>: an
/// unknown word is a sign the question is about something else.
/// </summary>
internal sealed class TermWeights
{
    private const float Floor = 0.1f;
    private readonly Dictionary<string, float> weights;

    private const float TextOnlyShare = 0.5f;

    /// <summary>The most a word weighs that only the article's prose uses.</summary>
    public const float TextOnlyCap = 1.5f;

    /// <param name="phrasingTerms">Per entry, the terms of its phrasings.</param>
    /// <param name="textTerms">Per entry, the terms of its text.</param>
    /// <param name="unknownWeight">The weight of a term no entry uses.</param>
    /// <param name="topicTerms">Terms the lexicon says are about the topic: never capped.</param>
    public TermWeights(IReadOnlyList<IReadOnlySet<string>> phrasingTerms, IReadOnlyList<IReadOnlySet<string>> textTerms, float unknownWeight, IReadOnlySet<string> topicTerms)
    {
        var n = phrasingTerms.Count;
        var df = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var e = 0; e < n; e++)
        {
            foreach (var term in phrasingTerms[e].Union(textTerms[e]))
            {
                df[term] = df.GetValueOrDefault(term) + (phrasingTerms[e].Contains(term) ? 1f : TextOnlyShare);
            }
        }

        var phrased = new HashSet<string>(phrasingTerms.SelectMany(t => t), StringComparer.Ordinal);
        weights = df.ToDictionary(
            p => p.Key,
            p => phrased.Contains(p.Key) || topicTerms.Contains(p.Key) ? Idf(n, p.Value) : Math.Min(TextOnlyCap, Idf(n, p.Value)),
            StringComparer.Ordinal);
        Unknown = unknownWeight;
        Rarest = Idf(n, 1);
    }

    /// <summary>Weights computed before (read back from a stored index) over <paramref name="entryCount"/> entries.</summary>
    public TermWeights(IReadOnlyDictionary<string, float> stored, int entryCount, float unknownWeight)
    {
        ArgumentNullException.ThrowIfNull(stored);
        weights = new Dictionary<string, float>(stored, StringComparer.Ordinal);
        Unknown = unknownWeight;
        Rarest = Idf(entryCount, 1);
    }

    /// <summary>Every known term with its weight (what a stored index keeps).</summary>
    public IReadOnlyDictionary<string, float> All => weights;

    /// <summary>The weight of a term no entry uses.</summary>
    public float Unknown { get; }

    /// <summary>The weight of a term only one entry uses.</summary>
    public float Rarest { get; }

    public IReadOnlyCollection<string> Terms => weights.Keys;

    public bool IsKnown(string term) => weights.ContainsKey(term);

    public float Of(string term) => weights.TryGetValue(term, out var weight) ? weight : Unknown;

    private static float Idf(int n, float df) => (float)Math.Log(1 + ((n - df + 0.5) / (df + 0.5))) + Floor;
}
