using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

public sealed class AnswerMatcherTests
{
    /// <summary>question id, what is typed → the option ids recognised ("" for none).</summary>
    [Theory]
    [InlineData("dieet", "Veganistisch", "veganistisch")]
    [InlineData("dieet", "ik ben VEGAN", "veganistisch")]
    [InlineData("dieet", "Vegetariër", "vegetarisch")]
    [InlineData("dieet", "ik eet geen vlees", "vegetarisch")]
    [InlineData("dieet", "ik eet wel vlees", "alles")]
    [InlineData("dieet", "veganist of vegetarier", "")]
    [InlineData("dieet", "banaan", "")]
    [InlineData("leeftijd", "75", "65-plus")]
    [InlineData("leeftijd", "ik ben 58 jaar", "50-64")]
    [InlineData("leeftijd", "ik ben 9 jaar", "onder-50")]
    [InlineData("leeftijd", "jonger dan 50", "onder-50")]
    [InlineData("leeftijd", "2", "")]
    [InlineData("leeftijd", "tussen 40 en 60", "")]
    [InlineData("operatie", "Gastric bypass", "gastric-bypass")]
    [InlineData("operatie", "mijn maag is gedeeltelijk verwijderd", "maagverwijdering")]
    [InlineData("operatie", "sleeve en later een stuk darm verwijderd", "sleeve darmoperatie")]
    [InlineData("operatie", "nee, nooit", "geen")]
    [InlineData("darmziekte", "coeliakie", "coeliakie")]
    [InlineData("auto-immuun", "de ziekte van Biermer", "pernicieuze-anemie")]
    [InlineData("auto-immuun", "diabetes type 1 en MS", "diabetes-type-1 ms")]
    [InlineData("medicijnen", "omeprazol en metformine", "maagzuurremmer metformine")]
    [InlineData("medicijnen", "Esomeprazol", "maagzuurremmer")]
    [InlineData("medicijnen", "nee, alleen metformine", "metformine")]
    [InlineData("medicijnen", "ik gebruik geen omeprazol", "geen")]
    [InlineData("medicijnen", "weet ik niet", "weet-niet")]
    [InlineData("medicijnen", "ik weet het niet", "weet-niet")]
    [InlineData("alcohol", "niet veel", "nee")]
    [InlineData("alcohol", "ja, elke dag", "ja")]
    [InlineData("vis", "wel eens", "ja")]
    [InlineData("klachten", "moe en tintelingen in mijn voeten", "vermoeidheid tintelingen")]
    [InlineData("klachten", "Moeite met lopen of evenwicht", "lopen")]
    public void Recognises_what_is_typed(string questionId, string typed, string expected)
    {
        var question = CauseFinderFiles.Rules.FindQuestion(questionId);
        Assert.NotNull(question);

        var matched = AnswerMatcher.Match(question, typed);

        Assert.Equal(expected, string.Join(' ', matched.Select(o => o.Id)));
    }

    [Fact]
    public void Only_offered_options_are_recognised()
    {
        var question = CauseFinderFiles.Rules.FindQuestion("medicijnen")!;
        var offered = new[] { question.FindOption("metformine")!, CauseFinderFiles.Rules.Done };

        Assert.Empty(AnswerMatcher.Match(offered, "omeprazol", multiple: true));
        Assert.Equal(["klaar"], AnswerMatcher.Match(offered, "nee, dat was het", multiple: true).Select(o => o.Id));
    }
}
