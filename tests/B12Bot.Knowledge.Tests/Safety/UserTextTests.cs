using B12Bot.Knowledge.Safety;

namespace B12Bot.Knowledge.Tests.Safety;

public class UserTextTests
{
    [Theory]
    [InlineData("Vegetariër!", "vegetarier!")]
    [InlineData("CRÈME fraîche, 65+?", "creme fraiche, 65+?")]
    [InlineData("Tintelingen\tin mijn VOETEN", "tintelingen\tin mijn voeten")]
    [InlineData("", "")]
    public void Fold_lowers_case_and_drops_accents_and_keeps_every_other_character(string text, string folded)
    {
        Assert.Equal(folded, UserText.Fold(text));
    }

    [Fact]
    public void Fold_cleans_control_characters_and_lone_surrogates_first()
    {
        Assert.Equal("b12\u0020laag \uFFFD", UserText.Fold("B12\u0000laag \uD800"));
    }

    [Fact]
    public void Fold_gives_each_text_its_own_result_when_texts_alternate()
    {
        // The fold of the last text is kept per thread: another text in between must not leak into the next result.
        var first = new string("Ik ben MOE".AsSpan());
        var second = "Waar zit B12 in?";

        Assert.Equal("ik ben moe", UserText.Fold(first));
        Assert.Equal("waar zit b12 in?", UserText.Fold(second));
        Assert.Equal("ik ben moe", UserText.Fold("Ik ben MOE"));
        Assert.Equal("ik ben moe", UserText.Fold(first));
        Assert.Equal(string.Empty, UserText.Fold(null));
    }

    [Fact]
    public async Task Fold_is_right_on_many_threads_at_once()
    {
        var texts = Enumerable.Range(0, 64).Select(i => $"Vraag {i} over ÉÉN tekort").ToArray();

        var results = await Task.WhenAll(texts.Select(t => Task.Run(() => Enumerable.Range(0, 200).Select(_ => UserText.Fold(t)).Distinct().ToList())));

        Assert.All(results.Zip(texts), pair => Assert.Equal([pair.Second.ToLowerInvariant().Replace("éé", "ee", StringComparison.Ordinal)], pair.First));
    }
}
