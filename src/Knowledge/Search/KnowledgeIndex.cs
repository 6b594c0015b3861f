using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Search;

/// <summary>
/// The Lucene index of the knowledge, built once: one document per unit (a question or variant, a heading, a
/// keyword, a paragraph), each kind in its own field, analysed by our Dutch chain. The parts of a unit's compounds
/// go to a field of their own beside it ("question.part"), so that a question's "vis" counts only partly in the
/// unit "vislintworm". Holds what the answerer needs
/// beside it: the units by document id, the term weights, the words of each field, and the analyzer for questions
/// (the same chain plus typo tolerance against this index's words). Immutable after construction; the searcher is
/// shared by every thread.
/// </summary>
internal sealed class KnowledgeIndex : IDisposable
{
    private const string UnitField = "unit";
    private const int MaxCommonTerms = 64;
    private const int MaxPositionsPerUnit = 4096;

    private const string PartSuffix = ".part";
    private static readonly string[] FieldNames = ["question", "title", "keyword", "text"];

    private readonly RAMDirectory directory;
    private readonly DirectoryReader reader;
    private readonly HashSet<string>[] fieldTerms;
    private readonly HashSet<string>[] partTerms;
    private readonly Dictionary<string, (Term Term, TermContext Context)>[] termContexts;
    private readonly Dictionary<string, (Term Term, TermContext Context)>[] partContexts;

    private readonly Dictionary<string, int> commonTermBits;

    public KnowledgeIndex(KnowledgeBase knowledge, float unknownWeight, float commonTermWeight)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        Knowledge = knowledge;
        Resources = AnalysisResources.Build(knowledge.Lexicon);
        IndexAnalyzer = new DutchKnowledgeAnalyzer(Resources);

