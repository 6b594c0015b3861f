using B12Bot.Dialogs;

namespace B12Bot.Tests.Dialogs;

public sealed class InterruptionTests
{
    [Theory]
    [InlineData("stop", InterruptionKind.Cancel)]
    [InlineData("STOP.", InterruptionKind.Cancel)]
    [InlineData("annuleer", InterruptionKind.Cancel)]
    [InlineData("ik wil stoppen", InterruptionKind.Cancel)]
    [InlineData("stoppen met de vragenlijst", InterruptionKind.Cancel)]
    [InlineData("terug", InterruptionKind.Back)]
    [InlineData("ga terug naar de vorige vraag", InterruptionKind.Back)]
    [InlineData("help", InterruptionKind.Help)]
    [InlineData("uitleg graag", InterruptionKind.Help)]
    [InlineData("opnieuw", InterruptionKind.Restart)]
    [InlineData("ik wil opnieuw beginnen", InterruptionKind.Restart)]
    [InlineData("stoppen met omeprazol", InterruptionKind.None)]
    [InlineData("help me de oorzaak vinden", InterruptionKind.None)]
    [InlineData("stop, terug", InterruptionKind.None)]
    [InlineData("Veganistisch", InterruptionKind.None)]
    [InlineData("", InterruptionKind.None)]
    public void Recognises_the_commands_that_work_anywhere(string text, InterruptionKind expected) =>
        Assert.Equal(expected, Interruption.Recognize(text));

    [Theory]
    [InlineData("wat is pernicieuze anemie", true)]
    [InlineData("Hoe lang duurt een behandeling", true)]
    [InlineData("metformine, wat is dat?", true)]
    [InlineData("is omeprazol een maagzuurremmer", true)]
    [InlineData("Veganistisch", false)]
    [InlineData("ik ben 75", false)]
    [InlineData("is", false)]
    [InlineData("", false)]
    public void Tells_a_question_from_an_answer(string text, bool expected) =>
        Assert.Equal(expected, Interruption.LooksLikeQuestion(text));
}
