using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Drops apostrophes the tokenizer keeps inside words: the plural or possessive "'s" ("ppi's" → "ppi",
/// "topvitamine's" → "topvitamine") and any other apostrophe ("m'n" → "mn"). Runs after accent folding, which has
/// already turned the typographic apostrophe into a plain one.
/// </summary>
internal sealed class ApostropheFilter : TokenFilter
{
    private readonly ICharTermAttribute term;

    public ApostropheFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = term.Buffer;
        var length = term.Length;
        if (length > 2 && buffer[length - 2] == '\'' && buffer[length - 1] == 's')
        {
            length -= 2;
        }

        var write = 0;
        for (var read = 0; read < length; read++)
        {
            if (buffer[read] != '\'')
            {
                buffer[write++] = buffer[read];
            }
        }

        if (write > 0)
        {
            term.Length = write;
        }

        return true;
    }
}
