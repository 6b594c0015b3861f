using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Everything the Dutch analysis reads, built once from the lexicon and read-only afterwards: the synonym map, the
/// stop list, the compound splitter, the stem overrides, and the term categories.
/// </summary>
internal sealed class AnalysisResources
{
    /// <summary>Joins the words of a multi-word term ("vitamine d") into one token ("vitamine_d").</summary>
    public const char PhraseJoiner = '_';

    private readonly Dictionary<string, string> stemOverrides;

    private AnalysisResources(Lexicon lexicon)
    {
        Lexicon = lexicon;
        StopWords = new CharArraySet(LuceneVersion.LUCENE_48, DutchStopWords.Words.SelectMany(SurfaceAnalyzer.Tokens).ToList(), ignoreCase: false);
        Splitter = new CompoundSplitter(lexicon.CompoundParts.SelectMany(SurfaceAnalyzer.Tokens));

        stemOverrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, stem) in lexicon.StemOverrides)
        {
            foreach (var token in SurfaceAnalyzer.Tokens(word))
            {
                stemOverrides[token] = stem.ToLowerInvariant();
            }
        }

        if (stemOverrides.Count > 0)
        {
            var builder = new StemmerOverrideFilter.Builder(ignoreCase: false);
            foreach (var (word, stem) in stemOverrides)
            {
                builder.Add(word, stem);
            }

            StemOverrides = builder.Build();
        }

        Synonyms = BuildSynonyms(lexicon);
        var stemmer = new DutchStemmer();
        Categories = new TermCategories(lexicon.Categories, term => TermOf(term, stemmer));
    }

    public Lexicon Lexicon { get; }

    public CharArraySet StopWords { get; }

    public CompoundSplitter Splitter { get; }

    /// <summary>Null when the lexicon has no overrides.</summary>
    public StemmerOverrideFilter.StemmerOverrideMap? StemOverrides { get; }

    /// <summary>Null when the lexicon has no synonyms.</summary>
    public SynonymMap? Synonyms { get; }

    /// <summary>The lexicon's term categories: analysed term (or word as typed) → the categories it is in.</summary>
    public TermCategories Categories { get; }

    public static AnalysisResources Build(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        return new AnalysisResources(lexicon);
    }

    /// <summary>The stem our analysis gives one surface word (lower case, folded): an override, else Snowball's.</summary>
    public string Stem(string word, DutchStemmer stemmer)
    {
        ArgumentNullException.ThrowIfNull(stemmer);
        if (stemOverrides.TryGetValue(word, out var stem))
        {
            return stem;
        }

        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The single token a term stands for: the stem of a word, or the joined stem of a phrase.</summary>
    public string TermOf(string term, DutchStemmer stemmer)
    {
        var tokens = SurfaceAnalyzer.Tokens(term);
        return tokens.Count == 1 ? Stem(tokens[0], stemmer) : Stem(string.Join(PhraseJoiner, tokens), stemmer);
    }

    private static SynonymMap? BuildSynonyms(Lexicon lexicon)
    {
        var builder = new SynonymMap.Builder(dedup: true);
        var added = 0;
        foreach (var rule in lexicon.Synonyms)
        {
            var outputs = rule.Means.Select(m => SurfaceAnalyzer.Tokens(m)).Where(t => t.Count > 0).ToList();
            foreach (var word in rule.Words)
            {
                var input = SurfaceAnalyzer.Tokens(word);
                if (input.Count == 0)
                {
                    continue;
                }

                foreach (var output in outputs)
                {
                    if (input.SequenceEqual(output, StringComparer.Ordinal))
                    {
                        continue;
                    }

                    // A phrase ("bloed laten prikken", "hoe kom ik erachter") stands for its meaning alone; a single
                    // word keeps itself beside its synonyms, so that the exact word still counts most.
                    builder.Add(Join(input), Join(output), includeOrig: input.Count == 1);
                    added++;
                }
            }
        }

        // Multi-word words of a category ("vitamine d", "hoe laat") become one token of their own.
        foreach (var term in lexicon.Categories.SelectMany(c => c.Words).Distinct(StringComparer.Ordinal))
        {
            var input = SurfaceAnalyzer.Tokens(term);
            if (input.Count > 1)
            {
                builder.Add(Join(input), new CharsRef(string.Join(PhraseJoiner, input)), includeOrig: true);
                added++;
            }
        }

        return added == 0 ? null : builder.Build();
    }

    private static CharsRef Join(IReadOnlyList<string> words) => SynonymMap.Builder.Join([.. words], new CharsRef());
}
