using B12Bot.Knowledge.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace B12Bot.Knowledge.Tests.Analysis;

public sealed class QuantityFilterTests
{
    [Theory]
    [InlineData("90 tabletjes", "tabletjes")]
    [InlineData("1000 mcg 60 tabletten", "mcg tabletten")]
    [InlineData("2,5 mg per dag", "mg per dag")]
    [InlineData("12 euro", "euro")]
    [InlineData("moeder van 90", "moeder van 90")]
    [InlineData("80 jaar", "80 jaar")]
    [InlineData("ben 67", "ben 67")]
    [InlineData("70 80 tabletten", "70 tabletten")]
    [InlineData("b12", "b12")]
    [InlineData("", "")]
    public void A_number_that_counts_what_follows_is_dropped(string text, string expected)
    {
        Assert.Equal(expected, Tokens(text));
        Assert.Equal(expected, Tokens(text));
    }

    private static readonly Analyzer Analyzer = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
        return new TokenStreamComponents(source, new QuantityFilter(source));
    });

    private static string Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = Analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return string.Join(' ', tokens);
    }
}
