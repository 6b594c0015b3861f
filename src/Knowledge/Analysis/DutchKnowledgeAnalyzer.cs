using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Our Dutch analysis, composed like Lucene's DutchAnalyzer but with parts of our own, top-down:
/// spelling fixes on the raw text ("B 12" → "b12") → standard tokenizer → lower case → accent folding →
/// apostrophes → [typo correction, when asking] → synonyms (before the stop list, so phrases like "ziekte van
/// Biermer" match) → our stop list (which keeps niet, geen, zonder, veel, te …) → compound parts → stem overrides →
/// Snowball Dutch stemmer. The same chain indexes the knowledge and analyses questions, so both meet in the middle.
/// Thread-safe (Lucene keeps one chain per thread); the resources are shared and read-only.
/// </summary>
internal sealed class DutchKnowledgeAnalyzer : Analyzer
{
    private readonly AnalysisResources resources;
    private readonly SpellingCorrector? corrector;

    /// <param name="resources">The lexicon, built once.</param>
    /// <param name="corrector">Typo tolerance, for questions only (the knowledge is spelled right).</param>
    public DutchKnowledgeAnalyzer(AnalysisResources resources, SpellingCorrector? corrector = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        this.resources = resources;
        this.corrector = corrector;
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => SurfaceAnalyzer.WrapReader(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = SurfaceAnalyzer.CreateTokenizer(reader);
        TokenStream result = new QuantityFilter(SurfaceAnalyzer.CreateFilters(source));
        if (corrector is not null)
        {
            var stemmer = new DutchStemmer();
            result = new SpellingCorrectionFilter(result, corrector, word => resources.Stem(word, stemmer));
        }

        if (resources.Synonyms is not null)
        {
            result = new SynonymFilter(result, resources.Synonyms, ignoreCase: false);
        }

        result = new StopFilter(LuceneVersion.LUCENE_48, result, resources.StopWords);
        result = new CompoundSplitFilter(result, resources.Splitter);
        if (resources.StemOverrides is not null)
        {
            result = new StemmerOverrideFilter(result, resources.StemOverrides);
        }

        result = new SnowballFilter(result, new DutchStemmer());
        return new TokenStreamComponents(source, result);
    }
}
