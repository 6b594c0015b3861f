namespace B12Bot.Knowledge.Tests.TestSupport;

/// <summary>Finds the repository (the folder with B12Bot.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    private const string SolutionFile = "B12Bot.sln";

    /// <summary>The repository root; fails the test when the tests do not run inside a checkout.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run the tests from a checkout.");
        }
    }

    /// <summary>The knowledge file as the tests' output folder holds it (the same copy the bot gets).</summary>
    public static string FaqJson => KnowledgeLoader.DefaultPath(AppContext.BaseDirectory);

    /// <summary>A file of the shared folder beside the repository (the source article, the evaluation set).</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([Root, "..", "shared", .. parts]));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The shared file {string.Join('/', parts)} is not beside the repository.", path);
        }

        return path;
    }

    /// <summary>A file of the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);
}
