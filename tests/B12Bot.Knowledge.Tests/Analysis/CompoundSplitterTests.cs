using B12Bot.Knowledge.Analysis;

namespace B12Bot.Knowledge.Tests.Analysis;

public sealed class CompoundSplitterTests
{
    private static readonly CompoundSplitter Splitter = new(["maag", "operatie", "voeding", "supplement", "darm", "ziekte", "b12", "tekort", "bloed", "armoede"]);

    [Theory]
    [InlineData("maagoperatie", "maag operatie")]
    [InlineData("voedingssupplement", "voeding supplement")]
    [InlineData("darmziekte", "darm ziekte")]
    [InlineData("b12tekort", "b12 tekort")]
    [InlineData("bloedarmoede", "bloed armoede")]
    [InlineData("maagdarmziekte", "maag darm ziekte")]
    [InlineData("maag", "")]
    [InlineData("operatie", "")]
    [InlineData("maagpijn", "")]
    [InlineData("koningin", "")]
    [InlineData("maags", "")]
    public void Splits_only_words_made_entirely_of_known_parts(string word, string parts)
    {
        Assert.Equal(parts, string.Join(' ', Splitter.Split(word)));
    }
}
