using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// The pharmacy page as a visitor uses it: read the chat, type a question, click a button. Waits are for what a
/// person would wait for (a new bubble from the bot), never for a fixed time.
/// </summary>
public sealed class PharmacyPage(IPage page)
{
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const string UserBubbles = ".webchat__bubble--from-user";
    private const string SourceLinks = ".webchat__link-definitions__list-item-box[href]";

    private readonly List<string> problems = [];

    public IPage Page => page;

    /// <summary>Console errors and uncaught exceptions seen so far (a Content-Security-Policy violation shows up here).</summary>
    public IReadOnlyList<string> Problems => problems;

    public ILocator ChatPanel => page.Locator("#chat-panel");

    public ILocator BotMessages => page.Locator(BotBubbles);

    public ILocator UserMessages => page.Locator(UserBubbles);

    public ILocator SendBox => page.Locator("[data-id='webchat-sendbox-input']");

    /// <summary>Opens the page (the demo page unless told otherwise) and waits for the bot's first message.</summary>
    public async Task<ILocator> OpenAsync(string address = "/")
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(address);
        return await NextBotMessageAsync(0);
    }

    /// <summary>Types a question in the send box and presses Enter; returns the bot's next message.</summary>
    public async Task<ILocator> AskAsync(string question)
    {
        var before = await BotMessages.CountAsync();
        await SendBox.FillAsync(question);
        await SendBox.PressAsync("Enter");
        await Assertions.Expect(UserMessages.Last).ToContainTextAsync(question);
        return await NextBotMessageAsync(before);
    }

    /// <summary>Clicks a suggested action (or card button) by its text; returns the bot's next message.</summary>
    public async Task<ILocator> ClickAsync(string buttonText)
    {
        var before = await BotMessages.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).Last.ClickAsync();
        await Assertions.Expect(UserMessages.Last).ToContainTextAsync(buttonText);
        return await NextBotMessageAsync(before);
    }

    /// <summary>
    /// Clicks a button and waits until the bot's turn shows: new messages ending in buttons to choose from, or a
    /// message with its sources. Returns what the bot said, the buttons now offered and whether a source was shown.
    /// </summary>
    public async Task<BotTurn> ChooseAsync(string buttonText)
    {
        var before = await BotMessages.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).Last.ClickAsync();
        await Assertions.Expect(UserMessages.Last).ToContainTextAsync(buttonText);
        await page.WaitForFunctionAsync(
            """
            ([selector, before]) => {
              const messages = document.querySelectorAll(selector);
              if (messages.length <= before) {
                return false;
              }

              const cited = Array.from(messages).slice(before).some(m => m.querySelector('.webchat__link-definitions'));
              return cited || document.querySelectorAll('.webchat__suggested-actions button').length > 0;
            }
            """,
            new object[] { BotBubbles, before },
            new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = 20_000 });

        var texts = new List<string>();
        var count = await BotMessages.CountAsync();
        var cited = false;
        for (var i = before; i < count; i++)
        {
            texts.Add(await BotMessages.Nth(i).InnerTextAsync());
            cited |= await Sources(BotMessages.Nth(i)).CountAsync() > 0;
        }

        var buttons = await page.Locator(".webchat__suggested-actions button").AllInnerTextsAsync();
        return new BotTurn(texts, [.. buttons.Select(b => b.Trim())], cited);
    }

    /// <summary>The texts of the suggested actions now on offer.</summary>
    public async Task<IReadOnlyList<string>> SuggestedActionsAsync()
    {
        var buttons = page.Locator(".webchat__suggested-actions button");
        await buttons.First.WaitForAsync();
        return [.. (await buttons.AllInnerTextsAsync()).Select(t => t.Trim())];
    }

    /// <summary>The source links shown under a message (Web Chat's list of references).</summary>
    public static ILocator Sources(ILocator message) => message.Locator(SourceLinks);

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await BotMessages.First.WaitForAsync();
    }

    /// <summary>Saves a screenshot of the whole window under TestResults/screenshots, once the chat has settled.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        await SettledAsync();
        await page.Mouse.MoveAsync(1, 1);
        var path = Path.Combine(PharmacySite.ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    /// <summary>Waits until Web Chat is connected and has scrolled to the newest message (it scrolls smoothly).</summary>
    public async Task SettledAsync()
    {
        await Assertions.Expect(page.Locator(".webchat__connectivityStatus")).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync(
            """
            () => {
              const list = document.querySelector('.webchat__basic-transcript__scrollable');
              return !!list && Math.abs(list.scrollHeight - list.clientHeight - list.scrollTop) < 2;
            }
            """,
            null,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    private async Task<ILocator> NextBotMessageAsync(int before)
    {
        var message = BotMessages.Nth(before);
        await message.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        return message;
    }
}

/// <summary>What the bot did in one turn, as the visitor sees it.</summary>
public sealed record BotTurn(IReadOnlyList<string> Texts, IReadOnlyList<string> Buttons, bool Cited)
{
    public string Text => string.Join("\n", Texts);
}
