using B12Bot.Knowledge.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace B12Bot.Knowledge.Decision;

/// <summary>
/// The index terms of each entry (in any of its units and fields, compound parts included), read once from the
/// index: how much of a question's focus an entry covers, for the ranking and the answer decision.
/// </summary>
internal sealed class EntryTerms
{
    private readonly HashSet<string>[] terms;

    private EntryTerms(HashSet<string>[] terms) => this.terms = terms;

    public static EntryTerms Read(IndexReader reader, IReadOnlyList<Unit> units, int entries)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(units);
        var terms = Enumerable.Range(0, entries).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var fields = MultiFields.GetFields(reader);
        if (fields is null)
        {
            return new EntryTerms(terms);
        }

        var live = MultiFields.GetLiveDocs(reader);
        DocsEnum? docs = null;
        foreach (var field in fields)
        {
            var iterator = MultiFields.GetTerms(reader, field)?.GetEnumerator();
            while (iterator is not null && iterator.MoveNext())
            {
                var term = iterator.Term.Utf8ToString();
                docs = iterator.Docs(live, docs, DocsFlags.NONE);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    if (doc < units.Count)
                    {
                        terms[units[doc].Entry].Add(term);
                    }
                }
            }
        }

        return new EntryTerms(terms);
    }

    /// <summary>
    /// The share of the plan's known concepts (by weight) the entry has a term of, and how many known concepts it
    /// has none of. A concept the knowledge does not know at all is not counted (the decision sees those apart).
    /// </summary>
    public (float Share, int Missing) Coverage(QueryPlan plan, int entry)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var own = terms[entry];
        float total = 0, covered = 0;
        var missing = 0;
        foreach (var concept in plan.Concepts)
        {
            if (concept.Terms.Count == 0)
            {
                continue;
            }

            total += concept.Weight;
            var has = false;
            foreach (var (term, _) in concept.Terms)
            {
                if (own.Contains(term))
                {
                    has = true;
                    break;
                }
            }

            if (has)
            {
                covered += concept.Weight;
            }
            else
            {
                missing++;
            }
        }

        return (total > 0 ? covered / total : 0, missing);
    }
}
