namespace B12Bot.Knowledge.Search;

/// <summary>
/// How much a term says about which entry is meant: an inverse entry frequency, ln(1 + (N − df + ½) / (df + ½))
/// over the N entries, plus a small floor so that even "b12" (in every entry) counts a little. A term no entry uses
/// gets <see cref="Unknown"/>: an unknown word is a sign the question is about something else.
/// </summary>
internal sealed class TermWeights
{
    private const float Floor = 0.1f;
    private readonly Dictionary<string, float> weights;

    public TermWeights(IReadOnlyList<IReadOnlySet<string>> termsPerEntry, float unknownWeight)
    {
        var n = termsPerEntry.Count;
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in termsPerEntry)
        {
            foreach (var term in terms)
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        weights = df.ToDictionary(p => p.Key, p => Idf(n, p.Value), StringComparer.Ordinal);
        Unknown = unknownWeight;
        Rarest = Idf(n, 1);
    }

    /// <summary>The weight of a term no entry uses.</summary>
    public float Unknown { get; }

    /// <summary>The weight of a term only one entry uses.</summary>
    public float Rarest { get; }

    public IReadOnlyCollection<string> Terms => weights.Keys;

    public bool IsKnown(string term) => weights.ContainsKey(term);

    public float Of(string term) => weights.TryGetValue(term, out var weight) ? weight : Unknown;

    private static float Idf(int n, int df) => (float)Math.Log(1 + ((n - df + 0.5) / (df + 0.5))) + Floor;
}
