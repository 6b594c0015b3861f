namespace B12Bot.Tests.Deploy;

/// <summary>Where the deployment files are: found from the test binary by walking up to B12Bot.sln.</summary>
internal static class DeployFiles
{
    private const string SolutionFile = "B12Bot.sln";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Teams => Path.Combine(RepoRoot, "deploy", "teams");

    public static string Azure => Path.Combine(RepoRoot, "deploy", "azure");

    public static string Docker => Path.Combine(RepoRoot, "deploy", "docker");

    /// <summary>The Teams manifest schema lives in the shared folder beside the repository.</summary>
    public static string TeamsManifestSchema =>
        Existing(Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "schemas", "teams-manifest-v1.19.schema.json")));

    public static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Expected file is missing: {path}", path);

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
