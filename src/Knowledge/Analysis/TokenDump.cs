using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Shows what an analyzer makes of a text, one position after another, stacked tokens joined by "/":
/// "maagverkleining en b12" → "maagverkleining/maagoperatie/bypass/maag/verklein b12". For tests and the eval tool.
/// </summary>
internal static class TokenDump
{
    public static string Describe(Analyzer analyzer, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var builder = new StringBuilder();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        var flags = stream.AddAttribute<IFlagsAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (builder.Length > 0)
            {
                builder.Append(position.PositionIncrement == 0 ? '/' : ' ');
            }

            builder.Append(term.ToString());
            if ((flags.Flags & TokenTypes.CorrectedFlag) != 0)
            {
                builder.Append('~');
            }
        }

        stream.End();
        return builder.ToString();
    }
}
