using System.Diagnostics;
using B12Bot.Editors;
using B12Bot.Terminal;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Editors;

/// <summary>
/// <c>B12Bot report</c> as an editor runs it: the bot's own binary, pointed with the same switches at the SQLite
/// data a conversation in the terminal left behind (questions it could not answer, /goed and /fout).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "b12bot-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_report_command_prints_grouped_questions_ratings_with_reasons_and_weekly_totals()
    {
        var statePath = Path.Combine(folder, "data", "b12bot.db");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Sqlite",
            ["Storage:Sqlite:Path"] = statePath,
            ["Editors:CollectUnanswered"] = "true",
        };
        using (var services = new BotServices(settings))
        {
            var input = new StringReader(string.Join('\n',
                "Wat kost een parkeervergunning bij jullie? mail: an@example.be",
                "wat kost een parkeervergunning",
                "Welke producten zijn rijk aan B12?",
                "/goed",
                "Kan een operatie B12-tekort veroorzaken?",
                "/fout",
                "Mijn dochter Noor kreeg een ander advies",
                "exit"));
            var output = new StringWriter();
            await new ConsoleChatAdapter(input, output).RunAsync(services.Bot, CancellationToken.None);
            Assert.Contains("Dank u voor uw beoordeling.", output.ToString(), StringComparison.Ordinal);
            await services.Services.GetRequiredService<EditorsRecorder>().FlushAsync(CancellationToken.None);
        }

        // The editors' file sits next to the state, readable by its owner only.
        var editorsFile = Path.Combine(folder, "data", EditorsServiceCollectionExtensions.DefaultFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(editorsFile));

        var (exitCode, report) = await RunReportAsync($"--Storage:Sqlite:Path={statePath}");

        Assert.True(exitCode == 0, report);
        Assert.True(report.Contains("  2×  ", StringComparison.Ordinal), report);
        Assert.Contains("parkeervergunning", report, StringComparison.Ordinal);
        Assert.Contains(PersonalDataScrubber.Email, report, StringComparison.Ordinal);
        Assert.DoesNotContain("an@example.be", report, StringComparison.Ordinal);
        Assert.Matches(@"faq-09\s+👍 1\s+👎 0", report);
        Assert.Matches(@"faq-07\s+👍 0\s+👎 1", report);
        Assert.Contains($"reden: Mijn dochter {PersonalDataScrubber.Name} kreeg een ander advies", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Noor", report, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-W\d{2}\s+2\s+2\s+1", report);
    }

    private async Task<(int ExitCode, string Output)> RunReportAsync(params string[] switches)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "B12Bot.dll"));
        start.ArgumentList.Add("report");
        foreach (var item in switches)
        {
            start.ArgumentList.Add(item);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        // Only a guard against a hung process, not a speed check.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output + await errors);
    }
}
