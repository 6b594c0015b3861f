using System.IO.Compression;
using System.Text.Json.Nodes;

namespace B12Bot.Tests.Deploy;

/// <summary>deploy/teams/package.sh, run as a person would: the zip Teams gets, and the inputs it refuses.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string AppId = "6b1f2d3c-4e5a-4b6c-8d7e-9f0a1b2c3d4e";

    private static readonly string[] PackageFiles = ["color.png", "manifest.json", "outline.png"];

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("b12-teams-package-");

    private static string Script => Path.Combine(DeployFiles.Teams, "package.sh");

    /// <summary>Nothing from the caller's shell may leak into a run.</summary>
    private static Dictionary<string, string?> Environment(string zipTool) => new()
    {
        ["MICROSOFT_APP_ID"] = null,
        ["BOT_DOMAIN"] = null,
        ["TEAMS_APP_VERSION"] = null,
        ["TEAMS_PACKAGE_OUT"] = null,
        ["TEAMS_ZIP_TOOL"] = zipTool,
    };

    public void Dispose() => _temp.Delete(recursive: true);

    [Theory]
    [InlineData("auto")]
    [InlineData("python3")]
    public async Task The_package_holds_exactly_the_manifest_with_the_app_id_and_both_icons(string zipTool)
    {
        var zipPath = Path.Combine(_temp.FullName, "out", "b12bot.zip");

        var run = await ExternalTool.RunAsync("bash", [Script, "--app-id", AppId, "--domain", "b12bot-apotheek.azurewebsites.net", "--version", "2.3.4", "--out", zipPath], Environment(zipTool));

        Assert.True(run.ExitCode == 0, run.Errors);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(PackageFiles, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        var packaged = JsonNode.Parse(Read(zip, "manifest.json"))!.AsObject();
        Assert.Equal(AppId, (string?)packaged["bots"]![0]!["botId"]);
        Assert.Equal("2.3.4", (string?)packaged["version"]);
        var domains = packaged["validDomains"]!.AsArray().Select(d => (string)d!).ToList();
        Assert.Contains("b12bot-apotheek.azurewebsites.net", domains);
        Assert.DoesNotContain("b12bot.azurewebsites.net", domains);
        var errors = ManifestSchema.Errors(packaged);
        Assert.True(errors.Count == 0, string.Join(System.Environment.NewLine, errors));

        // Apart from the three filled-in values, the packaged manifest is the committed one.
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(DeployFiles.Teams, "manifest.json")))!.AsObject();
        packaged["bots"]![0]!["botId"] = (string?)original["bots"]![0]!["botId"];
        packaged["version"] = (string?)original["version"];
        packaged["validDomains"] = original["validDomains"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(original, packaged), "The script changed more than botId, version and validDomains.");

        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(DeployFiles.Teams, icon)), Read(zip, icon));
        }
    }

    [Fact]
    public async Task The_app_id_can_come_from_the_environment_and_an_older_package_is_replaced()
    {
        var zipPath = Path.Combine(_temp.FullName, "b12bot.zip");
        await File.WriteAllTextAsync(zipPath, "not a zip from this script");
        var environment = Environment("auto");
        environment["MICROSOFT_APP_ID"] = AppId;
        environment["TEAMS_PACKAGE_OUT"] = zipPath;

        var run = await ExternalTool.RunAsync("bash", [Script], environment);

        Assert.True(run.ExitCode == 0, run.Errors);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(PackageFiles, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(AppId, (string?)JsonNode.Parse(Read(zip, "manifest.json"))!["bots"]![0]!["botId"]);
    }

    public static TheoryData<string, string[]> RefusedArguments => new()
    {
        { "no app id at all", [] },
        { "the placeholder app id", ["--app-id", "00000000-0000-0000-0000-000000000000"] },
        { "a template token", ["--app-id", "{{MICROSOFT_APP_ID}}"] },
        { "an app id that is not a GUID", ["--app-id", "b12bot"] },
        { "a GUID with something after it", ["--app-id", AppId + "/x"] },
        { "a domain with a path", ["--app-id", AppId, "--domain", "b12bot.azurewebsites.net/api"] },
        { "a version that is not x.y.z", ["--app-id", AppId, "--version", "1.0"] },
        { "an unknown option", ["--app-id", AppId, "--colour", "teal"] },
    };

    [Theory]
    [MemberData(nameof(RefusedArguments))]
    public async Task The_script_refuses_bad_input_and_writes_no_package(string why, string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var zipPath = Path.Combine(_temp.FullName, "refused.zip");

        var run = await ExternalTool.RunAsync("bash", [Script, .. arguments, "--out", zipPath], Environment("auto"));

        Assert.True(run.ExitCode != 0, $"Expected a refusal for {why}.");
        Assert.False(string.IsNullOrWhiteSpace(run.Errors), $"Expected a reason on stderr for {why}.");
        Assert.False(File.Exists(zipPath), $"No package may be written for {why}.");
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var entry = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}
