using B12Bot.Knowledge.Analysis;

namespace B12Bot.Knowledge.Tests.Analysis;

public sealed class SpellingCorrectorTests
{
    private static readonly SpellingCorrector Corrector = new(
        new Dictionary<string, int> { ["pernicieuze"] = 5, ["tekort"] = 9, ["bypass"] = 3, ["vegetarier"] = 2, ["vegetariers"] = 1 },
        ["koning", "winkel"],
        new HashSet<string>(StringComparer.Ordinal) { "tintel" },
        new CompoundSplitter(["maag", "operatie"]));

    [Theory]
    [InlineData("pernicieze", "pernicieuze")]
    [InlineData("pernicuze", "pernicieuze")]
    [InlineData("bipass", "bypass")]
    [InlineData("vegetarir", "vegetarier")]
    [InlineData("tekrot", "tekort")]
    [InlineData("tekrt", null)]
    [InlineData("koning", null)]
    [InlineData("winkel", null)]
    [InlineData("maagoperatie", null)]
    [InlineData("tintels", null)]
    [InlineData("pypass", null)]
    [InlineData("b12b12", null)]
    [InlineData("zzzzzzzz", null)]
    public void Corrects_unknown_words_to_the_nearest_knowledge_word(string word, string? expected)
    {
        Assert.Equal(expected, Corrector.Correct(word, w => w.TrimEnd('s')));
    }

    [Theory]
    [InlineData("verdenking", "verwerking", null)]
    [InlineData("tekorten", "tekort", null)]
    [InlineData("verwerkng", "verwerking", "verwerking")]
    [InlineData("tekrot", "tekort", "tekort")]
    public void A_long_real_word_is_taken_as_written_and_not_as_a_typo(string word, string target, string? expected)
    {
        var realWords = new HashSet<string>(StringComparer.Ordinal) { "verdenking", "tekorten", "verwerking", "tekrot" };
        var corrector = new SpellingCorrector(
            new Dictionary<string, int> { [target] = 3 }, [], new HashSet<string>(StringComparer.Ordinal), new CompoundSplitter([]), realWords.Contains);

        Assert.Equal(expected, corrector.Correct(word, w => w));
    }

    [Theory]
    [InlineData("tekort", "tekort", 0)]
    [InlineData("tekrot", "tekort", 1)]
    [InlineData("tekrt", "tekort", 1)]
    [InlineData("bipass", "bypass", 1)]
    [InlineData("pernicieze", "pernicieuze", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Edit_distance_counts_a_swap_as_one_edit(string a, string b, int expected)
    {
        Assert.Equal(expected, SpellingCorrector.EditDistance(a, b, 3));
    }
}
