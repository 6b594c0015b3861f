namespace B12Bot.Knowledge;

/// <summary>One synonym rule: each of <see cref="Words"/> (a word or a phrase) also means every term of <see cref="Means"/>.</summary>
public sealed record SynonymRule
{
    public required IReadOnlyList<string> Words { get; init; }

    public required IReadOnlyList<string> Means { get; init; }
}

/// <summary>
/// How people say things, as the analysis needs it (knowledge/synonyms.json): synonyms for lay words, Belgian
/// variants and medicine names; the parts domain compounds are split into; stems the stemmer gets wrong; the words
/// that say a question is about B12 (core) or about the article's wider topic; and the words that say it is not
/// (shop questions, other nutrients). All words are plain text; the analysis folds and stems them itself.
/// </summary>
public sealed record Lexicon
{
    public static Lexicon Empty { get; } = new();

    public IReadOnlyList<SynonymRule> Synonyms { get; init; } = [];

    /// <summary>Known parts of domain compounds (maag, operatie, bloed, armoede …).</summary>
    public IReadOnlyList<string> CompoundParts { get; init; } = [];

    /// <summary>Word → stem, for words the Dutch stemmer gets wrong.</summary>
    public IReadOnlyDictionary<string, string> StemOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Words that are about B12 itself (b12, pernicieuze anemie, coeliakie …).</summary>
    public IReadOnlyList<string> CoreTerms { get; init; } = [];

    /// <summary>Words of the article's wider topic (symptoms, food, risk groups …); enough with nothing off-topic.</summary>
    public IReadOnlyList<string> TopicTerms { get; init; } = [];

    /// <summary>
    /// Words of the topic that fit any medicine or vitamin as well (supplementen, injecties, operatie, tekort): one
    /// of them alone does not make a question one about the article; two of them, or one with a core or topic word, do.
    /// </summary>
    public IReadOnlyList<string> GenericTerms { get; init; } = [];

    /// <summary>Words of shop questions (prices, delivery, opening hours): the article never answers those.</summary>
    public IReadOnlyList<string> ShopTerms { get; init; } = [];

    /// <summary>Other vitamins, minerals and supplements: without a core word the question is not about B12.</summary>
    public IReadOnlyList<string> NutrientTerms { get; init; } = [];

    /// <summary>
    /// Words of care-service questions (prescription, reimbursement, availability): the article never answers those,
    /// whatever else the question names.
    /// </summary>
    public IReadOnlyList<string> ServiceTerms { get; init; } = [];

    /// <summary>
    /// Named medicines (metformine, maagzuurremmers): the article only says they can lower B12, so a question about
    /// one of them is answered only when it also names a core B12 word; their other effects are not in the article.
    /// </summary>
    public IReadOnlyList<string> MedicineTerms { get; init; } = [];

    /// <summary>The pharmacy or chemist (apotheek, drogist): off topic together with a word of <see cref="PharmacyActTerms"/>.</summary>
    public IReadOnlyList<string> PharmacyTerms { get; init; } = [];

    /// <summary>What a pharmacy may do for someone (meten, testen, prikken, zetten): a service the article does not describe.</summary>
    public IReadOnlyList<string> PharmacyActTerms { get; init; } = [];

    /// <summary>Ordinary words that are not in the article but must never be "corrected" into one of its words.</summary>
    public IReadOnlyList<string> KnownWords { get; init; } = [];
}
