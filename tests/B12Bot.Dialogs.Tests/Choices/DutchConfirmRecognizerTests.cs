using B12Bot.Dialogs.Choices;

namespace B12Bot.Dialogs.Tests.Choices;

public class DutchConfirmRecognizerTests
{
    [Theory]
    [InlineData("ja")]
    [InlineData("Ja!")]
    [InlineData("JA.")]
    [InlineData("jawel")]
    [InlineData("Jazeker!")]
    [InlineData("zeker")]
    [InlineData("zeker weten")]
    [InlineData("klopt")]
    [InlineData("Dat klopt.")]
    [InlineData("natuurlijk")]
    [InlineData("tuurlijk")]
    [InlineData("prima")]
    [InlineData("oké")]
    [InlineData("OKE")]
    [InlineData("ok")]
    [InlineData("o.k.")]
    [InlineData("okay")]
    [InlineData("yes")]
    [InlineData("ja hoor")]
    [InlineData("jaaa")]
    [InlineData("Ja, dat klopt")]
    [InlineData("inderdaad")]
    [InlineData("akkoord")]
    [InlineData("ja, ik eet geen vlees")]
    [InlineData("  ja  ")]
    public void Yes(string utterance)
    {
        Assert.True(DutchConfirmRecognizer.Recognize(utterance));
    }

    [Theory]
    [InlineData("nee")]
    [InlineData("neen")]
    [InlineData("Nee!")]
    [InlineData("NEE.")]
    [InlineData("niet")]
    [InlineData("nooit")]
    [InlineData("no")]
    [InlineData("nope")]
    [InlineData("nee hoor")]
    [InlineData("neee")]
    [InlineData("zeker niet")]
    [InlineData("klopt niet")]
    [InlineData("natuurlijk niet")]
    [InlineData("helemaal niet")]
    [InlineData("niet echt")]
    [InlineData("Nee, dat klopt niet")]
    [InlineData("geen")]
    [InlineData("ik gebruik geen medicijnen")]
    [InlineData("niks")]
    public void No(string utterance)
    {
        Assert.False(DutchConfirmRecognizer.Recognize(utterance));
    }

    [Theory]
    [InlineData("weet ik niet")]
    [InlineData("Ik weet het niet")]
    [InlineData("weet ik nog niet")]
    [InlineData("misschien")]
    [InlineData("geen idee")]
    [InlineData("ja nee")]
    [InlineData("nee, ja")]
    [InlineData("niet zeker")]
    [InlineData("niet zo zeker")]
    [InlineData("soms")]
    [InlineData("banaan")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("jammer")]
    [InlineData("jaren geleden")]
    [InlineData("neem de bus")]
    [InlineData("Nederland")]
    [InlineData("?!")]
    public void Neither(string? utterance)
    {
        Assert.Null(DutchConfirmRecognizer.Recognize(utterance));
    }
}
