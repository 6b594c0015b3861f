namespace B12Bot.Knowledge;

/// <summary>One synonym rule: each of <see cref="Words"/> (a word or a phrase) also means every term of <see cref="Means"/>.</summary>
public sealed record SynonymRule
{
    public required IReadOnlyList<string> Words { get; init; }

    public required IReadOnlyList<string> Means { get; init; }
}

/// <summary>
/// How people say things, as the analysis needs it (knowledge/synonyms.json): synonyms for lay words, Belgian
/// variants and medicine names; the parts domain compounds are split into; stems the stemmer gets wrong; and the term
/// categories: the words that say a question is about B12 or the article's wider topic, the words that say it is not
/// (the shop, other nutrients, amounts), and the words the query planner reads a question's shape by (a complaint
/// beside a cause, food weighed against another cause, harm of a tekort), with the hand verdicts read from them. All
/// words are plain text; the analysis folds and stems them itself.
/// </summary>
public sealed record Lexicon
{
    public static Lexicon Empty { get; } = new();

    public IReadOnlyList<SynonymRule> Synonyms { get; init; } = [];

    /// <summary>Known parts of domain compounds (maag, operatie, bloed, armoede …).</summary>
    public IReadOnlyList<string> CompoundParts { get; init; } = [];

    /// <summary>Word → stem, for words the Dutch stemmer gets wrong.</summary>
    public IReadOnlyDictionary<string, string> StemOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Ordinary words that are not in the article but must never be "corrected" into one of its words.</summary>
    public IReadOnlyList<string> KnownWords { get; init; } = [];

    /// <summary>
    /// The term categories (knowledge/synonyms.json, categories), in the file's order: what a question's words say of it
    /// (B12 itself, the wider topic, the shop, an amount, a complaint …). Each is one feature of the learned decision.
    /// </summary>
    public IReadOnlyList<TermCategory> Categories { get; init; } = [];

    /// <summary>The hand verdicts read from the categories a question holds (first match wins), in the file's order.</summary>
    public IReadOnlyList<VerdictRule> Verdicts { get; init; } = [];
}

/// <summary>Whether the article covers what a category's words name.</summary>
public enum CategoryCoverage
{
    /// <summary>A word of the question's shape (harm, a joiner, a complaint): neither covered nor not.</summary>
    Shape,

    /// <summary>The article covers it: its words are spelling-correction targets.</summary>
    Covered,

    /// <summary>The article never covers it (the shop, other vitamins, amounts, pets).</summary>
    NotCovered,
}

/// <summary>Which occurrences of a category's words count.</summary>
public enum CategoryCounts
{
    /// <summary>Any analysed term, a part of a compound or a corrected short word as well.</summary>
    Any,

    /// <summary>Not a short word we corrected (it may have been an ordinary word we do not know).</summary>
    Trusted,

    /// <summary>Trusted, and a whole word or its meaning, never a compound's part ("zenuwpijn" holds no pain).</summary>
    Whole,
}

/// <summary>How a category's words are compared with a question's.</summary>
public enum CategoryMatch
{
    /// <summary>By analysed term (stem, synonyms, compound parts).</summary>
    Stem,

    /// <summary>By word as typed (folded, not stemmed): for stop words ("apotheker", "of", "door").</summary>
    Typed,

    /// <summary>Both.</summary>
    Both,
}

/// <summary>One term category of the lexicon: a named set of words with what the article makes of them.</summary>
public sealed record TermCategory
{
    public required string Name { get; init; }

    /// <summary>What the category holds, for people.</summary>
    public string About { get; init; } = string.Empty;

    public CategoryCoverage Coverage { get; init; }

    public CategoryCounts Counts { get; init; }

    public CategoryMatch Match { get; init; }

    /// <summary>Categories whose word at the same place keeps this one from counting there ("maagzuur" in "maagzuurremmer").</summary>
    public IReadOnlyList<string> ExceptBeside { get; init; } = [];

    public required IReadOnlyList<string> Words { get; init; }
}

/// <summary>
/// A hand verdict: a question holding every category of <see cref="All"/> and none of <see cref="None"/> is outside the
/// article for <see cref="Reason"/>. Names starting with '@' are flags the planner reads from the question's shape.
/// A learned verdict is one feature of the decision; any other one is final.
/// </summary>
public sealed record VerdictRule
{
    public required string Reason { get; init; }

    public IReadOnlyList<string> All { get; init; } = [];

    public IReadOnlyList<string> None { get; init; } = [];

    public bool Learned { get; init; }
}
