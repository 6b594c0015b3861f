namespace B12Bot.Knowledge.CauseFinder;

/// <summary>
/// Finds which of the offered options a typed answer names, on words: the title or a synonym, words in
/// order with at most two others between them, not negated ("geen omeprazol"). A longer match wins over
/// a shorter one inside it ("weet ik niet" over "niet"); a named option wins over an exclusive one
/// ("nee, alleen metformine"). For the age question a typed age ("75", "ik ben 58 jaar") picks its range.
/// Bare numbers below 10 are left alone: they are positions in the list, which the prompt recognises.
/// </summary>
public static class AnswerMatcher
{
    private const int SmallestAge = 10;

    /// <summary>The options of <paramref name="offered"/> that <paramref name="text"/> names, in offered order.</summary>
    /// <param name="offered">The options on offer (a question's options, or what is left for a follow-up).</param>
    /// <param name="text">What the person typed or clicked.</param>
    /// <param name="multiple">Whether more than one option may be named at once.</param>
    public static IReadOnlyList<AnswerOption> Match(IReadOnlyList<AnswerOption> offered, string? text, bool multiple)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0 || offered.Count == 0)
        {
            return [];
        }

        var options = Select(offered, FindHits(offered, tokens), multiple);
        return options.Count > 0 ? options : ByAge(offered, tokens);
    }

    /// <summary>
    /// The options that <paramref name="hits"/> name, in offered order: a longer match wins over a shorter one inside
    /// it, a named option over an exclusive one; with one answer expected, the most specific one or none.
    /// </summary>
    internal static IReadOnlyList<AnswerOption> Select(IReadOnlyList<AnswerOption> offered, IReadOnlyList<Hit> hits, bool multiple)
    {
        var named = hits
            .Where(h => !hits.Any(other => !ReferenceEquals(other, h) && other.Covers(h)))
            .ToList();

        if (named.Any(h => !h.Option.Exclusive))
        {
            named.RemoveAll(h => h.Option.Exclusive);
        }

        var options = named.Select(h => h.Option).Distinct().ToList();
        if (options.Count == 0)
        {
            return [];
        }

        if (multiple || options.Count == 1)
        {
            return offered.Where(options.Contains).ToList();
        }

        // One answer expected but several named: the most specific one, or none when that is unclear.
        var ranked = options
            .Select(o => (Option: o, Words: named.Where(h => h.Option == o).Max(h => h.Words)))
            .OrderByDescending(x => x.Words)
            .ToList();
        return ranked[0].Words > ranked[1].Words ? [ranked[0].Option] : [];
    }

    /// <summary>Shorthand for all options of a question.</summary>
    public static IReadOnlyList<AnswerOption> Match(Question question, string? text)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Match(question.Options, text, question.Multiple);
    }

    internal static List<Hit> FindHits(IReadOnlyList<AnswerOption> offered, IReadOnlyList<string> tokens)
    {
        // Most phrases share no word with a short message: look only at those whose first word is in it.
        var words = new HashSet<string>(tokens, StringComparer.Ordinal);
        var hits = new List<Hit>();
        foreach (var option in offered)
        {
            foreach (var phrase in PhrasesOf(option))
            {
                if (!words.Contains(phrase[0]))
                {
                    continue;
                }

                foreach (var (start, end) in TextTokens.FindAll(tokens, phrase))
                {
                    hits.Add(new Hit(option, start, end, phrase.Count) { Phrase = phrase });
                }
            }
        }

        return hits;
    }

    /// <summary>The words of an option's title and synonyms, split once per option (the rules are read-only).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AnswerOption, IReadOnlyList<IReadOnlyList<string>>> Phrases = new();

    private static IReadOnlyList<IReadOnlyList<string>> PhrasesOf(AnswerOption option) =>
        Phrases.GetValue(option, o => o.Synonyms.Prepend(o.Title).Select(TextTokens.OfPhrase).Where(w => w.Count > 0).ToList());

    internal static IReadOnlyList<AnswerOption> ByAge(IReadOnlyList<AnswerOption> offered, IReadOnlyList<string> tokens)
    {
        if (!offered.Any(o => o.Ages is not null))
        {
            return [];
        }

        var ages = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!TextTokens.TryNumber(tokens[i], out var number))
            {
                continue;
            }

            var saysYears = i + 1 < tokens.Count && string.Equals(tokens[i + 1], "jaar", StringComparison.Ordinal);
            if (number >= SmallestAge || saysYears)
            {
                ages.Add(number);
            }
        }

        if (ages.Count != 1)
        {
            return [];
        }

        var match = offered.FirstOrDefault(o => o.Ages is { } range && range.Contains(ages[0]));
        return match is null ? [] : [match];
    }

    internal sealed record Hit(AnswerOption Option, int Start, int End, int Words)
    {
        /// <summary>The words of the title or synonym that matched.</summary>
        public IReadOnlyList<string> Phrase { get; init; } = [];

        /// <summary>True when this hit's words span the other's and are more (or the same span, more words).</summary>
        public bool Covers(Hit other) =>
            Start <= other.Start && End >= other.End && (End - Start > other.End - other.Start || Words > other.Words);
    }
}
