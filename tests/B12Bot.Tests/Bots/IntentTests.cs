using B12Bot.Bots;

namespace B12Bot.Tests.Bots;

public sealed class IntentTests
{
    [Theory]
    [InlineData("vergeet mij", true)]
    [InlineData("Vergeet me!", true)]
    [InlineData("Verwijder mijn gegevens", true)]
    [InlineData("wis al mijn gegevens aub", true)]
    [InlineData("Kunt u mijn gegevens verwijderen", false)]
    [InlineData("kun je ons gesprek wissen", false)]
    [InlineData("wis dit gesprek", true)]
    [InlineData("verwijder alles wat ik heb verteld", true)]
    [InlineData("ik vergeet vaak dingen, komt dat door b12?", false)]
    [InlineData("vergeetachtigheid en b12", false)]
    [InlineData("", false)]
    public void Forget_me_is_recognised_only_as_a_request(string text, bool expected) =>
        Assert.Equal(expected, PrivacyIntent.IsForgetMe(text));

    [Theory]
    [InlineData("hallo", SmallTalkKind.Greeting)]
    [InlineData("Hoi!", SmallTalkKind.Greeting)]
    [InlineData("dank u wel", SmallTalkKind.Thanks)]
    [InlineData("Wie bent u?", SmallTalkKind.WhoAreYou)]
    [InlineData("wat kan ik vragen?", SmallTalkKind.WhatCanYouDo)]
    [InlineData("?", SmallTalkKind.Help)]
    [InlineData("tot ziens", SmallTalkKind.Goodbye)]
    public void Small_talk_is_recognised(string text, SmallTalkKind expected) =>
        Assert.Equal(expected, SmallTalk.Recognize(text));

    [Theory]
    [InlineData("hallo, wat is pernicieuze anemie?")]
    [InlineData("bedankt, maar hoe vaak moet ik testen?")]
    [InlineData("help me de oorzaak vinden")]
    [InlineData("b12")]
    public void A_message_that_also_asks_something_is_not_small_talk(string text) =>
        Assert.Null(SmallTalk.Recognize(text));
}
