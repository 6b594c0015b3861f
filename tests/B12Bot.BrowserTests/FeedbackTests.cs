using System.Net.Http.Headers;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace B12Bot.BrowserTests;

/// <summary>
/// 👍/👎 under an answer in Web Chat, as a visitor uses them: a 👎 asks "Wat klopte er niet?" (optional), and
/// both land in the editors' report, the reason without the personal data typed in it.
/// </summary>
[Collection(OnePharmacySite.Name)]
public sealed class FeedbackTests(PharmacySite site)
{
    private async Task<JObject> ReportAsync()
    {
        using var client = new HttpClient { BaseAddress = site.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "editors/report.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PharmacySite.EditorsKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The Direct Line post of an event by name: it returns once the bot has handled it.</summary>
    private static Task<IResponse> PostedAsync(IPage page, string eventName) => page.WaitForResponseAsync(
        response => response.Request.Method == "POST"
            && response.Url.EndsWith("/activities", StringComparison.Ordinal)
            && (response.Request.PostData ?? string.Empty).Contains(eventName, StringComparison.Ordinal),
        new PageWaitForResponseOptions { Timeout = 20_000 });

    private static JObject? Entry(JObject report, string id) => report["feedback"]!.Cast<JObject>().FirstOrDefault(f => (string?)f["entryId"] == id);

    [Fact]
    public async Task A_dislike_with_a_reason_is_stored_and_shows_in_the_report_scrubbed()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        var answer = await chat.AskAsync("Moeten ouderen B12-supplementen nemen?");
        var before = (int?)Entry(await ReportAsync(), "faq-08")?["dislikes"] ?? 0;

        var voted = PostedAsync(chat.Page, "webchat:activity-status/feedback");
        await answer.Page.GetByRole(AriaRole.Button, new() { Name = "Dit antwoord klopt niet" }).Last.ClickAsync();
        Assert.True((await voted).Ok);
        var reason = chat.Page.GetByRole(AriaRole.Textbox, new() { Name = "Wat klopte er niet?" });
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await reason.FillAsync("Mijn moeder Truus kreeg ander advies, bel 0612345678");
        var reasoned = PostedAsync(chat.Page, "b12:feedback");
        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        Assert.True((await reasoned).Ok);
        await Assertions.Expect(chat.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Dank u voor uw reactie." })).ToHaveCountAsync(1);
        await Assertions.Expect(chat.SendBox).ToBeFocusedAsync();
        await chat.ScreenshotAsync("11-duim-omlaag");

        var entry = Entry(await ReportAsync(), "faq-08");
        Assert.NotNull(entry);
        Assert.Equal(before + 1, (int)entry["dislikes"]!);
        var reasons = entry["reasons"]!.Select(r => (string)r!).ToList();
        Assert.Contains("Mijn moeder [naam] kreeg ander advies, bel [telefoon]", reasons);
    }

    [Fact]
    public async Task A_like_is_stored_and_thanked_for()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        var answer = await chat.AskAsync("Kun je te veel B12 innemen?");
        var before = (int?)Entry(await ReportAsync(), "faq-10")?["likes"] ?? 0;

        var voted = PostedAsync(chat.Page, "webchat:activity-status/feedback");
        await answer.Page.GetByRole(AriaRole.Button, new() { Name = "Goed antwoord" }).Last.ClickAsync();
        Assert.True((await voted).Ok);

        await Assertions.Expect(chat.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Dank u voor uw beoordeling." })).ToHaveCountAsync(1);
        await Assertions.Expect(chat.Page.GetByRole(AriaRole.Textbox, new() { Name = "Wat klopte er niet?" })).ToBeHiddenAsync();
        Assert.Equal(before + 1, (int?)Entry(await ReportAsync(), "faq-10")?["likes"]);
    }

    [Fact]
    public async Task The_dislike_button_and_its_question_work_by_keyboard_alone()
    {
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.AskAsync("Hoe wordt een B12-tekort gediagnosticeerd?");
        await chat.SettledAsync();
        var page = chat.Page;

        // Back from the send box into the transcript, into the last answer (Web Chat: arrows choose a message,
        // Enter goes into it), then Tab to its 👎.
        await chat.SendBox.FocusAsync();
        var found = false;
        for (var i = 0; i < 12 && !found; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            found = await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('.webchat__basic-transcript') && document.activeElement.matches('[tabindex]')");
        }

        Assert.True(found, "Shift+Tab never reached the transcript.");
        var trail = new List<string> { await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 160)") };
        await page.Keyboard.PressAsync("End");
        trail.Add(await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 160)"));
        await page.Keyboard.PressAsync("Enter");
        trail.Add(await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 160)"));
        var onDislike = false;
        for (var i = 0; i < 12 && !onDislike; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            trail.Add(await page.EvaluateAsync<string>("() => (document.activeElement.getAttribute('aria-label') || '') + document.activeElement.outerHTML.slice(0, 100)"));
            onDislike = await page.EvaluateAsync<bool>("() => (document.activeElement.getAttribute('aria-label') || document.activeElement.title || document.activeElement.textContent || '').includes('klopt niet')");
        }

        Assert.True(onDislike, "Tab never reached the dislike button:\n" + string.Join("\n", trail));
        var voted = PostedAsync(page, "webchat:activity-status/feedback");
        await page.Keyboard.PressAsync("Enter");
        Assert.True((await voted).Ok);
        var reason = page.GetByRole(AriaRole.Textbox, new() { Name = "Wat klopte er niet?" });
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(reason).ToBeHiddenAsync();
        await Assertions.Expect(chat.SendBox).ToBeFocusedAsync();
    }
}
