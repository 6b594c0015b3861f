using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The knowledge index kept on disk: built once, opened as it is while the knowledge files stay the same, built
/// again when one changes or when the stored index is partial or damaged, and never corrupted by starts at the same
/// time. Every stored index must answer exactly as the index built in memory does.
/// </summary>
public sealed class KnowledgeIndexStoreTests : IDisposable
{
    private static readonly string[] Questions =
    [
        "Welke producten zijn rijk aan B12?",
        "Wat is pernicieuze anemie?",
        "Kan metformine mijn B12 verlagen?",
        "tintelingen in mijn handen",
        "ik ben veganist, moet ik iets slikken?",
        "Hoeveel kost een pakje boter?",
    ];

    private readonly string root = Path.Combine(Path.GetTempPath(), "b12bot-index-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_first_start_builds_and_the_next_reuses_with_the_same_answers()
    {
        var location = Location();
        using var first = Open(location);
        using var second = Open(location);

        Assert.Equal(KnowledgeIndexSource.Built, first.Source);
        Assert.Equal(KnowledgeIndexSource.Reused, second.Source);
        Assert.Single(Directory.GetDirectories(root));
        AssertSameAsInMemory(second);
    }

    [Fact]
    public void A_changed_knowledge_file_gets_an_index_of_its_own()
    {
        var knowledge = CopyKnowledge();
        var before = KnowledgeIndexLocation.ForFiles(root, KnowledgeFiles(knowledge));
        File.AppendAllText(Path.Combine(knowledge, KnowledgeLoader.LexiconFileName), "\n");
        var after = KnowledgeIndexLocation.ForFiles(root, KnowledgeFiles(knowledge));
        var again = KnowledgeIndexLocation.ForFiles(root, KnowledgeFiles(knowledge));

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal(after.Key, again.Key);
        using (var old = Open(before))
        {
            Assert.Equal(KnowledgeIndexSource.Built, old.Source);
        }

        using var changed = Open(after);
        Assert.Equal(KnowledgeIndexSource.Built, changed.Source);
        Assert.Equal(2, Directory.GetDirectories(root, "index-*").Length);
    }

    public static TheoryData<string, Action<string>> Damages => new()
    {
        { "no ready marker (a build cut short)", folder => File.Delete(Path.Combine(folder, "ready")) },
        { "unit data truncated", folder => Truncate(Path.Combine(folder, "units.bin")) },
        { "unit data with a changed byte", folder => FlipByte(Path.Combine(folder, "units.bin")) },
        { "a Lucene file missing", folder => File.Delete(LargestLuceneFile(folder)) },
        { "a Lucene file truncated", folder => Truncate(LargestLuceneFile(folder)) },
        { "a Lucene file with a changed byte", folder => FlipByte(LargestLuceneFile(folder)) },
        { "an empty folder", folder => Array.ForEach(Directory.GetFiles(folder), File.Delete) },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_or_partial_index_is_rebuilt_and_answers_as_before(string damage, Action<string> harm)
    {
        ArgumentNullException.ThrowIfNull(harm);
        var location = Location();
        using (var built = Open(location))
        {
            Assert.Equal(KnowledgeIndexSource.Built, built.Source);
        }

        harm(Assert.Single(Directory.GetDirectories(root)));

        using var rebuilt = Open(location);
        Assert.True(rebuilt.Source == KnowledgeIndexSource.Rebuilt, damage);
        AssertSameAsInMemory(rebuilt);
        using var next = Open(location);
        Assert.True(next.Source == KnowledgeIndexSource.Reused, damage);
        Assert.Single(Directory.GetDirectories(root));
    }

    [Fact]
    public async Task Starts_at_the_same_time_all_get_a_whole_index_and_leave_one()
    {
        var location = Location();
        const int starts = 4;
        using var gate = new Barrier(starts);
        var tasks = Enumerable.Range(0, starts)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    gate.SignalAndWait();
                    return Open(location);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToList();
        var indexes = await Task.WhenAll(tasks);
        try
        {
            Assert.All(indexes, i => Assert.NotEqual(KnowledgeIndexSource.InMemory, i.Source));
            Assert.Contains(indexes, i => i.Source == KnowledgeIndexSource.Built);
            foreach (var index in indexes)
            {
                AssertSameAsInMemory(index);
            }

            Assert.Single(Directory.GetDirectories(root));
            using var after = Open(location);
            Assert.Equal(KnowledgeIndexSource.Reused, after.Source);
        }
        finally
        {
            Array.ForEach(indexes, i => i.Dispose());
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_created_builds_in_memory()
    {
        Directory.CreateDirectory(root);
        var blocker = Path.Combine(root, "a-file");
        File.WriteAllText(blocker, "not a folder");

        using var index = Open(new KnowledgeIndexLocation(Path.Combine(blocker, "index"), "key"));

        Assert.Equal(KnowledgeIndexSource.InMemory, index.Source);
        AssertSameAsInMemory(index);
    }

    [Fact]
    public void Stale_indexes_and_abandoned_builds_are_removed_recent_ones_kept()
    {
        var location = Location();
        Directory.CreateDirectory(root);
        var old = DateTime.UtcNow - KnowledgeIndexStore.StaleAfter - TimeSpan.FromHours(1);
        string[] stale = ["index-old", "index-old.building-0123", "index-old.damaged-4567"];
        string[] kept = ["index-recent", "index-recent.building-89ab", "not-an-index"];
        foreach (var folder in stale.Concat(kept))
        {
            Directory.CreateDirectory(Path.Combine(root, folder, "sub"));
            File.WriteAllText(Path.Combine(root, folder, "sub", "file"), "x");
        }

        foreach (var folder in stale.Append("not-an-index"))
        {
            Directory.SetLastWriteTimeUtc(Path.Combine(root, folder), old);
        }

        using var index = Open(location);

        Assert.Equal(KnowledgeIndexSource.Built, index.Source);
        Assert.All(stale, f => Assert.False(Directory.Exists(Path.Combine(root, f)), f));
        Assert.All(kept, f => Assert.True(Directory.Exists(Path.Combine(root, f)), f));
        Assert.Single(Directory.GetDirectories(root, "index-*"), d => File.Exists(Path.Combine(d, "ready")));
        AssertSameAsInMemory(index);
    }

    private KnowledgeIndexLocation Location() => new(root, "test-key");

    private static KnowledgeIndex Open(KnowledgeIndexLocation location)
    {
        var options = new AnswererOptions();
        return new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight, location);
    }

    /// <summary>Same units, weights and words as the index built in memory, and the same answers through an answerer.</summary>
    private static void AssertSameAsInMemory(KnowledgeIndex stored)
    {
        var options = new AnswererOptions();
        using var memory = new KnowledgeIndex(RealKnowledge.Base, options.UnknownWeight, options.CommonTermWeight);
        Assert.Equal(memory.Units, stored.Units);
        Assert.Equal(memory.Weights.All.OrderBy(p => p.Key, StringComparer.Ordinal), stored.Weights.All.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            foreach (var term in memory.Weights.Terms)
            {
                Assert.Equal(memory.TermQuery(kind, term, 1f)?.Term, stored.TermQuery(kind, term, 1f)?.Term);
                Assert.Equal(memory.TermQuery(kind, term, 1f, inParts: true)?.Term, stored.TermQuery(kind, term, 1f, inParts: true)?.Term);
                Assert.Equal(memory.CommonTermBit(term), stored.CommonTermBit(term));
            }
        }

        foreach (var question in Questions)
        {
            Assert.Equal(
                B12Bot.Knowledge.Analysis.TokenDump.Describe(memory.QueryAnalyzer, question + " vitamiene tekortt"),
                B12Bot.Knowledge.Analysis.TokenDump.Describe(stored.QueryAnalyzer, question + " vitamiene tekortt"));
        }
    }

    private string CopyKnowledge()
    {
        var folder = Path.Combine(root, "knowledge");
        Directory.CreateDirectory(folder);
        foreach (var file in KnowledgeFiles(Path.GetDirectoryName(RepoPaths.FaqJson)!))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    private static string[] KnowledgeFiles(string folder) =>
        [Path.Combine(folder, "faq.json"), Path.Combine(folder, KnowledgeLoader.LexiconFileName)];

    private static string LargestLuceneFile(string folder) =>
        new DirectoryInfo(folder).GetFiles()
            .Where(f => f.Name is not "units.bin" and not "ready" && !f.Name.StartsWith("segments", StringComparison.Ordinal))
            .OrderByDescending(f => f.Length)
            .First()
            .FullName;

    private static void Truncate(string file)
    {
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
    }

    private static void FlipByte(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
    }
}
