using B12Bot.Dialogs;
using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Tests.Dialogs;

/// <summary>A yes/no question without its question mark, in a message that also tells about one's own low B12.</summary>
public sealed class YesNoQuestionTests
{
    [Theory]
    [InlineData("daalt mijn b12 daardoor")]
    [InlineData("heb ik met MS meer kans op b12 tekort")]
    [InlineData("loop ik risico op een b12 tekort")]
    [InlineData("kom ik dan b12 tekort")]
    [InlineData("gaat mijn b12 daardoor omlaag")]
    [InlineData("zou dat door de pillen komen")]
    [InlineData("ik drink elke avond mn pintjes kan da mn b12 omlaag halen")]
    [InlineData("zonder vlees en zuivel kom ik toch b12 tekort ofnie")]
    public void A_verb_before_its_subject_asks(string clause)
    {
        Assert.True(Interruption.AsksYesOrNo(TextTokens.Of(clause)));
    }

    [Theory]
    [InlineData("mijn b12 is te laag")]
    [InlineData("ik ben 70 en heb een maagverkleining gehad")]
    [InlineData("ik eet geen vlees en slik omeprazol")]
    [InlineData("soms heb ik tintelingen in mijn handen")]
    [InlineData("dan ben ik de hele dag moe")]
    [InlineData("denk ik")]
    [InlineData("weet ik niet")]
    [InlineData("ik eet genoeg vlees maar heb te weinig b12")]
    [InlineData("70 ben ik")]
    [InlineData("")]
    public void A_statement_does_not(string clause)
    {
        Assert.False(Interruption.AsksYesOrNo(TextTokens.Of(clause)));
    }
}