        var drafts = DraftUnits(knowledge).ToList();
        var phrasingTerms = knowledge.Entries.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var textTerms = knowledge.Entries.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        fieldTerms = FieldNames.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        partTerms = FieldNames.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var draft in drafts)
        {
            draft.Positions = AnalyzedText.Read(IndexAnalyzer, draft.Text, MaxPositionsPerUnit);
            foreach (var alternative in draft.Positions.SelectMany(p => p))
            {
                (draft.Kind == UnitKind.Text ? textTerms : phrasingTerms)[draft.Entry].Add(alternative.Term);
                (alternative.Origin == Origin.Part ? partTerms : fieldTerms)[(int)draft.Kind].Add(alternative.Term);
            }
        }

        Weights = new TermWeights(phrasingTerms, textTerms, unknownWeight, new HashSet<string>(Resources.CoreStems.Concat(Resources.TopicStems), StringComparer.Ordinal));
        Similarity = new TermWeightSimilarity(Weights);

        // The few terms nearly every entry uses ("b12", "tekort", "vitamine") match hundreds of units and say little:
        // they are not searched but counted from a bit mask on each unit that a search for the other terms finds.
        commonTermBits = Weights.Terms
            .Where(t => Weights.Of(t) < commonTermWeight)
            .OrderBy(Weights.Of)
            .ThenBy(t => t, StringComparer.Ordinal)
            .Take(MaxCommonTerms)
            .Select((term, bit) => (term, bit))
            .ToDictionary(p => p.term, p => p.bit, StringComparer.Ordinal);

        directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, IndexAnalyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = Similarity,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                var alternatives = draft.Positions!.SelectMany(p => p).ToList();
                var main = alternatives.Where(a => a.Origin != Origin.Part).Select(a => a.Term).ToList();
                var parts = alternatives.Where(a => a.Origin == Origin.Part).Select(a => a.Term).ToList();
                var field = FieldNames[(int)draft.Kind];
                var document = new Document
                {
                    new Field(field, new TermListTokenStream(main), UnitFieldType),
                    new Field(field + PartSuffix, new TermListTokenStream(parts), UnitFieldType),
                    new StoredField(UnitField, i),
                };
                writer.AddDocument(document);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        reader = DirectoryReader.Open(directory);
        var units = new Unit[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            var draft = drafts[reader.Document(doc).GetField(UnitField).GetInt32Value()!.Value];
            units[doc] = new Unit(draft.Entry, draft.Kind, draft.Paragraph, UnitWeight(draft.Positions!), CommonMask(draft.Positions!), draft.Text);
        }

        Units = units;
        Searcher = new IndexSearcher(reader) { Similarity = Similarity };

        // Each field's terms with their postings located once, so a question never walks the term dictionary.
        termContexts = FieldNames.Select((field, kind) => Contexts(field, fieldTerms[kind])).ToArray();
        partContexts = FieldNames.Select((field, kind) => Contexts(field + PartSuffix, partTerms[kind])).ToArray();
        QueryAnalyzer = new DutchKnowledgeAnalyzer(Resources, BuildCorrector(knowledge, Resources, Weights));
    }

    public KnowledgeBase Knowledge { get; }

    public AnalysisResources Resources { get; }

    /// <summary>The chain the knowledge is indexed with.</summary>
    public DutchKnowledgeAnalyzer IndexAnalyzer { get; }

    /// <summary>The same chain with typo tolerance, for questions.</summary>
    public DutchKnowledgeAnalyzer QueryAnalyzer { get; }

    public TermWeights Weights { get; }

    public TermWeightSimilarity Similarity { get; }

    /// <summary>The units by Lucene document id.</summary>
    public IReadOnlyList<Unit> Units { get; }

    /// <summary>Shared by every thread.</summary>
    public IndexSearcher Searcher { get; }

    private static FieldType UnitFieldType { get; } = CreateFieldType();

    public static string FieldOf(UnitKind kind) => FieldNames[(int)kind];

    /// <summary>Whether the article's text itself uses <paramref name="term"/> (as a word, not a compound part).</summary>
    public bool InText(string term) => fieldTerms[(int)UnitKind.Text].Contains(term);

    /// <summary>The bit of a common term in <see cref="Unit.CommonTerms"/>, or −1 when the term is not common.</summary>
    public int CommonTermBit(string term) => commonTermBits.TryGetValue(term, out var bit) ? bit : -1;

    /// <summary>
    /// A query for <paramref name="term"/> in the field of <paramref name="kind"/> (or in the compound parts beside
    /// it), or null when no unit there has it.
    /// </summary>
    public TermQuery? TermQuery(UnitKind kind, string term, float boost, bool inParts = false) =>
        (inParts ? partContexts : termContexts)[(int)kind].TryGetValue(term, out var found)
            ? new TermQuery(found.Term, found.Context) { Boost = boost }
            : null;

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        IndexAnalyzer.Dispose();
        QueryAnalyzer.Dispose();
    }

    private static FieldType CreateFieldType()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_ONLY,
        };
        type.Freeze();
        return type;
    }

    private Dictionary<string, (Term Term, TermContext Context)> Contexts(string field, HashSet<string> terms) =>
        terms.ToDictionary(
            term => term,
            term => (new Term(field, term), TermContext.Build(reader.Context, new Term(field, term))),
            StringComparer.Ordinal);

    private ulong CommonMask(List<List<Alternative>> positions)
    {
        var mask = 0UL;
        foreach (var alternative in positions.SelectMany(p => p))
        {
            if (commonTermBits.TryGetValue(alternative.Term, out var bit))
            {
                mask |= 1UL << bit;
            }
        }

        return mask;
    }

    private float UnitWeight(List<List<Alternative>> positions)
    {
        // A position is worth its best word or synonym (its parts only when it has nothing else); a repeated
        // position counts once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0f;
        foreach (var position in positions)
        {
            var main = position.Where(a => a.Origin != Origin.Part).ToList();
            var counted = main.Count > 0 ? main : position;
            var key = string.Join('/', counted.Select(a => a.Term).Order(StringComparer.Ordinal));
            if (seen.Add(key))
            {
                total += counted.Max(a => Weights.Of(a.Term));
            }
        }

        return total;
    }

    private static IEnumerable<DraftUnit> DraftUnits(KnowledgeBase knowledge)
    {
        for (var e = 0; e < knowledge.Entries.Count; e++)
        {
            var entry = knowledge.Entries[e];
            var phrasings = new HashSet<string>(StringComparer.Ordinal);
            foreach (var phrasing in entry.Variants.Prepend(entry.Question))
            {
                if (phrasings.Add(TextNormalizer.ForComparison(phrasing)))
                {
                    yield return new DraftUnit(e, UnitKind.Question, -1, phrasing);
                }
            }

            if (entry.Kind == EntryKind.Section)
            {
                yield return new DraftUnit(e, UnitKind.Title, -1, entry.Title);
            }
            else if (phrasings.Add(TextNormalizer.ForComparison(entry.Title)))
            {
                yield return new DraftUnit(e, UnitKind.Question, -1, entry.Title);
            }

            foreach (var keyword in entry.Keywords)
            {
                yield return new DraftUnit(e, UnitKind.Keyword, -1, keyword);
            }

            for (var p = 0; p < entry.Paragraphs.Count; p++)
            {
                yield return new DraftUnit(e, UnitKind.Text, p, entry.Paragraphs[p]);
            }
        }
    }

    private static SpellingCorrector BuildCorrector(KnowledgeBase knowledge, AnalysisResources resources, TermWeights weights)
    {
        // Typos are corrected towards the words people and the article use for this topic, most frequent first.
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string text)
        {
            foreach (var word in SurfaceAnalyzer.Tokens(text))
            {
                targets[word] = targets.GetValueOrDefault(word) + 1;
            }
        }

        foreach (var entry in knowledge.Entries)
        {
            Count(entry.Title);
            Count(entry.Question);
            entry.Variants.ToList().ForEach(Count);
            entry.Keywords.ToList().ForEach(Count);
            entry.Paragraphs.ToList().ForEach(Count);
        }

        var lexicon = knowledge.Lexicon;
        foreach (var rule in lexicon.Synonyms)
        {
            rule.Words.Concat(rule.Means).ToList().ForEach(Count);
        }

        lexicon.CompoundParts.Concat(lexicon.CoreTerms).Concat(lexicon.TopicTerms).ToList().ForEach(Count);

        var known = lexicon.ShopTerms.Concat(lexicon.NutrientTerms).Concat(lexicon.ServiceTerms).Concat(lexicon.PharmacyTerms)
            .Concat(lexicon.PharmacyActTerms).Concat(lexicon.KnownWords).Concat(DutchStopWords.Words)
            .SelectMany(SurfaceAnalyzer.Tokens);
        var stems = new HashSet<string>(weights.Terms, StringComparer.Ordinal);
        return new SpellingCorrector(targets, known, stems, resources.Splitter);
    }

    private sealed class DraftUnit(int entry, UnitKind kind, int paragraph, string text)
    {
        public int Entry { get; } = entry;

        public UnitKind Kind { get; } = kind;

        public int Paragraph { get; } = paragraph;

        public string Text { get; } = text;

        public List<List<Alternative>>? Positions { get; set; }
    }
}
