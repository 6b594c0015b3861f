using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace B12Bot.BrowserTests;

/// <summary>
/// The bot in the Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, a local client
/// that behaves like Teams and needs no tenant), driven in Chromium: an answer shows formatted (bold title,
/// paragraphs, the source in italics, [1] as a citation), and its 👎 with a comment reaches the editors' report.
/// </summary>
[Collection(OnePharmacySite.Name)]
public sealed class AgentsPlaygroundTests(PharmacySite site)
{
    private const string Question = "Welke producten zijn rijk aan B12?";

    [Fact]
    public async Task An_answer_in_the_Agents_Playground_is_formatted_with_its_citation_and_its_rating_is_stored()
    {
        using var playground = await Playground.StartAsync(new Uri(site.Address, "api/messages"));
        var page = await site.NewVisitorAsync();
        await page.GotoAsync(playground.Address.ToString());
        await Assertions.Expect(page.GetByText("Welkom! Ik ben B12Bot").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var input = page.GetByRole(AriaRole.Textbox).Last;
        await input.ClickAsync();
        await page.Keyboard.TypeAsync(Question);
        await page.Keyboard.PressAsync("Enter");

        // The title in bold, the passage and the source in paragraphs of their own, the marker a citation.
        var title = page.Locator("p > strong", new() { HasText = "Welke voedingsmiddelen zijn rijk aan vitamine B12?" });
        await Assertions.Expect(title).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var passage = page.Locator("p", new() { HasText = "Vlees, vis, eieren, zuivel en verrijkte producten zijn rijk aan B12." });
        await Assertions.Expect(passage.Locator("a[role='button']", new() { HasText = "1" })).ToBeVisibleAsync();
        var source = page.Locator("p > em", new() { HasText = "Bron:" }).Last;
        await Assertions.Expect(source).ToBeVisibleAsync();
        var message = passage.Locator("xpath=..");
        var shown = await message.InnerTextAsync();
        Assert.DoesNotContain("**", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("[1]", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("_Bron", shown, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PharmacySite.ScreenshotFolder, "12-agents-playground.png") });

        // Teams' own feedback loop: 👎, a comment, sent; the bot stores it for the editors.
        var before = (int?)(await EntryAsync("faq-09"))?["dislikes"] ?? 0;
        await page.GetByRole(AriaRole.Button, new() { Name = "Dislike" }).Last.ClickAsync();
        var comment = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox).First;
        await comment.FillAsync("Mijn zoon Daan vond dit te kort");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PharmacySite.ScreenshotFolder, "13-agents-playground-feedback.png") });
        var invoked = page.WaitForResponseAsync(r => r.Request.Method == "POST" && (r.Request.PostData ?? string.Empty).Contains("feedback", StringComparison.Ordinal), new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        Assert.True((await invoked).Ok);

        var entry = await EntryAsync("faq-09");
        Assert.True(entry is not null, await ReportTextAsync());
        Assert.Equal(before + 1, (int)entry["dislikes"]!);
        Assert.Contains("Mijn zoon [naam] vond dit te kort", entry["reasons"]!.Select(r => (string)r!));
    }

    private async Task<string> ReportTextAsync()
    {
        using var client = new HttpClient { BaseAddress = site.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PharmacySite.EditorsKey);
        return await client.GetStringAsync(new Uri("editors/report.json", UriKind.Relative));
    }

    private async Task<JObject?> EntryAsync(string entryId)
    {
        using var client = new HttpClient { BaseAddress = site.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "editors/report.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PharmacySite.EditorsKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var report = JObject.Parse(await response.Content.ReadAsStringAsync());
        return report["feedback"]!.Cast<JObject>().FirstOrDefault(f => (string?)f["entryId"] == entryId);
    }

    /// <summary>The playground from the repository's node_modules, on a free port of 127.0.0.1, telemetry off.</summary>
    private sealed class Playground : IDisposable
    {
        private readonly Process process;

        private Playground(Process process, Uri address)
        {
            this.process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<Playground> StartAsync(Uri botEndpoint)
        {
            var cli = Path.Combine(PharmacySite.RepositoryRoot, "node_modules", ".bin", "agentsplayground");
            Assert.True(File.Exists(cli), $"{cli} is missing: run npm ci at the top of the repository (scripts/test.sh does).");
            var port = FreePort();
            var start = new ProcessStartInfo(cli)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (var argument in (string[])["start", "-e", botEndpoint.ToString(), "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry"])
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The playground did not start.");
            var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data?.StartsWith("Listening on ", StringComparison.Ordinal) == true
                    && int.TryParse(line.Data["Listening on ".Length..], out var actual))
                {
                    listening.TrySetResult(actual);
                }
            };
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The playground stopped."));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            // Only a guard against a playground that never starts, not a speed check.
            var actualPort = await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
            return new Playground(process, new Uri($"http://127.0.0.1:{actualPort}/"));
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
