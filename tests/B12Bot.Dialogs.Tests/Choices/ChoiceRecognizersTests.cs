using B12Bot.Dialogs.Choices;

namespace B12Bot.Dialogs.Tests.Choices;

public class ChoiceRecognizersTests
{
    private static readonly IList<Choice> Diet =
    [
        new Choice("Veganistisch") { Synonyms = ["vegan", "plantaardig", "geen dierlijke producten"] },
        new Choice("Vegetarisch") { Synonyms = ["vegetariër", "geen vlees", "geen vlees of vis"] },
        new Choice("Ik eet alles") { Synonyms = ["alles", "vlees", "omnivoor"] },
        new Choice("Weet ik niet") { Synonyms = ["geen idee", "weet niet"] },
    ];

    [Theory]
    // Exact value, synonym: case, accents and punctuation do not matter.
    [InlineData("Veganistisch", "Veganistisch")]
    [InlineData("veganistisch", "Veganistisch")]
    [InlineData("VEGAN", "Veganistisch")]
    [InlineData("vegetariër", "Vegetarisch")]
    [InlineData("vegetarier", "Vegetarisch")]
    [InlineData("Vegetariër!", "Vegetarisch")]
    [InlineData("alles", "Ik eet alles")]
    [InlineData("vlees", "Ik eet alles")]
    [InlineData("geen vlees", "Vegetarisch")]
    [InlineData("Weet ik niet", "Weet ik niet")]
    // A synonym inside a sentence; the longer synonym wins over a shorter one it contains.
    [InlineData("ik ben vegan", "Veganistisch")]
    [InlineData("ik eet eigenlijk alles", "Ik eet alles")]
    [InlineData("ik eet geen vlees", "Vegetarisch")]
    [InlineData("ik eet geen vlees of vis", "Vegetarisch")]
    [InlineData("ik eet helemaal geen dierlijke producten", "Veganistisch")]
    [InlineData("ik weet het niet", "Weet ik niet")]
    [InlineData("Geen idee eerlijk gezegd", "Weet ik niet")]
    // Positions: numbers, number words, ordinals.
    [InlineData("1", "Veganistisch")]
    [InlineData("2", "Vegetarisch")]
    [InlineData("4", "Weet ik niet")]
    [InlineData("2.", "Vegetarisch")]
    [InlineData("twee", "Vegetarisch")]
    [InlineData("één", "Veganistisch")]
    [InlineData("nummer 2", "Vegetarisch")]
    [InlineData("optie 3", "Ik eet alles")]
    [InlineData("eerste", "Veganistisch")]
    [InlineData("de eerste", "Veganistisch")]
    [InlineData("De tweede graag", "Vegetarisch")]
    [InlineData("derde", "Ik eet alles")]
    [InlineData("laatste", "Weet ik niet")]
    [InlineData("de laatste", "Weet ik niet")]
    [InlineData("voorlaatste", "Ik eet alles")]
    [InlineData("de een na laatste", "Ik eet alles")]
    [InlineData("2e", "Vegetarisch")]
    [InlineData("ik neem de tweede", "Vegetarisch")]
    [InlineData("doe maar optie 1", "Veganistisch")]
    // Small typing errors: one from 4 letters, two from 8.
    [InlineData("veganistich", "Veganistisch")]
    [InlineData("vegatarisch", "Vegetarisch")]
    [InlineData("vegitarish", "Vegetarisch")]
    [InlineData("vegn", "Veganistisch")]
    [InlineData("vgean", "Veganistisch")]
    [InlineData("ik ben vegaan", "Veganistisch")]
    [InlineData("omnivor", "Ik eet alles")]
    public void Recognises(string utterance, string expected)
    {
        var result = Assert.Single(ChoiceRecognizers.RecognizeChoices(utterance, Diet));

        Assert.Equal(expected, result.Resolution!.Value);
        Assert.Equal(Diet.Select(c => c.Value).ToList().IndexOf(expected), result.Resolution.Index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("banaan")]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("vijfde")]
    [InlineData("vegan of vegetarisch")]
    [InlineData("eerste of tweede")]
    [InlineData("ik heb 2 katten")]
    [InlineData("vagaan")]
    [InlineData("vgn")]
    [InlineData("geen")]
    public void Does_not_recognise(string? utterance)
    {
        Assert.Empty(ChoiceRecognizers.RecognizeChoices(utterance, Diet));
    }

