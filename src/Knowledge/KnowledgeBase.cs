namespace B12Bot.Knowledge;

/// <summary>The curated knowledge, loaded once and read-only afterwards.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, KnowledgeEntry> byId;

    public KnowledgeBase(ArticleInfo article, IReadOnlyList<KnowledgeEntry> entries, IReadOnlyList<string>? keywords = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(entries);
        Article = article;
        Entries = entries;
        Keywords = keywords ?? [];
        byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public ArticleInfo Article { get; }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The article's "Belangrijke zoekwoorden".</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>How people say things: synonyms, compound parts, stems and topic words (knowledge/synonyms.json).</summary>
    public Lexicon Lexicon { get; init; } = Lexicon.Empty;

    /// <summary>The general Dutch vocabulary beside the knowledge (empty when it has none).</summary>
    internal Analysis.Vocabulary Vocabulary { get; init; } = Analysis.Vocabulary.Empty;

    /// <summary>Common English words (knowledge/english.json): a message mostly of these is in English.</summary>
    internal IReadOnlySet<string> EnglishWords { get; init; } = new HashSet<string>();

    /// <summary>The learned answer decision beside the knowledge, or null (then the hand-set thresholds decide).</summary>
    internal Decision.DecisionModel? Decision { get; init; }

    /// <summary>The same knowledge, lexicon, vocabulary and decision, cited at <paramref name="url"/> (a pharmacy's own copy of the article).</summary>
    public KnowledgeBase WithArticleUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return new KnowledgeBase(Article with { Url = url }, Entries, Keywords)
        {
            Lexicon = Lexicon,
            Vocabulary = Vocabulary,
            EnglishWords = EnglishWords,
            Decision = Decision,
        };
    }

    public KnowledgeEntry this[string id] => byId[id];

    public bool TryGet(string id, out KnowledgeEntry entry) => byId.TryGetValue(id, out entry!);

    /// <summary>The citation address of an entry: the article's URL with the entry id as anchor.</summary>
    public string CitationUrl(KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var url = Article.Url;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? url[..hash] : url) + "#" + entry.Id;
    }
}
