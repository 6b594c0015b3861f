using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge;

/// <summary>
/// Answers Dutch questions from the knowledge with one Lucene index, built once (see <see cref="KnowledgeIndex"/>).
/// A question is analysed by our Dutch chain; the query is built from those analysed terms only (never parsed), so
/// no input can break it. The decision has three outcomes, from calibrated scores: an answer (the entry and, for a
/// section, its best-matching paragraphs), a clarification when the best two or three are close, or no match when
/// the question is not about the article's topic or nothing fits well enough. Thread-safe: one instance serves all.
/// </summary>
public sealed class LuceneAnswerer : IAnswerer, IDisposable
{
    private const int MaxAlternatives = 3;
    private const float MinPassageMatch = 0.2f;
    private const int MaxCandidates = 5;

    private readonly KnowledgeBase knowledge;
    private readonly AnswererOptions options;
    private readonly KnowledgeIndex index;
    private readonly QueryPlanner planner;
    private readonly Dictionary<int, int> exactQuestions;
    private readonly Dictionary<string, int> exactCollisions;
    private readonly IReadOnlyList<KnowledgeEntry>[] related;
    private readonly Lazy<Decision.EntryTerms> entryTerms;

    /// <summary>Collectors not in use: as many as questions were searched at once, each cleared after its question.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<EntryCollector> idleCollectors = [];

    /// <param name="knowledge">The knowledge to answer from.</param>
    /// <param name="options">Weights and thresholds (defaults when null).</param>
    /// <param name="indexLocation">Where the index is kept between starts; null builds it in memory.</param>
    public LuceneAnswerer(KnowledgeBase knowledge, AnswererOptions? options = null, KnowledgeIndexLocation? indexLocation = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        this.knowledge = knowledge;
        this.options = options ?? new AnswererOptions();
        index = new KnowledgeIndex(knowledge, this.options.UnknownWeight, this.options.CommonTermWeight, indexLocation);
        planner = new QueryPlanner(index, this.options, knowledge.Vocabulary, knowledge.EnglishWords);

        // A button shows an entry's question; when it comes back, it is that entry, whatever the scores say.
        // Kept by the hash of the folded phrasing, not the phrasing itself (the grown knowledge has hundreds of
        // thousands): a hit is confirmed against the entry's own phrasings, and a phrasing whose hash an other
        // phrasing holds is kept whole. The first entry with a phrasing keeps it.
        exactQuestions = [];
        exactCollisions = new Dictionary<string, int>(StringComparer.Ordinal);
        var own = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < knowledge.Entries.Count; e++)
        {
            own.Clear();
            foreach (var phrasing in Phrasings(knowledge.Entries[e]))
            {
                var folded = TextNormalizer.ForComparison(phrasing);
                var hash = string.GetHashCode(folded, StringComparison.Ordinal);
                if (own.Add(folded) && !exactQuestions.TryAdd(hash, e) && !HasPhrasing(exactQuestions[hash], folded))
                {
                    exactCollisions.TryAdd(folded, e);
                }
            }
        }

