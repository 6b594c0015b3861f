using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

public class TextTokensTests
{
    [Theory]
    [InlineData("Vegetariër!", new[] { "vegetarier" })]
    [InlineData("65+ jaar", new[] { "65+", "jaar" })]
    [InlineData("Weet ik niet", new[] { "weet", "ik", "niet" })]
    [InlineData("  ", new string[0])]
    public void A_phrase_splits_into_the_same_words_as_typed_text(string phrase, string[] words)
    {
        Assert.Equal(words, TextTokens.Of(phrase));
        Assert.Equal(words, TextTokens.OfPhrase(phrase));
    }

    [Fact]
    public void A_phrase_is_split_once_and_its_words_reused()
    {
        var first = TextTokens.OfPhrase("maagverkleining of maagoperatie");
        var again = TextTokens.OfPhrase(new string("maagverkleining of maagoperatie".AsSpan()));

        Assert.Same(first, again);
        Assert.Equal(["maagverkleining", "of", "maagoperatie"], again);
    }
}
