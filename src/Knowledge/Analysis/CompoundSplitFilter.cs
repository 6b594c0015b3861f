using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Keeps each word and stacks its compound parts on the same position, typed <see cref="TokenTypes.Part"/>
/// ("maagoperatie" → maagoperatie | maag | operatie). Synonyms are not split: they are the article's own words.
/// </summary>
internal sealed class CompoundSplitFilter : TokenFilter
{
    private readonly CompoundSplitter splitter;
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute position;
    private readonly ITypeAttribute type;
    private readonly Queue<string> pending = new();
    private State? original;

    public CompoundSplitFilter(TokenStream input, CompoundSplitter splitter)
        : base(input)
    {
        this.splitter = splitter;
        term = AddAttribute<ICharTermAttribute>();
        position = AddAttribute<IPositionIncrementAttribute>();
        type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending.Count > 0)
        {
            RestoreState(original);
            term.SetEmpty().Append(pending.Dequeue());
            position.PositionIncrement = 0;
            type.Type = TokenTypes.Part;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (type.Type != TokenTypes.Synonym)
        {
            var parts = splitter.Split(term.ToString());
            if (parts.Count > 0)
            {
                foreach (var part in parts)
                {
                    pending.Enqueue(part);
                }

                original = CaptureState();
            }
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending.Clear();
        original = null;
    }
}
