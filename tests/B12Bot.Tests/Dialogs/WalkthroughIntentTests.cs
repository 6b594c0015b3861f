using B12Bot.Dialogs;

namespace B12Bot.Tests.Dialogs;

public sealed class WalkthroughIntentTests
{
    [Theory]
    [InlineData("waarom is mijn b12 laag")]
    [InlineData(WalkthroughIntent.StartButtonText)]
    [InlineData("help me de oorzaak vinden")]
    [InlineData("Start de vragenlijst")]
    [InlineData("oorzaak zoeken")]
    [InlineData("Waardoor heb ik een B12-tekort?")]
    [InlineData("wat is de oorzaak van mijn lage b12")]
    [InlineData("mijn huisarts zegt dat mijn vitamine B12 te laag is, waar komt dat door?")]
    [InlineData("ik wil de oorzaak achterhalen")]
    public void Starts_on_a_request_for_ones_own_cause(string text) =>
        Assert.True(WalkthroughIntent.IsStartRequest(text));

    [Theory]
    [InlineData("Wat is de belangrijkste oorzaak van vitamine B12-tekort?")]
    [InlineData("wat is pernicieuze anemie")]
    [InlineData("ik heb een b12 tekort, welke supplementen helpen?")]
    [InlineData("waarom is b12 belangrijk")]
    [InlineData("hallo")]
    [InlineData("")]
    [InlineData(null)]
    public void Leaves_other_questions_to_the_answerer(string? text) =>
        Assert.False(WalkthroughIntent.IsStartRequest(text));
}
