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
}
