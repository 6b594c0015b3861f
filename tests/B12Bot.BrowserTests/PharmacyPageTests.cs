using B12Bot.Cards;
using B12Bot.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>The pharmacy page in headless Chromium, as a new visitor meets it. Screenshots go to TestResults/screenshots.</summary>
[Collection(OnePharmacySite.Name)]
public sealed class PharmacyPageTests(PharmacySite site)
{
    [Fact]
    public async Task A_new_visitor_sees_the_pharmacy_page_with_the_chat_open_and_the_welcome()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        var welcome = await chat.OpenAsync();

        await Assertions.Expect(chat.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Apotheek"));
        await Assertions.Expect(chat.ChatPanel).ToBeVisibleAsync();
        await Assertions.Expect(welcome).ToContainTextAsync("Welkom! Ik ben B12Bot");
        Assert.Contains(Replies.StartWalkthrough, await chat.SuggestedActionsAsync());
        await Assertions.Expect(chat.SendBox).ToHaveAttributeAsync("placeholder", "Stel uw vraag over vitamine B12");
        await chat.ScreenshotAsync("01-welkom");
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task A_typed_question_is_answered_with_its_source()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();

        var answer = await chat.AskAsync("Welke klachten kan een tekort aan B12 geven?");

        await Assertions.Expect(answer).ToContainTextAsync("Bron:");
        var source = PharmacyPage.Sources(answer).First;
        await Assertions.Expect(source).ToBeVisibleAsync();
        await Assertions.Expect(source).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("#[a-z0-9-]+$"));
        await chat.ScreenshotAsync("02-vraag-met-bron");
        Assert.Empty(chat.Problems);
    }

    [Fact]
    public async Task A_suggested_question_can_be_clicked_and_is_answered_with_its_source()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        var question = (await chat.SuggestedActionsAsync()).First(t => t != Replies.StartWalkthrough);

        var answer = await chat.ClickAsync(question);

        await Assertions.Expect(PharmacyPage.Sources(answer).First).ToBeVisibleAsync();
        await chat.ScreenshotAsync("03-knop-aangeklikt");
    }

    /// <summary>
    /// A visitor who eats vegan clicks through "Waarom is mijn B12 laag?" using only the offered buttons ("Nee" where
    /// nothing applies) and reaches the result: the fitting cause with its source, and the advice to see the GP.
    /// </summary>
    [Fact]
    public async Task A_visitor_clicks_through_the_walkthrough_to_its_result()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();

        var turn = await chat.ChooseAsync(Replies.StartWalkthrough);
        for (var clicks = 0; !turn.Cited && clicks < 30; clicks++)
        {
            Assert.NotEmpty(turn.Buttons);
            if (clicks == 1)
            {
                await chat.ScreenshotAsync("06-wegwijzer-vraag");
            }

            turn = await chat.ChooseAsync(Choose(turn));
        }

        Assert.True(turn.Cited, "the walkthrough ended without a source: " + turn.Text);
        await Assertions.Expect(chat.Page.Locator("#webchat .webchat__link-definitions__list-item-box[href$='#faq-02']").First).ToBeAttachedAsync();
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("huisarts");
        await chat.ScreenshotAsync("07-wegwijzer-uitkomst");
    }

    [Fact]
    public async Task After_a_reload_the_conversation_is_still_there()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.AskAsync("Dank u wel");

        await chat.ReloadAsync();

        await Assertions.Expect(chat.UserMessages.Filter(new() { HasText = "Dank u wel" })).ToHaveCountAsync(1);
        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = "Welkom! Ik ben B12Bot" })).ToHaveCountAsync(1);
        await chat.ScreenshotAsync("04-na-herladen");
    }

    [Fact]
    public async Task When_the_server_has_forgotten_the_conversation_its_messages_stay_and_a_new_one_begins_on_request()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.AskAsync("Dank u wel");
        var conversationId = await chat.Page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('b12bot.conversation')).conversationId");

        Assert.True(await site.Services.GetRequiredService<IDirectLineStore>().RemoveAsync(conversationId, CancellationToken.None));

        var begin = chat.Page.GetByRole(AriaRole.Button, new() { Name = "Nieuw gesprek beginnen" });
        await Assertions.Expect(begin).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(chat.UserMessages.Filter(new() { HasText = "Dank u wel" })).ToHaveCountAsync(1);
        Assert.Null(await chat.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('b12bot.conversation')"));

        await begin.ClickAsync();

        await Assertions.Expect(chat.UserMessages).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = "Welkom! Ik ben B12Bot" })).ToHaveCountAsync(1);
        await Assertions.Expect(begin).ToBeHiddenAsync();
        await chat.Page.WaitForFunctionAsync("() => !!sessionStorage.getItem('b12bot.conversation')");
        var newId = await chat.Page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('b12bot.conversation')).conversationId");
        Assert.NotEqual(conversationId, newId);
    }

    /// <summary>
    /// "Vergeet mij" in the chat: the confirmation of what was removed stays readable (the conversation is over on the
    /// server), and a new conversation begins only when the visitor asks for one.
    /// </summary>
    [Fact]
    public async Task After_vergeet_mij_the_confirmation_stays_readable_until_a_new_conversation_is_asked_for()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.AskAsync("Welke klachten kan een tekort aan B12 geven?");

        var confirmation = await chat.AskAsync("vergeet mij");

        await Assertions.Expect(confirmation).ToContainTextAsync("Ik heb verwijderd");
        var begin = chat.Page.GetByRole(AriaRole.Button, new() { Name = "Nieuw gesprek beginnen" });
        await Assertions.Expect(begin).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = "Ik heb verwijderd" })).ToHaveCountAsync(1);
        await Assertions.Expect(chat.Page.Locator(".b12-ended")).ToContainTextAsync("Dit gesprek is beëindigd.");
        await chat.ScreenshotAsync("13-vergeet-mij");

        await begin.ClickAsync();

        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = "Ik heb verwijderd" })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(chat.BotMessages.Filter(new() { HasText = "Welkom! Ik ben B12Bot" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task On_a_phone_the_chat_fills_the_screen()
    {
        var page = await site.NewVisitorAsync();
        await page.SetViewportSizeAsync(390, 844);
        var chat = new PharmacyPage(page);
        await chat.OpenAsync();

        var panel = await chat.ChatPanel.BoundingBoxAsync();
        Assert.NotNull(panel);
        Assert.Equal(390, panel.Width, 1.0);
        Assert.Equal(844, panel.Height, 1.0);
        await chat.ScreenshotAsync("05-telefoon");
    }

    /// <summary>Vegan food where the question is about food; otherwise the answer that says "this does not apply".</summary>
    private static string Choose(BotTurn turn)
    {
        if (turn.Text.Contains("eet u", StringComparison.OrdinalIgnoreCase) && turn.Buttons.Contains("Veganistisch"))
        {
            return "Veganistisch";
        }

        foreach (var preferred in (string[])["Klopt", "Nee", "Jonger dan 50"])
        {
            if (turn.Buttons.FirstOrDefault(b => b.StartsWith(preferred, StringComparison.Ordinal)) is { } button)
            {
                return button;
            }
        }

        return turn.Buttons[^1];
    }
}
