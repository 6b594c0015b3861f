using B12Bot.Dialogs.Choices;
using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests.Choices;

public class ChoiceFactoryTests
{
    private static IList<Choice> Choices(int count) =>
        ChoiceFactory.ToChoices(new[] { "Vegan", "Vegetarisch", "Alles", "Weet ik niet", "Anders" }.Take(count));

    [Theory]
    [InlineData("webchat", null, 5, ListStyle.SuggestedAction)]
    [InlineData("directline", null, 2, ListStyle.SuggestedAction)]
    [InlineData("emulator", null, 4, ListStyle.SuggestedAction)]
    [InlineData("test", null, 3, ListStyle.SuggestedAction)]
    [InlineData("WebChat", null, 3, ListStyle.SuggestedAction)]
    [InlineData("msteams", "personal", 3, ListStyle.SuggestedAction)]
    [InlineData("msteams", null, 2, ListStyle.SuggestedAction)]
    [InlineData("msteams", "personal", 4, ListStyle.HeroCard)]
    [InlineData("msteams", "channel", 2, ListStyle.HeroCard)]
    [InlineData("msteams", "groupChat", 2, ListStyle.HeroCard)]
    [InlineData("slack", null, 3, ListStyle.Inline)]
    [InlineData("telegram", null, 4, ListStyle.List)]
    [InlineData(null, null, 2, ListStyle.Inline)]
    public void Style_per_channel_and_conversation(string? channel, string? conversationType, int count, ListStyle expected)
    {
        Assert.Equal(expected, ChoiceFactory.StyleFor(channel, conversationType, count));
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("test")]
    public void Web_channels_get_imBack_suggested_actions_titled_with_the_value(string channel)
    {
        var reply = ChoiceFactory.ForChannel(channel, Choices(4), "Wat eet u?");

        Assert.Equal("Wat eet u?", reply.Text);
        Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
        Assert.All(reply.SuggestedActions.Actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
        Assert.Equal(["Vegan", "Vegetarisch", "Alles", "Weet ik niet"], reply.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Equal(["Vegan", "Vegetarisch", "Alles", "Weet ik niet"], reply.SuggestedActions.Actions.Select(a => (string)a.Value));
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("groupChat")]
    public void Teams_channels_and_group_chats_get_a_hero_card_with_imBack_buttons(string conversationType)
    {
        var reply = ChoiceFactory.ForChannel("msteams", Choices(2), "Wat eet u?", conversationType: conversationType);

        var card = Assert.IsType<HeroCard>(Assert.Single(reply.Attachments).Content);
        Assert.Equal(HeroCard.ContentType, reply.Attachments[0].ContentType);
        Assert.Equal("Wat eet u?", card.Text);
        Assert.Equal(["Vegan", "Vegetarisch"], card.Buttons.Select(b => b.Title));
        Assert.All(card.Buttons, b => Assert.Equal(ActionTypes.ImBack, b.Type));
        Assert.Null(reply.SuggestedActions);
    }

    [Fact]
    public void Teams_personal_chat_gets_suggested_actions_up_to_three_and_a_card_beyond()
    {
        var three = ChoiceFactory.ForChannel("msteams", Choices(3), "Wat eet u?", conversationType: "personal");
        var four = ChoiceFactory.ForChannel("msteams", Choices(4), "Wat eet u?", conversationType: "personal");

        Assert.Equal(3, three.SuggestedActions.Actions.Count);
        Assert.Equal(["Vegan", "Vegetarisch", "Alles", "Weet ik niet"], TranscriptPlayer.ButtonTitles(four));
        Assert.Null(four.SuggestedActions);
    }

    [Theory]
    [InlineData(2, "Wat eet u? (1) Vegan of (2) Vegetarisch")]
    [InlineData(3, "Wat eet u? (1) Vegan, (2) Vegetarisch of (3) Alles")]
    [InlineData(4, "Wat eet u?\n\n1. Vegan\n2. Vegetarisch\n3. Alles\n4. Weet ik niet")]
    [InlineData(5, "Wat eet u?\n\n1. Vegan\n2. Vegetarisch\n3. Alles\n4. Weet ik niet\n5. Anders")]
    public void Other_channels_get_numbered_text(int count, string expected)
    {
        var reply = ChoiceFactory.ForChannel("sms", Choices(count), "Wat eet u?");

        Assert.Equal(expected, reply.Text);
        Assert.Null(reply.SuggestedActions);
        Assert.Empty(reply.Attachments ?? []);
        Assert.Equal(InputHints.ExpectingInput, reply.InputHint);
    }

    [Fact]
    public void Inline_and_list_wording_can_be_changed()
    {
        var options = new ChoiceFactoryOptions { IncludeNumbers = false, InlineOrMore = ", of " };

        Assert.Equal("Vegan, Vegetarisch, of Alles", ChoiceFactory.Inline(Choices(3), null, null, options).Text);
        Assert.Equal("Kies:\n\n- Vegan\n- Vegetarisch", ChoiceFactory.List(Choices(2), "Kies:", null, options).Text);
    }

    [Fact]
    public void A_custom_action_keeps_its_title_and_the_choice_value()
    {
        IList<Choice> choices = [new Choice("diet-vegan") { Action = new CardAction(ActionTypes.ImBack, "Ik eet veganistisch") }];

        var reply = ChoiceFactory.ForChannel("webchat", choices, "Wat eet u?");
        var action = Assert.Single(reply.SuggestedActions.Actions);

        Assert.Equal("Ik eet veganistisch", action.Title);
        Assert.Equal("diet-vegan", action.Value);
        Assert.Equal("Wat eet u? (1) Ik eet veganistisch", ChoiceFactory.ForChannel("sms", choices, "Wat eet u?").Text);
    }

    [Fact]
    public void ForActivity_reads_channel_and_conversation_type_from_the_incoming_activity()
    {
        var incoming = new Activity
        {
            ChannelId = "msteams",
            Conversation = new ConversationAccount(conversationType: "channel", id: "19:abc@thread.tacv2"),
        };

        var auto = ChoiceFactory.ForActivity(incoming, Choices(2), "Wat eet u?");
        var forced = ChoiceFactory.ForActivity(incoming, Choices(2), "Wat eet u?", ListStyle.Inline);

        Assert.IsType<HeroCard>(auto.Attachments.Single().Content);
        Assert.Equal("Wat eet u? (1) Vegan of (2) Vegetarisch", forced.Text);
    }
}
