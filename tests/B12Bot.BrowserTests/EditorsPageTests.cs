using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>The editors' page in the browser: refused without the key; with it, the report and its chart drawn by Chart.js.</summary>
[Collection(OnePharmacySite.Name)]
public sealed class EditorsPageTests(PharmacySite site)
{
    [Fact]
    public async Task Without_the_key_the_browser_gets_no_report()
    {
        var page = await site.NewVisitorAsync();

        // A headless browser cannot show the password prompt: ask as it would before that.
        var response = await page.APIRequest.GetAsync("/editors");

        Assert.Equal(401, response.Status);
        Assert.StartsWith("Basic", response.Headers["www-authenticate"], StringComparison.Ordinal);
        Assert.DoesNotContain("Rapport voor de redactie", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_key_the_page_shows_the_report_and_the_weekly_chart()
    {
        // Something to report: a question the article does not answer.
        var chat = new PharmacyPage(await site.NewVisitorAsync());
        await chat.OpenAsync();
        await chat.AskAsync("Kan ik bij jullie ook mijn bloeddruk laten meten?");

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            BaseURL = site.Address.ToString(),
            HttpCredentials = new HttpCredentials { Username = "redactie", Password = PharmacySite.EditorsKey },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/editors");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rapport voor de redactie");
        await Assertions.Expect(page.GetByText("Kan ik bij jullie ook mijn bloeddruk laten meten?")).ToBeVisibleAsync();

        // Chart.js drew three series (answered, unanswered, disliked) for the weeks in the table.
        var series = await page.EvaluateAsync<string[]>("() => document.getElementById('weekly-chart').chart.data.datasets.map(d => d.label)");
        Assert.Equal(["Beantwoord", "Niet beantwoord", "Niet goed bevonden (👎)"], series);
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('weekly-chart').chart.data.labels.length > 0"));
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => v.Id + ": " + string.Join(" | ", v.Nodes.Select(n => n.Html)))));
        await page.ScreenshotAsync(new() { Path = Path.Combine(PharmacySite.ScreenshotFolder, "14-redactie.png"), FullPage = true });
        await context.CloseAsync();
    }
}
