using B12Bot.Cards;
using B12Bot.Terminal;
using B12Bot.Tests.Testing;

namespace B12Bot.Tests.Terminal;

/// <summary>The bot in a terminal: lines in, plain text out, buttons as numbered choices that a number selects.</summary>
public sealed class ConsoleChatTests
{
    [Fact]
    public async Task A_terminal_conversation_shows_the_welcome_numbered_buttons_and_answers_a_chosen_number()
    {
        using var services = new BotServices();
        var input = new StringReader("1\nWelke producten zijn rijk aan B12?\nexit\n");
        var output = new StringWriter();

        await new ConsoleChatAdapter(input, output).RunAsync(services.Bot, CancellationToken.None);

        var transcript = output.ToString();
        Assert.Contains("Welkom! Ik ben B12Bot", transcript, StringComparison.Ordinal);
        Assert.Contains($"  1. {Replies.StartWalkthrough}", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("**", transcript, StringComparison.Ordinal);

        // "1" chose the walkthrough button: its opening sentence and first question follow.
        Assert.Contains("geen diagnose", transcript, StringComparison.Ordinal);
        Assert.Contains("Hoe eet u meestal?", transcript, StringComparison.Ordinal);
        Assert.Contains("Veganistisch", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_typed_in_the_terminal_is_answered_with_its_source()
    {
        using var services = new BotServices();
        var input = new StringReader("Welke producten zijn rijk aan B12?\n");
        var output = new StringWriter();

        await new ConsoleChatAdapter(input, output).RunAsync(services.Bot, CancellationToken.None);

        var transcript = output.ToString();
        Assert.Contains("Vlees, vis, eieren, zuivel en verrijkte producten zijn rijk aan B12.", transcript, StringComparison.Ordinal);
        Assert.Contains("Bron:", transcript, StringComparison.Ordinal);
    }
}
