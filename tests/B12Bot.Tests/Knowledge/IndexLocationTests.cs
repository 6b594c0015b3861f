using Microsoft.Extensions.Configuration;

namespace B12Bot.Tests.Knowledge;

/// <summary>Where the app keeps its knowledge index between starts, from its configuration.</summary>
public sealed class IndexLocationTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "b12bot-location-" + Guid.NewGuid().ToString("N"));
    private readonly string knowledge = Path.Combine(AppContext.BaseDirectory, "knowledge");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static TheoryData<string, string?, string?, string?> Settings => new()
    {
        // why, Knowledge:IndexFolder, Storage:Sqlite:Path, expected folder relative to the test's root ("" = none)
        { "nothing set: App_Data under the content root", null, null, "content/App_Data/knowledge-index" },
        { "a relative SQLite path: still App_Data", null, "state/b12bot.db", "content/App_Data/knowledge-index" },
        { "a rooted SQLite path: beside it, in the data folder", null, "{root}/data/b12bot.db", "data/knowledge-index" },
        { "an explicit folder wins", "{root}/explicit", "{root}/data/b12bot.db", "explicit" },
        { "an explicit relative folder is under the content root", "idx", null, "content/idx" },
        { "none: built in memory", "none", "{root}/data/b12bot.db", null },
        { "NONE in any case", "NONE", null, null },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_index_folder_follows_the_configuration(string why, string? indexFolder, string? sqlitePath, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:IndexFolder"] = indexFolder?.Replace("{root}", root, StringComparison.Ordinal),
            ["Storage:Sqlite:Path"] = sqlitePath?.Replace("{root}", root, StringComparison.Ordinal),
        }).Build();

        var location = KnowledgeServices.IndexLocation(configuration, knowledge, Path.Combine(root, "content"));

        if (expected is null)
        {
            Assert.True(location is null, why);
            return;
        }

        Assert.True(location is not null, why);
        Assert.True(Path.GetFullPath(Path.Combine(root, expected)) == location.Folder, $"{why}: {location.Folder}");
        Assert.Matches("^[0-9a-f]{64}$", location.Key);
    }

    [Fact]
    public void The_key_is_the_same_for_the_same_files_and_changes_with_the_lexicon()
    {
        var copy = Path.Combine(root, "knowledge");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(knowledge, "*.json"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var configuration = new ConfigurationBuilder().Build();
        var first = KnowledgeServices.IndexLocation(configuration, copy, root)!.Key;
        var again = KnowledgeServices.IndexLocation(configuration, copy, root)!.Key;
        File.AppendAllText(Path.Combine(copy, "causefinder.json"), " ");
        var otherFile = KnowledgeServices.IndexLocation(configuration, copy, root)!.Key;
        File.AppendAllText(Path.Combine(copy, "synonyms.json"), " ");
        var changed = KnowledgeServices.IndexLocation(configuration, copy, root)!.Key;

        Assert.Equal(first, again);
        Assert.Equal(first, otherFile);
        Assert.NotEqual(first, changed);
    }
}
