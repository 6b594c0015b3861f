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
    [InlineData("risco", "risico")]
    [InlineData("factr", "factor")]
    [InlineData("kaart", null)]
    [InlineData("ricsi", null)]
    [InlineData("risc", null)]
    public void A_five_letter_word_is_corrected_only_when_the_general_vocabulary_does_not_know_it(string word, string? expected)
    {
        var realWords = new HashSet<string>(StringComparer.Ordinal) { "kaart", "risico", "factor" };
        var corrector = new SpellingCorrector(
            new Dictionary<string, int> { ["risico"] = 4, ["factor"] = 2, ["karst"] = 1 }, [], new HashSet<string>(StringComparer.Ordinal), new CompoundSplitter([]), realWords.Contains);

        Assert.Equal(expected, corrector.Correct(word, w => w));
    }

    [Theory]
    [InlineData("evenwigt", "evenwicht")]
    [InlineData("peinleik", "pijnlijk")]
    [InlineData("peinlaak", null)]
    public void A_spelling_that_sounds_the_same_in_Dutch_is_one_edit(string word, string? expected)
    {
        var corrector = new SpellingCorrector(
            new Dictionary<string, int> { ["evenwicht"] = 3, ["pijnlijk"] = 2 }, [], new HashSet<string>(StringComparer.Ordinal), new CompoundSplitter([]));

        Assert.Equal(expected, corrector.Correct(word, w => w));
    }

    [Theory]
    [InlineData("evenwicht", "evenwigt")]
    [InlineData("rijst", "reist")]
    [InlineData("auto", "outo")]
    [InlineData("stadt", "stat")]
    [InlineData("cel", "sel")]
    [InlineData("cobalamine", "kobalamine")]
    [InlineData("fosfaat", "fosfaat")]
    [InlineData("phosphaat", "fosfaat")]
    public void The_sound_key_writes_the_same_sounds_the_same(string word, string expected)
    {
        Assert.Equal(expected, SpellingCorrector.SoundKey(word));
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
