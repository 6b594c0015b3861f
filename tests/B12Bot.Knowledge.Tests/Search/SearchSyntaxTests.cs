using B12Bot.Knowledge.Search;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// Search-engine syntax pasted into a question is read as a search engine reads it: an excluded word is not asked
/// about, "site:" says where to look, "intitle:" keeps its word, any other field and its value are two words; ordinary
/// hyphens and colons, web addresses and times are left alone.
/// </summary>
public sealed class SearchSyntaxTests
{
    [Theory]
    [InlineData("b12 tekort oorzaak -vegan", "b12 tekort oorzaak")]
    [InlineData("b12 -\"te veel\" symptomen", "b12 symptomen")]
    [InlineData("b12 NOT vegan oorzaak", "b12 oorzaak")]
    [InlineData("site:apotheek.be b12 ouderen", "b12 ouderen")]
    [InlineData("b12 tekort filetype:pdf", "b12 tekort")]
    [InlineData("intitle:b12 bloedtest", "b12 bloedtest")]
    [InlineData("INURL:coeliakie b12", "coeliakie b12")]
    [InlineData("onderwerp:b12 vraag:te veel innemen", "onderwerp b12 vraag te veel innemen")]
    [InlineData("categorie:diagnose \"b12 tekort\"", "categorie diagnose \"b12 tekort\"")]
    [InlineData("symptomen:(b12 tekort)", "symptomen (b12 tekort)")]
    [InlineData("meer op https://apotheek.be/b12 lezen", "meer op https://apotheek.be/b12 lezen")]
    [InlineData("om 10:30 mijn b12 prik", "om 10:30 mijn b12 prik")]
    [InlineData("auto-immuun gastritis en B12-tekort", "auto-immuun gastritis en B12-tekort")]
    [InlineData("vraag: kan ik te veel b12 nemen", "vraag: kan ik te veel b12 nemen")]
    [InlineData("b12 tekort, not sure why - any idea", "b12 tekort, not sure why - any idea")]
    [InlineData("-vegan", "-vegan")]
    public void Excluded_words_and_operators_are_left_out_and_ordinary_text_is_kept(string question, string expected)
    {
        Assert.Equal(expected, SearchSyntax.Strip(question));
    }

    [Fact]
    public void An_excluded_word_is_not_what_the_question_is_answered_from()
    {
        var answer = TestSupport.RealKnowledge.Answerer.Evaluate("b12 tekort oorzaak -vegan");

        Assert.DoesNotContain(answer.Plan!.Concepts, c => c.Terms.Any(t => t.Term.StartsWith("vegan", StringComparison.Ordinal)));
    }
}
