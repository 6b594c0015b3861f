namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Splits a Dutch compound into known parts ("maagoperatie" → maag, operatie; "voedingssupplement" → voeding,
/// supplement; "b12tekort" → b12, tekort). A word is split only when it is made entirely of known parts, with an
/// optional linking "s" or "en" between them, so ordinary words are left alone. Of the possible splits the one with
/// the fewest parts wins. Immutable and thread-safe.
/// </summary>
internal sealed class CompoundSplitter
{
    private const int MinPart = 3;
    private const int MinWord = 6;
    private static readonly string[] Linkers = ["s", "en"];

    private readonly HashSet<string> parts;
    private readonly int maxPart;

    public CompoundSplitter(IEnumerable<string> parts)
    {
        this.parts = new HashSet<string>(parts.Where(p => p.Length >= MinPart), StringComparer.Ordinal);
        maxPart = this.parts.Count == 0 ? 0 : this.parts.Max(p => p.Length);
    }

    /// <summary>The parts of <paramref name="word"/>, or an empty list when it is not a compound of known parts.</summary>
    public IReadOnlyList<string> Split(string word)
    {
        if (word.Length < MinWord || parts.Count == 0)
        {
            return [];
        }

        // best[i]: fewest parts covering word[0..i), with back pointers to rebuild the split.
        var n = word.Length;
        var best = new int[n + 1];
        var partStart = new int[n + 1];
        var partEnd = new int[n + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var start = 0; start < n; start++)
        {
            if (best[start] == int.MaxValue)
            {
                continue;
            }

            for (var length = MinPart; length <= maxPart && start + length <= n; length++)
            {
                if (start == 0 && length == n)
                {
                    continue;
                }

                if (!parts.Contains(word.Substring(start, length)))
                {
                    continue;
                }

                var end = start + length;
                Relax(end, end);
                foreach (var linker in Linkers)
                {
                    if (end + linker.Length < n && string.CompareOrdinal(word, end, linker, 0, linker.Length) == 0)
                    {
                        Relax(end + linker.Length, end);
                    }
                }

                void Relax(int next, int partEndsAt)
                {
                    var count = best[start] + 1;
                    if (count < best[next])
                    {
                        best[next] = count;
                        partStart[next] = start;
                        partEnd[next] = partEndsAt;
                    }
                }
            }
        }

        if (best[n] == int.MaxValue || best[n] < 2)
        {
            return [];
        }

        var result = new List<string>(best[n]);
        for (var at = n; at > 0; at = partStart[at])
        {
            result.Add(word[partStart[at]..partEnd[at]]);
        }

        result.Reverse();
        return result;
    }
}
