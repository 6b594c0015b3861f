using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Search;

/// <summary>Feeds terms our analysis already produced to the index writer, one position each.</summary>
internal sealed class TermListTokenStream : TokenStream
{
    private readonly IReadOnlyList<string> terms;
    private readonly ICharTermAttribute term;
    private int next;

    public TermListTokenStream(IReadOnlyList<string> terms)
    {
        this.terms = terms;
        term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (next >= terms.Count)
        {
            return false;
        }

        ClearAttributes();
        term.SetEmpty().Append(terms[next++]);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        next = 0;
    }
}
