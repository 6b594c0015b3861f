using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace B12Bot.Tests.Deploy;

/// <summary>
/// deploy/azure/main.bicep compiled and linted with the real Bicep compiler (NuGet
/// <c>Azure.Bicep.CommandLine.linux-x64</c>, restored by this project's PackageDownload into the NuGet cache):
/// any error or warning fails.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class BicepCompilerTests : IDisposable
{
    public const string Version = "0.49.2";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "b12bot-bicep-" + Guid.NewGuid().ToString("N"));

    /// <summary>tools/bicep of the package in the NuGet cache.</summary>
    public static string Compiler
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = DeployFiles.Existing(Path.Combine(cache, "azure.bicep.commandline.linux-x64", Version, "tools", "bicep"));
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    private static string Template => DeployFiles.Existing(Path.Combine(DeployFiles.Azure, "main.bicep"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Diagnostics(ExternalTool.Result result) =>
        (result.Output + "\n" + result.Errors).Split('\n').Where(line => Diagnostic().IsMatch(line)).ToList();

    [Fact]
    public async Task The_template_builds_to_an_ARM_template_without_errors_or_warnings()
    {
        var result = await ExternalTool.RunAsync(Compiler, ["build", Template, "--stdout"]);

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.Empty(Diagnostics(result));
        var arm = JsonNode.Parse(result.Output)!;
        Assert.StartsWith("https://schema.management.azure.com/schemas/", (string?)arm["$schema"], StringComparison.Ordinal);
        Assert.NotEmpty(arm["resources"]!.AsObject());
        Assert.Equal(Version, ((string?)arm["metadata"]!["_generator"]!["version"])?[..Version.Length]);
    }

    [Fact]
    public async Task The_template_passes_the_linter_without_warnings()
    {
        var result = await ExternalTool.RunAsync(Compiler, ["lint", Template]);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.Empty(Diagnostics(result));
    }

    [Theory]
    [InlineData("param unused string\noutput answer int = 42\n", "no-unused-params", "Warning")]
    [InlineData("output answer int = 'not a number'\n", "BCP", "Error")]
    public async Task The_checks_see_warnings_and_errors_when_there_are_some(string bicep, string code, string level)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "bad.bicep");
        await File.WriteAllTextAsync(path, bicep);

        var result = await ExternalTool.RunAsync(Compiler, ["lint", path]);

        Assert.Contains(Diagnostics(result), d => d.Contains($" : {level} ", StringComparison.Ordinal) && d.Contains(code, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\) : (Warning|Error) ")]
    private static partial Regex Diagnostic();
}
