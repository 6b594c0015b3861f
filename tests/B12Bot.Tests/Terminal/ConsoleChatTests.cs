using B12Bot.Cards;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.Terminal;

/// <summary>The bot in a terminal: lines in, plain text out, buttons as numbered choices that a number selects.</summary>
public sealed class ConsoleChatTests(BotHost host) : IClassFixture<BotHost>
{
    [Fact]
    public async Task A_terminal_conversation_shows_the_welcome_numbered_buttons_and_answers_a_chosen_number()
    {
        // "1" chooses the welcome's first button, the walkthrough: its opening sentence and first question follow.
        await Conversation.PlayInTerminalAsync(
            host.Bot,
            "<~ Welkom! Ik ben B12Bot",
            $"<~   1. {Replies.StartWalkthrough}",
            "> 1",
            "<~ geen diagnose",
            "<~ Hoe eet u meestal?",
            "<~ Veganistisch");
    }

    [Fact]
    public async Task A_question_typed_in_the_terminal_is_answered_with_its_source_in_plain_text()
    {
        await Conversation.PlayInTerminalAsync(
            host.Bot,
            "> Welke producten zijn rijk aan B12?",
            "<~ Vlees, vis, eieren, zuivel en verrijkte producten zijn rijk aan B12.",
            "<~ Bron:");
    }

    [Fact]
    public async Task The_terminal_prints_no_markdown_emphasis()
    {
        var output = new StringWriter();
        await new B12Bot.Terminal.ConsoleChatAdapter(new StringReader("Welke producten zijn rijk aan B12?\n"), output).RunAsync(host.Bot.Bot, CancellationToken.None);

        Assert.DoesNotContain("**", output.ToString(), StringComparison.Ordinal);
    }
}
