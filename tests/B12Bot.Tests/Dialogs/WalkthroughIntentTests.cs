using B12Bot.Dialogs;

namespace B12Bot.Tests.Dialogs;

public sealed class WalkthroughIntentTests
{
    /// <summary>What is typed → how it asks for the walkthrough (Why: the article answers first; Help: the walkthrough only).</summary>
    [Theory]
    [InlineData("waarom is mijn b12 laag", WalkthroughRequest.Why)]
    [InlineData(WalkthroughIntent.StartButtonText, WalkthroughRequest.Why)]
    [InlineData("help me de oorzaak vinden", WalkthroughRequest.Help)]
    [InlineData("Start de vragenlijst", WalkthroughRequest.Help)]
    [InlineData("oorzaak zoeken", WalkthroughRequest.Help)]
    [InlineData("Waardoor heb ik een B12-tekort?", WalkthroughRequest.Why)]
    [InlineData("wat is de oorzaak van mijn lage b12", WalkthroughRequest.Why)]
    [InlineData("mijn huisarts zegt dat mijn vitamine B12 te laag is, waar komt dat door?", WalkthroughRequest.Why)]
    [InlineData("mijn B12 is te laag, hoe kan dat?", WalkthroughRequest.Why)]
    [InlineData("ik wil de oorzaak achterhalen", WalkthroughRequest.Help)]
    [InlineData("Kun je mij helpen uitzoeken waarom mijn B12 laag is?", WalkthroughRequest.Help)]
    [InlineData("wil je met me meedenken waarom mijn b12 zo laag is", WalkthroughRequest.Help)]
    public void Starts_on_a_request_for_ones_own_cause(string text, WalkthroughRequest expected)
    {
        Assert.Equal(expected, WalkthroughIntent.Classify(text));
        Assert.True(WalkthroughIntent.IsStartRequest(text));
    }

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
