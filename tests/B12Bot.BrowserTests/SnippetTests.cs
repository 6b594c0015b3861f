using B12Bot.Cards;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// deploy/webchat/snippet.html pasted into a pharmacy's own site (another origin than the bot): the chat loads from
/// the bot's server, gets its token cross-origin (CORS, allowed origin) and talks to the bot.
/// </summary>
[Collection(OnePharmacySite.Name)]
public sealed class SnippetTests(PharmacySite site)
{
    [Fact]
    public async Task The_snippet_on_the_pharmacys_own_site_chats_with_the_bot()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        var welcome = await chat.OpenAsync(site.PharmacyWebsite.ToString());
        await Assertions.Expect(welcome).ToContainTextAsync("Welkom! Ik ben B12Bot");

        var answer = await chat.ClickAsync((await chat.SuggestedActionsAsync()).First(t => t != Replies.StartWalkthrough));

        await Assertions.Expect(PharmacyPage.Sources(answer).First).ToBeVisibleAsync();
        await chat.ScreenshotAsync("08-snippet-op-eigen-site");
        Assert.Empty(chat.Problems);
    }

    /// <summary>The browser's CORS check stops the token request (the server would answer 403 anyway), so no chat.</summary>
    [Fact]
    public async Task A_site_that_is_not_allowed_gets_no_chat()
    {
        var page = await site.NewVisitorAsync();
        var blocked = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.EndsWith("/api/webchat/token", StringComparison.Ordinal))
            {
                blocked.TrySetResult(request);
            }
        };
        await page.GotoAsync(site.StrangerWebsite.ToString());

        Assert.NotNull((await blocked.Task.WaitAsync(TimeSpan.FromSeconds(20))).Failure);
        await Assertions.Expect(page.Locator("#b12-chat")).ToContainTextAsync("niet beschikbaar");
        await Assertions.Expect(page.Locator(".webchat__bubble")).ToHaveCountAsync(0);
    }
}
