using B12Bot.Cards;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// Web Chat in Chromium on the demo page, through a round-robin proxy in front of two instances: every request may
/// land on either instance, and the visitor sees one ordinary conversation — the welcome, answers with their
/// sources, a walkthrough to its result, then a question answered with its source.
/// </summary>
public sealed class RoundRobinWebChatTests(RoundRobinPair pair) : IClassFixture<RoundRobinPair>
{
    private const int MaxTurns = 30;

    [Fact]
    public async Task A_visitor_chats_and_walks_through_as_on_one_server_while_both_instances_serve_the_requests()
    {
        var chat = new PharmacyPage(await pair.NewVisitorAsync());
        var welcome = await chat.OpenAsync();
        await Assertions.Expect(welcome).ToContainTextAsync("Welkom! Ik ben B12Bot");

        var turn = await chat.ChooseAsync(Replies.StartWalkthrough);
        for (var i = 0; i < MaxTurns && !turn.Cited; i++)
        {
            Assert.NotEmpty(turn.Buttons);
            var choice = turn.Buttons.FirstOrDefault(b => b.StartsWith("Klopt", StringComparison.Ordinal))
                ?? turn.Buttons.FirstOrDefault(b => b.StartsWith("Nee", StringComparison.Ordinal))
                ?? turn.Buttons.FirstOrDefault(b => b.StartsWith("Ik eet alles", StringComparison.Ordinal))
                ?? turn.Buttons.FirstOrDefault(b => b.StartsWith("Jonger dan 50", StringComparison.Ordinal))
                ?? turn.Buttons[^1];
            turn = await chat.ChooseAsync(choice);
        }

        Assert.True(turn.Cited, "the walkthrough ended without a result: " + turn.Text);
        Assert.Contains("huisarts", turn.Text, StringComparison.Ordinal);
        var answer = await chat.AskAsync("Welke klachten kan een tekort aan B12 geven?");
        await Assertions.Expect(PharmacyPage.Sources(answer).First).ToBeVisibleAsync();
        await chat.ScreenshotAsync("10-twee-servers");
        Assert.Empty(chat.Problems);
        Assert.True(pair.Forwarded.GetValueOrDefault(pair.Servers.First.Name) > 2, "the first instance served too little: " + Describe());
        Assert.True(pair.Forwarded.GetValueOrDefault(pair.Servers.Second.Name) > 2, "the second instance served too little: " + Describe());
    }

    private string Describe() => string.Join(", ", pair.Forwarded.Select(f => $"{f.Key}={f.Value}"));
}