        entryTerms = new(() => Decision.EntryTerms.Read(index.Searcher.IndexReader, index.Units, knowledge.Entries.Count));
        related = knowledge.Entries
            .Select(e => (IReadOnlyList<KnowledgeEntry>)e.Related
                .Select(id => knowledge.TryGet(id, out var r) ? r : null)
                .OfType<KnowledgeEntry>()
                .Take(MaxAlternatives)
                .ToList())
            .ToArray();
    }

    public KnowledgeBase Knowledge => knowledge;

    /// <summary>From how many units (documents) an index counts as large: its searches' work arrays are megabytes each.</summary>
    public const int LargeIndexUnits = 64 * 1024;

    /// <summary>How many units (documents) the index holds: what the cost of a search and its memory grow with.</summary>
    public int IndexedUnits => index.Units.Count;

    /// <summary>Whether the index holds at least <see cref="LargeIndexUnits"/> units (the shipped knowledge has a few hundred).</summary>
    public bool HasLargeIndex => IndexedUnits >= LargeIndexUnits;

    private static IEnumerable<string> Phrasings(KnowledgeEntry entry) => entry.Variants.Prepend(entry.Title).Prepend(entry.Question);

    private bool HasPhrasing(int entry, string folded) =>
        Phrasings(knowledge.Entries[entry]).Any(p => string.Equals(TextNormalizer.ForComparison(p), folded, StringComparison.Ordinal));

    /// <summary>The entry that has <paramref name="folded"/> as its question, title or a variant (the first such), or null.</summary>
    private int? ExactQuestion(string folded) =>
        exactQuestions.TryGetValue(string.GetHashCode(folded, StringComparison.Ordinal), out var entry) && HasPhrasing(entry, folded) ? entry
        : exactCollisions.TryGetValue(folded, out var collided) ? collided
        : null;

    public Answer Ask(string? question) => Evaluate(question).Answer;

    public void Dispose() => index.Dispose();

    /// <summary>What the question analysis makes of a text (for the evaluation tool and tests).</summary>
    internal string DescribeAnalysis(string text) => Analysis.TokenDump.Describe(index.QueryAnalyzer, text);

    /// <summary>The answer with how it was reached (for the evaluation tool and tests).</summary>
    internal AnswerTrace Evaluate(string? question) => Evaluate(question, knowledge.Decision);

    /// <summary>
    /// The answer with how it was reached, decided by <paramref name="decision"/> (the learned decision; null: the
    /// hand-set thresholds). The trace carries the decision's features whenever an entry was found, for training.
    /// </summary>
    internal AnswerTrace Evaluate(string? question, Decision.DecisionModel? decision, bool training = false)
    {
        var trace = Decide(question, decision, training);
        return trace.Plan is { InEnglish: true } ? trace with { Answer = trace.Answer with { InEnglish = true } } : trace;
    }

    private AnswerTrace Decide(string? question, Decision.DecisionModel? decision, bool training)
    {
        var text = Prepare(question);
        if (text.Length == 0)
        {
            return AnswerTrace.Nothing("empty");
        }

        if (ExactQuestion(TextNormalizer.ForComparison(text)) is { } exact)
        {
            return new AnswerTrace(AnswerFor(exact, [], null, 1f), null, [], "exact question");
        }

        var plan = planner.Plan(text);

        // A story: its question sentence is also read alone. The pharmacy named in the story ("de apotheker vroeg …")
        // does not make its question one for the pharmacy.
        var questionSentence = Decision.DecisionFeatures.QuestionSentence(text);
        var questionPlan = questionSentence is null ? null : planner.Plan(questionSentence);
        var contextOnly = questionPlan is not null && plan.OffTopicReason is "shop" or "service"
            && questionPlan.OffTopicReason != plan.OffTopicReason;
        var handReason = contextOnly ? null : plan.OffTopicReason;
        if (handReason is { } reason && ((decision is null && !training) || !plan.OffTopicLearned))
        {
            // The shop and care services have a reply of their own (ask the pharmacy); nothing is named there.
            return AnswerTrace.Nothing(reason, plan, name: reason is not ("shop" or "service"));
        }

        var collector = Search(plan);
        if (collector is null)
        {
            return AnswerTrace.Nothing("no-term-matches", plan, name: handReason is not ("shop" or "service"));
        }

        try
        {
            return Decide(text, plan, questionPlan, handReason, collector, decision, training);
        }
        finally
        {
            Release(collector);
        }
    }

    private AnswerTrace Decide(string text, QueryPlan plan, QueryPlan? questionPlan, string? handReason, EntryCollector collector, Decision.DecisionModel? decision, bool training)
    {
        // The best entries (score, then entry order); empty when none matched.
        var ranking = collector.Ranking;
        var top = ranking.Take(5).Select(e => (knowledge.Entries[e].Id, collector.EntryScores[e], index.Units[collector.EntryUnits[e]])).ToList();
        var threshold = plan.HasCore ? options.AnswerThreshold : options.TopicOnlyThreshold;
        if (ranking.Count == 0)
        {
            return AnswerTrace.Nothing("below-threshold", plan, top, name: handReason is not ("shop" or "service"));
        }

        var (questionBest, questionAgrees, aloneEntry) = (collector.EntryScores[ranking[0]], true, ranking[0]);
        if (questionPlan is not null)
        {
            var alone = questionPlan.OffTopicReason is null ? Search(questionPlan) : null;

            // The first entry with the highest score (the first of all when none scored).
            var bestAlone = alone is null ? -1 : alone.Ranking.Count > 0 ? alone.Ranking[0] : 0;
            questionBest = bestAlone < 0 ? 0f : alone!.EntryScores[bestAlone];
            questionAgrees = bestAlone == ranking[0];
            aloneEntry = bestAlone;
            if (alone is not null)
            {
                Release(alone);
            }
        }

        var features = Features(text, plan, questionPlan, ranking, collector, threshold, questionBest, questionAgrees, handReason);
        var probability = decision?.Probability(features) ?? float.NaN;
        var answerFrom = decision?.AnswerFrom ?? 0f;
        var candidates = decision?.Ranker is not null || training ? Candidates(features, plan, ranking, collector, aloneEntry) : null;

        // The learned ranking, when there is one, answers the candidate it rates highest (the first of equals).
        var chosen = ranking[0];
        if (decision?.Ranker is { } ranker && candidates is not null)
        {
            var highest = float.NegativeInfinity;
            for (var k = 0; k < candidates.Length; k++)
            {
                var p = ranker.Probability(candidates[k]);
                if (p > highest)
                {
                    (highest, chosen) = (p, ranking[k]);
                }
            }

            if (decision.RankerDecides)
            {
                (probability, answerFrom) = (highest, ranker.AnswerFrom);
            }
        }

        if (decision is null ? collector.EntryScores[ranking[0]] < threshold : probability < answerFrom)
        {
            return AnswerTrace.Nothing(decision is null ? "below-threshold" : "decision", plan, top, name: handReason is not ("shop" or "service")) with
            {
                Features = features,
                Candidates = candidates,
                Candidate = knowledge.Entries[chosen].Id,
                Probability = probability,
            };
        }

        var best = collector.EntryScores[ranking[0]];
        var close = ranking.Where(e => collector.EntryScores[e] >= best * options.ClarifyRatio).Take(MaxAlternatives).ToList();
        if (close.Count >= 2 && best < options.SureThreshold && !AllRelated(chosen, close))
        {
            var clarify = new Answer
            {
                Outcome = AnswerOutcome.Clarify,
                Score = best,
                Alternatives = close.Select(e => knowledge.Entries[e]).ToList(),
            };
            return new AnswerTrace(clarify, plan, top, "close")
            {
                Features = features,
                Candidates = candidates,
                Candidate = knowledge.Entries[chosen].Id,
                Probability = probability,
            };
        }

        return new AnswerTrace(AnswerFor(chosen, collector.TextMatches, collector.EntryUnits[chosen], collector.EntryScores[chosen]), plan, top, "answer")
        {
            Features = features,
            Candidates = candidates,
            Candidate = knowledge.Entries[chosen].Id,
            Probability = probability,
        };
    }

    private float[] Features(
        string text, QueryPlan plan, QueryPlan? questionPlan, IReadOnlyList<int> ranking, EntryCollector collector, float threshold, float questionBest, bool questionAgrees, string? handReason)
    {
        var scores = collector.EntryScores;
        var best = ranking[0];
        var (covered, missing) = entryTerms.Value.Coverage(plan, best);
        return Decision.DecisionFeatures.Compute(new Decision.DecisionInput(
            text,
            plan,
            scores[best],
            ranking.Count > 1 ? scores[ranking[1]] : 0f,
            ranking.Count > 2 ? scores[ranking[2]] : 0f,
            index.Units[collector.EntryUnits[best]].Kind,
            knowledge.Entries[best].Kind,
            threshold,
            plan.Words,
            plan.EnglishWords,
            questionBest,
            questionAgrees,
            knowledge.Lexicon,
            (questionPlan ?? plan).CategoryCounts,
            handReason,
            covered,
            missing));
    }

    /// <summary>The learned ranking's features of each of the best entries (at most <see cref="MaxCandidates"/>), in rank order.</summary>
    private float[][] Candidates(float[] question, QueryPlan plan, IReadOnlyList<int> ranking, EntryCollector collector, int aloneEntry)
    {
        var scores = collector.EntryScores;
        var first = knowledge.Entries[ranking[0]];
        var firstCovered = entryTerms.Value.Coverage(plan, ranking[0]).Share;
        var candidates = new float[Math.Min(MaxCandidates, ranking.Count)][];
        for (var k = 0; k < candidates.Length; k++)
        {
            var entry = knowledge.Entries[ranking[k]];
            candidates[k] = Decision.DecisionFeatures.Candidate(
                question,
                k,
                scores[ranking[k]],
                scores[ranking[0]],
                index.Units[collector.EntryUnits[ranking[k]]].Kind,
                entry.Kind,
                ranking[k],
                aloneEntry == ranking[k],
                k > 0 && (first.Related.Contains(entry.Id) || entry.Related.Contains(first.Id)),
                entryTerms.Value.Coverage(plan, ranking[k]),
                firstCovered);
        }

        return candidates;
    }

    /// <summary>
    /// Whether every close runner-up is linked to the best entry (either way): then they answer the same thing
    /// (faq-07 and "maagoperaties") and the best is answered, with the others among its follow-ups.
    /// </summary>
    private bool AllRelated(int best, List<int> close)
    {
        var bestEntry = knowledge.Entries[best];
        foreach (var other in close)
        {
            if (other == best)
            {
                continue;
            }

            var otherEntry = knowledge.Entries[other];
            if (!bestEntry.Related.Contains(otherEntry.Id) && !otherEntry.Related.Contains(bestEntry.Id))
            {
                return false;
            }
        }

        return true;
    }

    private string Prepare(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return string.Empty;
        }

        var text = question.Trim();
        if (text.Length > options.MaxQuestionLength)
        {
            var cut = text.LastIndexOf(' ', options.MaxQuestionLength);
            text = text[..(cut > 0 ? cut : options.MaxQuestionLength)];
        }

        return SearchSyntax.Strip(text);
    }

    private EntryCollector? Search(QueryPlan plan)
    {
        // Concepts of common terms only are counted from the units' bit masks, unless nothing else is asked.
        var common = new List<CommonConcept>();
        var searched = new List<Concept>();
        foreach (var concept in plan.Concepts)
        {
            var bits = concept.Terms.Select(t => (Bit: index.CommonTermBit(t.Term), Credit: t.Boost * index.Weights.Of(t.Term))).ToList();
            if (bits.Count > 0 && bits.TrueForAll(b => b.Bit >= 0))
            {
                common.Add(new CommonConcept(bits.Aggregate(0UL, (mask, b) => mask | (1UL << b.Bit)), bits));
            }
            else
            {
                searched.Add(concept);
            }
        }

        if (!searched.Exists(c => c.Terms.Count > 0))
        {
            searched = [.. plan.Concepts];
            common.Clear();
        }

        var query = new BooleanQuery(disableCoord: true);
        foreach (var concept in searched)
        {
            var alternatives = new DisjunctionMaxQuery(0f);
            var any = false;
            foreach (var (term, boost) in concept.Terms)
            {
                foreach (var kind in UnitKinds)
                {
                    var fieldBoost = EntryCollector.FieldBoost(options, kind) * boost;
                    if (index.TermQuery(kind, term, fieldBoost) is { } termQuery)
                    {
                        alternatives.Add(termQuery);
                        any = true;
                    }

                    if (index.TermQuery(kind, term, fieldBoost * options.PartBoost, inParts: true) is { } partQuery)
                    {
                        alternatives.Add(partQuery);
                        any = true;
                    }
                }
            }

            if (any)
            {
                query.Add(alternatives, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0 || plan.Weight <= 0)
        {
            return null;
        }

        var collector = idleCollectors.TryTake(out var idle) ? idle : new EntryCollector(index.Units, knowledge.Entries.Count, options);
        collector.Start(plan.Weight, common);

        // When the search throws, the collector is left half-filled: it is not reused.
        index.Searcher.Search(query, collector);
        collector.Finish();
        return collector;
    }

    /// <summary>Clears a collector and keeps it for the next question.</summary>
    private void Release(EntryCollector collector)
    {
        collector.Clear();
        idleCollectors.Add(collector);
    }

    private static readonly UnitKind[] UnitKinds = [UnitKind.Question, UnitKind.Title, UnitKind.Keyword, UnitKind.Text];

    private Answer AnswerFor(int entryIndex, IReadOnlyList<(int Doc, float Match)> textMatches, int? bestDoc, float score)
    {
        var entry = knowledge.Entries[entryIndex];
        return new Answer
        {
            Outcome = AnswerOutcome.Answer,
            Entry = entry,
            Passage = Passage(entryIndex, textMatches, bestDoc),
            Score = score,
            Related = related[entryIndex],
        };
    }

    private IReadOnlyList<string> Passage(int entryIndex, IReadOnlyList<(int Doc, float Match)> textMatches, int? bestDoc)
    {
        var entry = knowledge.Entries[entryIndex];
        if (entry.Kind == EntryKind.Faq || entry.Paragraphs.Count == 1)
        {
            return entry.Paragraphs;
        }

        // The entry's matched paragraphs (each paragraph is one unit, so their order does not matter below).
        var matches = textMatches
            .Where(t => index.Units[t.Doc].Entry == entryIndex)
            .Select(t => (index.Units[t.Doc].Paragraph, t.Match))
            .ToList();
        var bestMatch = matches.Count == 0 ? 0f : matches.Max(m => m.Match);
        var answeredByText = bestDoc is { } doc && index.Units[doc].Kind == UnitKind.Text;
        if (bestMatch < MinPassageMatch || (entry.Bulleted && !answeredByText))
        {
            // Nothing in the text stands out (the question matched the heading or a phrasing): a list is shown
            // whole, prose from its opening paragraph.
            return entry.Bulleted ? entry.Paragraphs : [entry.Paragraphs[0]];
        }

        var limit = entry.Bulleted ? MaxAlternatives : options.MaxPassageParagraphs;
        return matches
            .Where(m => m.Match >= bestMatch * options.PassageRatio)
            .OrderByDescending(m => m.Match)
            .ThenBy(m => m.Paragraph)
            .Take(limit)
            .OrderBy(m => m.Paragraph)
            .Select(m => entry.Paragraphs[m.Paragraph])
            .ToList();
    }
}

/// <summary>An answer with how it was reached: the analysed question, the best entries and the reason.</summary>
internal sealed record AnswerTrace(Answer Answer, QueryPlan? Plan, IReadOnlyList<(string Id, float Score, Unit Unit)> Top, string Reason)
{
    // A longer message, or one with more unknown words, tells more than what it asks: its uncovered word is not named.
    private const int MaxNamedUncovered = 2;
    private const int MaxWordsToName = 12;

    /// <summary>The learned decision's features, when an entry was found.</summary>
    public float[]? Features { get; init; }

    /// <summary>The learned ranking's features of the best entries, in rank order (with a ranking, or when training).</summary>
    public float[][]? Candidates { get; init; }

    /// <summary>The best entry found, answered or not.</summary>
    public string? Candidate { get; init; }

    /// <summary>The learned decision's probability that answering the candidate is right (NaN without it).</summary>
    public float Probability { get; init; } = float.NaN;

    /// <summary>
    /// No answer; when a short question names one or two real words the knowledge does not know, the longest of those
    /// that name a thing is what is not covered ("Over migraine staat niets in ons artikel"; never "Over sneller …").
    /// </summary>
    public static AnswerTrace Nothing(string reason, QueryPlan? plan = null, IReadOnlyList<(string, float, Unit)>? top = null, bool name = true) =>
        new(name && plan is { Uncovered.Count: > 0 and <= MaxNamedUncovered, Words: <= MaxWordsToName }
            && (plan.Subject ?? plan.Nameable.MaxBy(w => w.Length)) is { } subject
            ? new Answer { Outcome = AnswerOutcome.NoMatch, NotCovered = subject }
            : Answer.NoMatch, plan, top ?? [], reason);
}
