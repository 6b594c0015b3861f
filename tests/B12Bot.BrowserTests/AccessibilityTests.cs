using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// The demo page and the snippet page checked with axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) before and after a
/// conversation; used by keyboard alone with a visible focus; reflowing at 320 px; new bot messages announced to
/// screen readers; and the accessibility statement, linked from the demo page.
/// </summary>
[Collection(OnePharmacySite.Name)]
public sealed class AccessibilityTests(PharmacySite site)
{
    private static readonly AxeRunOptions WcagAandAA = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
        },
    };

    private static async Task AssertNoViolationsAsync(IPage page, string when)
    {
        var result = await page.RunAxe(WcagAandAA);
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(found.Count == 0, $"{when}: {string.Join("\n", found)}");
        Assert.NotEmpty(result.Passes);
    }

    private async Task<string> PageAddressAsync(string which) => which == "demo" ? "/" : site.PharmacyWebsite.ToString();

    [Theory]
    [InlineData("demo")]
    [InlineData("snippet")]
    public async Task The_page_has_no_WCAG_A_or_AA_violation_before_and_after_a_conversation(string which)
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync(await PageAddressAsync(which));
        await chat.SettledAsync();
        await AssertNoViolationsAsync(chat.Page, "before");

        await chat.AskAsync("Welke producten zijn rijk aan B12?");
        await chat.AskAsync("Wat kost een parkeerplaats?");
        await chat.SettledAsync();

        await AssertNoViolationsAsync(chat.Page, "after");
    }

    [Fact]
    public async Task The_chat_works_by_keyboard_alone_with_a_visible_focus()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.SettledAsync();

        // From the top of the page: the skip link first, then on to the send box, every stop visibly focused.
        await chat.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Naar de chat", await chat.Page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await chat.Page.Keyboard.PressAsync("Enter");
        var reached = false;
        for (var i = 0; i < 30 && !reached; i++)
        {
            await chat.Page.Keyboard.PressAsync("Tab");
            Assert.True(await FocusIsVisibleAsync(chat.Page), $"No visible focus on {await chat.Page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 120)")}");
            reached = await chat.Page.EvaluateAsync<bool>("() => document.activeElement.matches(\"[data-id='webchat-sendbox-input']\")");
        }

        Assert.True(reached, "Tab never reached the send box.");
        await chat.Page.Keyboard.TypeAsync("Welke producten zijn rijk aan B12?");
        await chat.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(chat.BotMessages.Last).ToContainTextAsync("Bron:");
    }

    [Fact]
    public async Task At_320_pixels_wide_the_page_and_chat_reflow_without_horizontal_scrolling()
    {
        var page = await site.NewVisitorAsync();
        await page.SetViewportSizeAsync(320, 640);
        var chat = new PharmacyPage(page);
        await chat.OpenAsync();
        var answer = await chat.AskAsync("Welke producten zijn rijk aan B12?");
        await chat.SettledAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "The page scrolls sideways at 320 px.");
        var box = await answer.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 320, $"The answer sticks out: {box.X} + {box.Width}");
        await Assertions.Expect(chat.SendBox).ToBeVisibleAsync();
        await chat.ScreenshotAsync("10-320-pixels");
    }

    [Fact]
    public async Task A_new_bot_message_is_announced_to_screen_readers()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();

        await chat.AskAsync("Welke producten zijn rijk aan B12?");

        var live = chat.Page.Locator("#webchat [aria-live='polite'], #webchat [aria-live='assertive'], #webchat [role='log'], #webchat [role='status']");
        await Assertions.Expect(live.Filter(new() { HasText = "Vlees, vis, eieren" })).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_accessibility_statement_is_linked_from_the_demo_page_and_itself_accessible()
    {
        // The page itself, not the chat: no need to wait for the welcome.
        var page = await site.NewVisitorAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Toegankelijkheidsverklaring" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Toegankelijkheidsverklaring");
        Assert.EndsWith("/toegankelijkheid.html", page.Url, StringComparison.Ordinal);
        await AssertNoViolationsAsync(page, "statement");
    }

    /// <summary>An outline or a box shadow on the focused element: a focus a sighted keyboard user can see.</summary>
    private static Task<bool> FocusIsVisibleAsync(IPage page) => page.EvaluateAsync<bool>(
        """
        () => {
          const element = document.activeElement;
          if (!element || element === document.body) {
            return false;
          }
          const style = getComputedStyle(element);
          const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          return outlined || (style.boxShadow && style.boxShadow !== 'none');
        }
        """);
}
