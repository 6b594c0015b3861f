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

    private readonly Lucene.Net.Store.Directory directory;
    private readonly DirectoryReader reader;
    private readonly HashSet<string>[] fieldTerms;
    private readonly HashSet<string>[] partTerms;
    private readonly Dictionary<string, (Term Term, TermContext Context)>[] termContexts;
    private readonly Dictionary<string, (Term Term, TermContext Context)>[] partContexts;

    private readonly Dictionary<string, int> commonTermBits;

    public KnowledgeIndex(KnowledgeBase knowledge, float unknownWeight, float commonTermWeight)
        : this(knowledge, unknownWeight, commonTermWeight, location: null)
    {
    }

    /// <param name="knowledge">The knowledge to index.</param>
    /// <param name="unknownWeight">The weight of a term no entry uses.</param>
    /// <param name="commonTermWeight">Terms weighing less are counted from bit masks, not searched.</param>
    /// <param name="location">
    /// Where the index is kept between starts (null: built in memory at every start). A stored index of the same
    /// knowledge, analysis and settings is opened as it is; a missing, partial or damaged one is built (again).
    /// </param>
    public KnowledgeIndex(KnowledgeBase knowledge, float unknownWeight, float commonTermWeight, KnowledgeIndexLocation? location)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        Knowledge = knowledge;

        // The analysis resources are built on another thread while a stored index is opened and its terms located:
        // at start-up the two take about as long. Building an index waits for them.
        var resourcesBuilt = Task.Factory.StartNew(() => AnalysisResources.Build(knowledge.Lexicon), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        DutchKnowledgeAnalyzer? indexAnalyzer = null;
        DutchKnowledgeAnalyzer Analyzer() => indexAnalyzer ??= new DutchKnowledgeAnalyzer(resourcesBuilt.GetAwaiter().GetResult());

        // The units are drafted (which folds every phrasing to drop repeats) only when the index is built.
        IndexData Build(Lucene.Net.Store.Directory target) => BuildIndex(target, knowledge, resourcesBuilt.GetAwaiter().GetResult(), Analyzer(), DraftUnits(knowledge).ToList(), unknownWeight, commonTermWeight);
        IndexData data;
        if (location is null)
        {
            directory = new RAMDirectory();
            data = Build(directory);
            Source = KnowledgeIndexSource.InMemory;
        }
        else
        {
            var name = KnowledgeIndexStore.FolderName(location.Key, unknownWeight, commonTermWeight);
            (directory, data, Source) = KnowledgeIndexStore.OpenOrBuild(location.Folder, name, knowledge, Build);
        }

        Weights = new TermWeights(data.Weights, knowledge.Entries.Count, unknownWeight);
        Similarity = new TermWeightSimilarity(Weights);
        commonTermBits = CommonTermBits(Weights, commonTermWeight);

        reader = DirectoryReader.Open(directory);
        if (reader.MaxDoc != data.Units.Length)
        {
            reader.Dispose();
            directory.Dispose();
            throw new InvalidDataException("The knowledge index does not match its unit data.");
        }

        Units = data.Units
            .Select(u => new Unit(u.Entry, (UnitKind)u.Kind, u.Paragraph, u.Weight, u.CommonTerms, TextOf(knowledge.Entries[u.Entry], (UnitKind)u.Kind, u.Source) ?? string.Empty))
            .ToArray();
        // Each field's terms with their postings located once, so a question never walks the term dictionary.
        fieldTerms = FieldNames.Select(field => IndexedTerms(reader, field)).ToArray();
        partTerms = FieldNames.Select(field => IndexedTerms(reader, field + PartSuffix)).ToArray();
        termContexts = FieldNames.Select((field, kind) => Contexts(field, fieldTerms[kind])).ToArray();
        partContexts = FieldNames.Select((field, kind) => Contexts(field + PartSuffix, partTerms[kind])).ToArray();
        var contextsByField = FieldNames.Select((field, kind) => (field, termContexts[kind]))
            .Concat(FieldNames.Select((field, kind) => (field + PartSuffix, partContexts[kind])))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        Searcher = new KnowledgeSearcher(reader, Weights, term =>
            contextsByField.TryGetValue(term.Field, out var byTerm) && byTerm.TryGetValue(term.Text, out var found) ? found.Context : null, Units) { Similarity = Similarity };
        Resources = resourcesBuilt.GetAwaiter().GetResult();
        IndexAnalyzer = Analyzer();
        QueryAnalyzer = new DutchKnowledgeAnalyzer(Resources, BuildCorrector(knowledge.Lexicon, data.Targets, Weights, Resources, knowledge.Vocabulary));
    }

    /// <summary>Whether the index was built in memory, built and stored, opened from a stored one, or stored again after a damaged one.</summary>
    public KnowledgeIndexSource Source { get; }

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

    /// <summary>
    /// The kind of the units that hold the terms of <paramref name="field"/> (a kind's own field, or the compound
    /// parts beside it), or −1 for any other field. A document holds the terms of its own kind only.
    /// </summary>
    public static int KindOfField(string field) => field switch
    {
        "question" or "question" + PartSuffix => (int)UnitKind.Question,
        "title" or "title" + PartSuffix => (int)UnitKind.Title,
        "keyword" or "keyword" + PartSuffix => (int)UnitKind.Keyword,
        "text" or "text" + PartSuffix => (int)UnitKind.Text,
        _ => -1,
    };

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

    /// <summary>
    /// Analyses every unit, weighs the terms, writes one document per unit to <paramref name="target"/> and returns
    /// what the index needs beside Lucene's files (kept with them when the index is stored).
    /// </summary>
    private static IndexData BuildIndex(
        Lucene.Net.Store.Directory target, KnowledgeBase knowledge, AnalysisResources resources, DutchKnowledgeAnalyzer analyzer, List<DraftUnit> drafts, float unknownWeight, float commonTermWeight)
    {
        var phrasingTerms = knowledge.Entries.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var textTerms = knowledge.Entries.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToList();
        var positions = new List<List<Alternative>>[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            positions[i] = AnalyzedText.Read(analyzer, draft.Text, MaxPositionsPerUnit);
            var terms = (draft.Kind == UnitKind.Text ? textTerms : phrasingTerms)[draft.Entry];
            foreach (var position in positions[i])
            {
                foreach (var alternative in position)
                {
                    terms.Add(alternative.Term);
                }
            }
        }

        var weights = new TermWeights(phrasingTerms, textTerms, unknownWeight, new HashSet<string>(
            resources.Categories.All.Where(c => c.Coverage == CategoryCoverage.Covered).SelectMany(c => resources.Categories.Terms(c.Name)),
            StringComparer.Ordinal));
        var bits = CommonTermBits(weights, commonTermWeight);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new TermWeightSimilarity(weights),
        };
        using (var writer = new IndexWriter(target, config))
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var main = new List<string>();
                var parts = new List<string>();
                foreach (var position in positions[i])
                {
                    foreach (var alternative in position)
                    {
                        (alternative.Origin == Origin.Part ? parts : main).Add(alternative.Term);
                    }
                }

                var field = FieldNames[(int)drafts[i].Kind];
                writer.AddDocument(new Document
                {
                    new Field(field, new TermListTokenStream(main), UnitFieldType),
                    new Field(field + PartSuffix, new TermListTokenStream(parts), UnitFieldType),
                    new StoredField(UnitField, i),
                });
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        using var built = DirectoryReader.Open(target);
        var units = new UnitData[built.MaxDoc];
        for (var doc = 0; doc < built.MaxDoc; doc++)
        {
            var i = built.Document(doc).GetField(UnitField).GetInt32Value()!.Value;
            var draft = drafts[i];
            units[doc] = new UnitData(draft.Entry, (byte)draft.Kind, draft.Paragraph, draft.Source, UnitWeight(positions[i], weights), CommonMask(positions[i], bits));
        }

        return new IndexData(units, weights.All.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), CorrectionTargets(knowledge));
    }

    /// <summary>
    /// The few terms nearly every entry uses ("b12", "tekort", "vitamine") match hundreds of units and say little:
    /// they are not searched but counted from a bit mask on each unit that a search for the other terms finds.
    /// </summary>
    private static Dictionary<string, int> CommonTermBits(TermWeights weights, float commonTermWeight) =>
        weights.Terms
            .Where(t => weights.Of(t) < commonTermWeight)
            .OrderBy(weights.Of)
            .ThenBy(t => t, StringComparer.Ordinal)
            .Take(MaxCommonTerms)
            .Select((term, bit) => (term, bit))
            .ToDictionary(p => p.term, p => p.bit, StringComparer.Ordinal);

    private static HashSet<string> IndexedTerms(IndexReader reader, string field)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return result;
        }

        var iterator = terms.GetEnumerator();
        while (iterator.MoveNext())
        {
            result.Add(iterator.Term.Utf8ToString());
        }

        return result;
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

    private static ulong CommonMask(List<List<Alternative>> positions, Dictionary<string, int> commonTermBits)
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

    private static float UnitWeight(List<List<Alternative>> positions, TermWeights weights)
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
                total += counted.Max(a => weights.Of(a.Term));
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
            for (var source = 0; source <= entry.Variants.Count; source++)
            {
                var phrasing = source == 0 ? entry.Question : entry.Variants[source - 1];
                if (phrasings.Add(TextNormalizer.ForComparison(phrasing)))
                {
                    yield return new DraftUnit(e, UnitKind.Question, -1, source, phrasing);
                }
            }

            if (entry.Kind == EntryKind.Section)
            {
                yield return new DraftUnit(e, UnitKind.Title, -1, TitleSource, entry.Title);
            }
            else if (phrasings.Add(TextNormalizer.ForComparison(entry.Title)))
            {
                yield return new DraftUnit(e, UnitKind.Question, -1, TitleSource, entry.Title);
            }

            for (var k = 0; k < entry.Keywords.Count; k++)
            {
                yield return new DraftUnit(e, UnitKind.Keyword, -1, k, entry.Keywords[k]);
            }

            for (var p = 0; p < entry.Paragraphs.Count; p++)
            {
                yield return new DraftUnit(e, UnitKind.Text, p, p, entry.Paragraphs[p]);
            }
        }
    }

    /// <summary>Typos are corrected towards the words people and the article use for this topic, most frequent first.</summary>
    private static Dictionary<string, int> CorrectionTargets(KnowledgeBase knowledge)
    {
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

        // The words of what the article covers are what a typo most likely meant.
        lexicon.CompoundParts
            .Concat(lexicon.Categories.Where(c => c.Coverage == CategoryCoverage.Covered).SelectMany(c => c.Words))
            .ToList().ForEach(Count);
        return targets;
    }

    private static SpellingCorrector BuildCorrector(
        Lexicon lexicon, IReadOnlyDictionary<string, int> targets, TermWeights weights, AnalysisResources resources, Vocabulary vocabulary)
    {
        // A word of what the article never covers is a word of its own, never a typo of one the article uses.
        var known = lexicon.Categories.Where(c => c.Coverage == CategoryCoverage.NotCovered).SelectMany(c => c.Words)
            .Concat(lexicon.KnownWords).Concat(DutchStopWords.Words)
            .SelectMany(SurfaceAnalyzer.Tokens);
        var stems = new HashSet<string>(weights.Terms, StringComparer.Ordinal);
        return new SpellingCorrector(targets, known, stems, resources.Splitter, word => vocabulary.Contains(word));
    }

    /// <summary>
    /// The text of a unit from where it comes in its entry (<paramref name="source"/>): a phrasing (0 the question,
    /// 1… the variants), a keyword or a paragraph by its index, or the title (<see cref="TitleSource"/>).
    /// </summary>
    internal static string? TextOf(KnowledgeEntry entry, UnitKind kind, int source) => (kind, source) switch
    {
        (UnitKind.Title, TitleSource) or (UnitKind.Question, TitleSource) => entry.Title,
        (UnitKind.Question, 0) => entry.Question,
        (UnitKind.Question, > 0) when source <= entry.Variants.Count => entry.Variants[source - 1],
        (UnitKind.Keyword, >= 0) when source < entry.Keywords.Count => entry.Keywords[source],
        (UnitKind.Text, >= 0) when source < entry.Paragraphs.Count => entry.Paragraphs[source],
        _ => null,
    };

    private const int TitleSource = -1;

    private sealed class DraftUnit(int entry, UnitKind kind, int paragraph, int source, string text)
    {
        public int Source { get; } = source;

        public int Entry { get; } = entry;

        public UnitKind Kind { get; } = kind;

        public int Paragraph { get; } = paragraph;

        public string Text { get; } = text;
    }
}
