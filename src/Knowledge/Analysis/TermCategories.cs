using System.Numerics;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// The lexicon's term categories as one lookup: an analysed term (or a word as typed) → the set of categories it is
/// in, as a bit mask of category ids (the categories' order in knowledge/synonyms.json). Built once; read-only.
/// </summary>
internal sealed class TermCategories
{
    /// <summary>A mask holds one bit per category.</summary>
    public const int MaxCategories = 64;

    private readonly Dictionary<string, ulong> stems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> typed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string>[] terms;
    private readonly ulong[] exceptBeside;

    public TermCategories(IReadOnlyList<TermCategory> categories, Func<string, string> termOf)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(termOf);
        if (categories.Count > MaxCategories)
        {
            throw new ArgumentException($"at most {MaxCategories} term categories", nameof(categories));
        }

        All = categories;
        terms = new List<string>[categories.Count];
        exceptBeside = new ulong[categories.Count];
        for (var id = 0; id < categories.Count; id++)
        {
            ids[categories[id].Name] = id;
        }

        for (var id = 0; id < categories.Count; id++)
        {
            var category = categories[id];
            var bit = 1UL << id;
            terms[id] = [];
            foreach (var word in category.Words)
            {
                if (category.Match != CategoryMatch.Typed && termOf(word) is { Length: > 0 } term)
                {
                    stems[term] = stems.GetValueOrDefault(term) | bit;
                    if (!terms[id].Contains(term, StringComparer.Ordinal))
                    {
                        terms[id].Add(term);
                    }
                }

                if (category.Match != CategoryMatch.Stem)
                {
                    foreach (var token in SurfaceAnalyzer.Tokens(word))
                    {
                        typed[token] = typed.GetValueOrDefault(token) | bit;
                    }
                }
            }

            switch (category.Counts)
            {
                case CategoryCounts.Any:
                    AnyMask |= bit;
                    break;
                case CategoryCounts.Trusted:
                    TrustedMask |= bit;
                    break;
                default:
                    WholeMask |= bit;
                    break;
            }

            CoveredMask |= category.Coverage == CategoryCoverage.Covered ? bit : 0;
            NotCoveredMask |= category.Coverage == CategoryCoverage.NotCovered ? bit : 0;
        }

        for (var id = 0; id < categories.Count; id++)
        {
            foreach (var other in categories[id].ExceptBeside)
            {
                exceptBeside[id] |= ids.TryGetValue(other, out var o) ? 1UL << o : 0;
            }
        }
    }

    public static TermCategories Empty { get; } = new([], t => t);

    /// <summary>The categories, in id order.</summary>
    public IReadOnlyList<TermCategory> All { get; }

    public int Count => All.Count;

    /// <summary>Categories that count any occurrence.</summary>
    public ulong AnyMask { get; }

    /// <summary>Categories that count a trusted occurrence only (not a short word we corrected).</summary>
    public ulong TrustedMask { get; }

    /// <summary>Categories that count a trusted whole word or its meaning only, never a compound's part.</summary>
    public ulong WholeMask { get; }

    /// <summary>Categories of what the article covers.</summary>
    public ulong CoveredMask { get; }

    /// <summary>Categories of what the article never covers.</summary>
    public ulong NotCoveredMask { get; }

    /// <summary>The id of a category by name; -1 when the lexicon has none of that name.</summary>
    public int IdOf(string name) => ids.TryGetValue(name, out var id) ? id : -1;

    /// <summary>The bit of a category by name; 0 when the lexicon has none of that name.</summary>
    public ulong Bit(string name) => ids.TryGetValue(name, out var id) ? 1UL << id : 0;

    /// <summary>The categories an analysed term is in.</summary>
    public ulong OfTerm(string term) => stems.GetValueOrDefault(term);

    /// <summary>The categories a word as typed (folded, not stemmed) is in, for the categories matched as typed.</summary>
    public ulong OfTyped(string word) => typed.GetValueOrDefault(word);

    /// <summary>Whether an analysed term is in any of the categories of <paramref name="mask"/>.</summary>
    public bool Has(string term, ulong mask) => (stems.GetValueOrDefault(term) & mask) != 0;

    /// <summary>The analysed terms of a category's words, in its order (what a meaning category means).</summary>
    public IReadOnlyList<string> Terms(string name) => ids.TryGetValue(name, out var id) ? terms[id] : [];

    /// <summary>
    /// The categories of <paramref name="mask"/> left at one place of a question: a category whose "exceptBeside" holds
    /// another category present there does not count there.
    /// </summary>
    public ulong Excepting(ulong mask)
    {
        var result = mask;
        for (var rest = mask; rest != 0; rest &= rest - 1)
        {
            var id = BitOperations.TrailingZeroCount(rest);
            if ((exceptBeside[id] & mask) != 0)
            {
                result &= ~(1UL << id);
            }
        }

        return result;
    }
}
