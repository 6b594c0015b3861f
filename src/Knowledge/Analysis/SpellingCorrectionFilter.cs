using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Analysis;

/// <summary>Replaces an unknown word by its correction (see <see cref="SpellingCorrector"/>) and flags it as corrected.</summary>
internal sealed class SpellingCorrectionFilter : TokenFilter
{
    private readonly SpellingCorrector corrector;
    private readonly Func<string, string> stem;
    private readonly ICharTermAttribute term;
    private readonly IFlagsAttribute flags;

    public SpellingCorrectionFilter(TokenStream input, SpellingCorrector corrector, Func<string, string> stem)
        : base(input)
    {
        this.corrector = corrector;
        this.stem = stem;
        term = AddAttribute<ICharTermAttribute>();
        flags = AddAttribute<IFlagsAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var correction = corrector.Correct(term.ToString(), stem);
        if (correction is not null)
        {
            term.SetEmpty().Append(correction);
            flags.Flags |= TokenTypes.CorrectedFlag;
        }

        return true;
    }
}
