using B12Bot.Knowledge.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Knowledge.Search;

/// <summary>Where a token at a position comes from.</summary>
internal enum Origin
{
    /// <summary>A word as written (maybe corrected, stemmed).</summary>
    Word,

    /// <summary>The article's word for it, from the lexicon.</summary>
    Synonym,

    /// <summary>A part of a compound word.</summary>
    Part,
}

/// <summary>One token at a position.</summary>
internal readonly record struct Alternative(string Term, Origin Origin, bool Corrected);

/// <summary>A text after our analysis: its positions, each with the tokens stacked there.</summary>
internal static class AnalyzedText
{
    public static List<List<Alternative>> Read(Analyzer analyzer, string text, int maxPositions) =>
        Read(analyzer, text, maxPositions, null);

    /// <summary>
    /// The positions, and in <paramref name="spans"/> (when given) where each position's first token stands in the
    /// text with its spelling fixed (<see cref="SurfaceAnalyzer.FixSpelling"/>): the word as it was written.
    /// </summary>
    public static List<List<Alternative>> Read(Analyzer analyzer, string text, int maxPositions, List<(int Start, int End)>? spans)
    {
        var positions = new List<List<Alternative>>();
        using var stream = analyzer.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = spans is null ? null : stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var flags = stream.AddAttribute<IFlagsAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0 || positions.Count == 0)
            {
                if (positions.Count == maxPositions)
                {
                    break;
                }

                positions.Add([]);
                spans?.Add((offset!.StartOffset, offset.EndOffset));
            }

            var origin = type.Type switch
            {
                TokenTypes.Synonym => Origin.Synonym,
                TokenTypes.Part => Origin.Part,
                _ => Origin.Word,
            };
            var alternative = new Alternative(term.ToString(), origin, (flags.Flags & TokenTypes.CorrectedFlag) != 0);
            var current = positions[^1];
            if (!current.Exists(a => a.Term == alternative.Term))
            {
                current.Add(alternative);
            }
        }

        stream.End();
        return positions;
    }
}