    [Theory]
    [InlineData("kaals")]
    [InlineData("kars")]
    public void A_typo_that_fits_two_choices_equally_is_not_recognised(string utterance)
    {
        Assert.Empty(ChoiceRecognizers.RecognizeChoices(utterance, ["kaas", "kaars"]));
    }

    [Theory]
    [InlineData("kaas", "kaas")]
    [InlineData("kaars", "kaars")]
    [InlineData("kaasj", "kaas")]
    public void An_exact_word_beats_a_typo_of_another_choice(string utterance, string expected)
    {
        Assert.Equal(expected, Assert.Single(ChoiceRecognizers.RecognizeChoices(utterance, ["kaas", "kaars"])).Resolution!.Value);
    }

    [Fact]
    public void A_term_shared_by_two_choices_is_ambiguous()
    {
        IList<Choice> choices =
        [
            new Choice("Maagoperatie") { Synonyms = ["operatie"] },
            new Choice("Darmoperatie") { Synonyms = ["operatie"] },
        ];

        Assert.Empty(ChoiceRecognizers.RecognizeChoices("operatie", choices));
        Assert.Equal("Darmoperatie", ChoiceRecognizers.RecognizeChoices("darmoperatie", choices).Single().Resolution!.Value);
    }

    [Fact]
    public void A_button_title_is_recognised_like_a_synonym()
    {
        IList<Choice> choices =
        [
            new Choice("diet-vegan") { Action = new Microsoft.Bot.Schema.CardAction("imBack", "Ik eet veganistisch") },
            new Choice("diet-all") { Action = new Microsoft.Bot.Schema.CardAction("imBack", "Ik eet alles") },
        ];

        Assert.Equal("diet-vegan", ChoiceRecognizers.RecognizeChoices("Ik eet veganistisch", choices).Single().Resolution!.Value);
        Assert.Empty(ChoiceRecognizers.RecognizeChoices("Ik eet veganistisch", choices, new FindChoicesOptions { NoAction = true }));
    }

    [Theory]
    [InlineData("ik ben vegan hoor", "vegan", "value", 7, 11)]
    [InlineData("de tweede", "de tweede", "ordinal", 0, 8)]
    [InlineData("3", "3", "number", 0, 0)]
    [InlineData("ik ben vegann", "vegann", "typo", 7, 12)]
    public void The_result_tells_where_and_how_it_matched(string utterance, string text, string kind, int start, int end)
    {
        var result = Assert.Single(ChoiceRecognizers.RecognizeChoices(utterance, Diet));

        Assert.Equal(text, result.Text);
        Assert.Equal(kind, result.TypeName);
        Assert.Equal(start, result.Start);
        Assert.Equal(end, result.End);
        Assert.InRange(result.Resolution!.Score, 0.01f, 1f);
    }

    [Fact]
    public void Numbers_and_ordinals_can_be_switched_off()
    {
        var options = new FindChoicesOptions { RecognizeNumbers = false, RecognizeOrdinals = false, AllowTypos = false };

        Assert.Empty(ChoiceRecognizers.RecognizeChoices("2", Diet, options));
        Assert.Empty(ChoiceRecognizers.RecognizeChoices("de tweede", Diet, options));
        Assert.Empty(ChoiceRecognizers.RecognizeChoices("vegatarisch", Diet, options));
        Assert.Single(ChoiceRecognizers.RecognizeChoices("vegan", Diet, options));
    }

    [Fact]
    public void Words_of_a_synonym_may_have_at_most_two_other_words_between_them()
    {
        Assert.Single(ChoiceRecognizers.RecognizeChoices("geen rood vlees", Diet));
        Assert.Single(ChoiceRecognizers.RecognizeChoices("geen rood of wit vlees", Diet));
        Assert.Empty(ChoiceRecognizers.RecognizeChoices("geen rood of wit of zwart vlees", Diet.Take(2).ToList()));
    }
}
