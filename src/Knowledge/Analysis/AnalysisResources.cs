using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Everything the Dutch analysis reads, built once from the lexicon and read-only afterwards: the synonym map, the
/// stop list, the compound splitter, the stem overrides, and the stems of the topic and off-topic words.
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
        CoreStems = Stems(lexicon.CoreTerms);
        TopicStems = Stems(lexicon.TopicTerms);
        GenericStems = Stems(lexicon.GenericTerms);
        ShopStems = Stems(lexicon.ShopTerms);
        NutrientStems = Stems(lexicon.NutrientTerms);
        ServiceStems = Stems(lexicon.ServiceTerms);
        MedicineStems = Stems(lexicon.MedicineTerms);
        // "apotheker" is a stop word like "dokter": the pharmacy is looked for among the words as typed.
        PharmacyWords = Typed(lexicon.PharmacyTerms);
        PharmacyActStems = Stems(lexicon.PharmacyActTerms);
        NamedCauseStems = Stems(lexicon.NamedCauseTerms);
        SymptomStems = Stems(lexicon.SymptomTerms);
        UnnamedCauseStems = Stems(lexicon.UnnamedCauseTerms);
        HarmStems = Stems(lexicon.HarmTerms);
        DeficiencyStems = Stems(lexicon.DeficiencyTerms);
        ExcessStems = Stems(lexicon.ExcessTerms);
        DietStems = Stems(lexicon.DietTerms);
        OtherCauseStems = Stems(lexicon.OtherCauseTerms);
        // "iets anders", "something else": stop words, so they are looked for among the words as typed too.
        OtherCauseWords = Typed(lexicon.OtherCauseTerms);
        AlternativeWords = Typed(lexicon.AlternativeWords);
        CauseMarkerWords = Typed(lexicon.CauseMarkerWords);
        var stemmer = new DutchStemmer();
        DietOrOtherCauseMeans = Terms(lexicon.DietOrOtherCauseMeans, stemmer);
        HarmOfDeficiencyMeans = Terms(lexicon.HarmOfDeficiencyMeans, stemmer);
        HarmOfDietStems = Stems(lexicon.HarmOfDietTerms);
        HarmOfDietMeans = Terms(lexicon.HarmOfDietMeans, stemmer);
        GroceryStems = Stems(lexicon.GroceryTerms);
        AmountStems = Stems(lexicon.AmountTerms);
        AmountExceptionStems = Stems(lexicon.AmountExceptionTerms);
        UncoveredSubjectStems = Stems(lexicon.UncoveredSubjectTerms);
        PainStems = Stems(lexicon.PainTerms);
        PainOfStems = Stems(lexicon.PainOfTerms);
        UncoveredAlwaysStems = Stems(lexicon.UncoveredAlwaysTerms);
        TopicBesideGroupStems = Stems(lexicon.GroupTopicTerms);
        GroupStems = Stems(lexicon.GroupTerms);
    }

    public Lexicon Lexicon { get; }

    public CharArraySet StopWords { get; }

    public CompoundSplitter Splitter { get; }

    /// <summary>Null when the lexicon has no overrides.</summary>
    public StemmerOverrideFilter.StemmerOverrideMap? StemOverrides { get; }

    /// <summary>Null when the lexicon has no synonyms.</summary>
    public SynonymMap? Synonyms { get; }

    public IReadOnlySet<string> CoreStems { get; }

    public IReadOnlySet<string> TopicStems { get; }

    /// <summary>Stems of <see cref="Lexicon.GenericTerms"/>: they count as topic words only two at a time.</summary>
    public IReadOnlySet<string> GenericStems { get; }

    public IReadOnlySet<string> ShopStems { get; }

    public IReadOnlySet<string> NutrientStems { get; }

    public IReadOnlySet<string> ServiceStems { get; }

    public IReadOnlySet<string> MedicineStems { get; }

    /// <summary>The words of <see cref="Lexicon.PharmacyTerms"/> as typed (folded, not stemmed).</summary>
    public IReadOnlySet<string> PharmacyWords { get; }

    public IReadOnlySet<string> PharmacyActStems { get; }

    /// <summary>Stems of <see cref="Lexicon.NamedCauseTerms"/>.</summary>
    public IReadOnlySet<string> NamedCauseStems { get; }

    /// <summary>Stems of <see cref="Lexicon.SymptomTerms"/>.</summary>
    public IReadOnlySet<string> SymptomStems { get; }

    /// <summary>Stems of <see cref="Lexicon.UnnamedCauseTerms"/>.</summary>
    public IReadOnlySet<string> UnnamedCauseStems { get; }

    /// <summary>Stems of <see cref="Lexicon.HarmTerms"/>.</summary>
    public IReadOnlySet<string> HarmStems { get; }

    /// <summary>Stems of <see cref="Lexicon.DeficiencyTerms"/>.</summary>
    public IReadOnlySet<string> DeficiencyStems { get; }

    /// <summary>Stems of <see cref="Lexicon.ExcessTerms"/>.</summary>
    public IReadOnlySet<string> ExcessStems { get; }

    /// <summary>The index terms of <see cref="Lexicon.HarmOfDeficiencyMeans"/>.</summary>
    public IReadOnlyList<string> HarmOfDeficiencyMeans { get; }

    /// <summary>Stems of <see cref="Lexicon.GroceryTerms"/>.</summary>
    public IReadOnlySet<string> GroceryStems { get; }

    /// <summary>Stems of <see cref="Lexicon.AmountTerms"/>.</summary>
    public IReadOnlySet<string> AmountStems { get; }

    /// <summary>Stems of <see cref="Lexicon.AmountExceptionTerms"/>.</summary>
    public IReadOnlySet<string> AmountExceptionStems { get; }

    /// <summary>Stems of <see cref="Lexicon.UncoveredSubjectTerms"/>.</summary>
    public IReadOnlySet<string> UncoveredSubjectStems { get; }

    /// <summary>Stems of <see cref="Lexicon.PainTerms"/>.</summary>
    public IReadOnlySet<string> PainStems { get; }

    /// <summary>Stems of <see cref="Lexicon.PainOfTerms"/>.</summary>
    public IReadOnlySet<string> PainOfStems { get; }

    /// <summary>Stems of <see cref="Lexicon.UncoveredAlwaysTerms"/>.</summary>
    public IReadOnlySet<string> UncoveredAlwaysStems { get; }

    /// <summary>Stems of <see cref="Lexicon.GroupTopicTerms"/>.</summary>
    public IReadOnlySet<string> TopicBesideGroupStems { get; }

    /// <summary>Stems of <see cref="Lexicon.GroupTerms"/>.</summary>
    public IReadOnlySet<string> GroupStems { get; }

    /// <summary>Stems of <see cref="Lexicon.HarmOfDietTerms"/>.</summary>
    public IReadOnlySet<string> HarmOfDietStems { get; }

    /// <summary>The index terms of <see cref="Lexicon.HarmOfDietMeans"/>.</summary>
    public IReadOnlyList<string> HarmOfDietMeans { get; }

    /// <summary>Stems of <see cref="Lexicon.DietTerms"/>.</summary>
    public IReadOnlySet<string> DietStems { get; }

    /// <summary>Stems of <see cref="Lexicon.OtherCauseTerms"/>.</summary>
    public IReadOnlySet<string> OtherCauseStems { get; }

    /// <summary>The words of <see cref="Lexicon.OtherCauseTerms"/> as typed (folded, not stemmed).</summary>
    public IReadOnlySet<string> OtherCauseWords { get; }

    /// <summary>The words of <see cref="Lexicon.AlternativeWords"/> as typed (folded, not stemmed).</summary>
    public IReadOnlySet<string> AlternativeWords { get; }

    /// <summary>The words of <see cref="Lexicon.CauseMarkerWords"/> as typed (folded, not stemmed).</summary>
    public IReadOnlySet<string> CauseMarkerWords { get; }

    /// <summary>The index terms of <see cref="Lexicon.DietOrOtherCauseMeans"/>.</summary>
    public IReadOnlyList<string> DietOrOtherCauseMeans { get; }

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

    private List<string> Terms(IEnumerable<string> terms, DutchStemmer stemmer) =>
        terms.Select(t => TermOf(t, stemmer)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The words of some terms as typed (folded, not stemmed): for words the analysis drops as stop words.</summary>
    private static HashSet<string> Typed(IEnumerable<string> terms) =>
        new(terms.SelectMany(SurfaceAnalyzer.Tokens), StringComparer.Ordinal);

    private HashSet<string> Stems(IEnumerable<string> terms)
    {
        var stemmer = new DutchStemmer();
        return new HashSet<string>(terms.Select(t => TermOf(t, stemmer)).Where(t => t.Length > 0), StringComparer.Ordinal);
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

        // Multi-word topic and off-topic terms ("vitamine d", "hoe laat") become one token of their own.
        foreach (var term in lexicon.CoreTerms.Concat(lexicon.TopicTerms).Concat(lexicon.ShopTerms).Concat(lexicon.NutrientTerms)
                     .Concat(lexicon.ServiceTerms).Concat(lexicon.PharmacyTerms).Concat(lexicon.PharmacyActTerms))
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
