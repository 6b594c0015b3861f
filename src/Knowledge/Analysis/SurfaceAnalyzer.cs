using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// The front of our Dutch chain, shared by indexing, asking and the lexicon: spelling fixes on the raw text
/// ("B 12", "B-12", "B₁₂" → "b12"; "auto-immuun" → "autoimmuun"), the standard tokenizer, lower case, accent
/// folding (ë → e) and apostrophes. <see cref="Tokens"/> gives the words of a text as the rest of the chain sees them.
/// </summary>
internal static partial class SurfaceAnalyzer
{
    private static readonly Analyzer Shared = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = CreateTokenizer(reader);
        return new TokenStreamComponents(source, CreateFilters(source));
    }, (_, reader) => WrapReader(reader));

    /// <summary>The words of <paramref name="text"/>: lower case, folded, in order.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = Shared.GetTokenStream(string.Empty, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    /// <summary>The character fixes, before tokenizing (offsets then refer to the fixed text; we never highlight).</summary>
    public static TextReader WrapReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Lucene's reusable string reader answers null, not "", for an empty text.
        return new StringReader(FixSpelling(reader.ReadToEnd() ?? string.Empty));
    }

    /// <summary>"B 12" → "b12", "auto-immuun" → "autoimmuun".</summary>
    public static string FixSpelling(string text)
    {
        if (text.Contains("12", StringComparison.Ordinal) || text.Contains('₁', StringComparison.Ordinal))
        {
            text = B12Spelling().Replace(text, "b12");
        }

        if (text.Contains("mmu", StringComparison.OrdinalIgnoreCase))
        {
            text = AutoImmuneSpelling().Replace(text, "auto");
        }

        return text;
    }

    public static Tokenizer CreateTokenizer(TextReader reader) => new StandardTokenizer(LuceneVersion.LUCENE_48, reader);

    /// <summary>Lower case → accent folding → apostrophes.</summary>
    public static TokenStream CreateFilters(TokenStream source)
    {
        TokenStream result = new LowerCaseFilter(LuceneVersion.LUCENE_48, source);
        result = new ASCIIFoldingFilter(result);
        result = new ApostropheFilter(result);
        return result;
    }

    // "B12", "b 12", "B-12", "B‑12", "B₁₂", "vitamine-B12": the vitamin, as one token.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[bB][\s\-‐‑_]{0,2}(?:12|₁₂)(?!\p{N})")]
    private static partial Regex B12Spelling();

    // "auto-immuun", "auto immuun", "Auto-Immuunziekte": one word, so it is not "auto" (a car) plus "immuun".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[aA][uU][tT][oO][\s\-‐‑]+(?=[iI][mM][mM][uU])")]
    private static partial Regex AutoImmuneSpelling();
}
