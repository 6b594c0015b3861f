using B12Bot.Storage;
using BenchmarkDotNet.Attributes;

namespace B12Bot.Benchmarks;

/// <summary>
/// What a question turn costs the state store: one read of the conversation's state (the walkthrough's dialog
/// stack, empty between walkthroughs), and a conditional write when a turn changed it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
public class StateStorageBenchmarks
{
    private const string Key = "webchat/conversations/bench-1";

    private string folder = string.Empty;
    private SqliteStateStorage sqlite = null!;
    private MemoryStateStorage memory = null!;
    private string sqliteETag = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("b12bot-bench-").FullName;
        sqlite = new SqliteStateStorage(Path.Combine(folder, "state.db"));
        memory = new MemoryStateStorage();
        var state = new Dictionary<string, object> { [Key] = NewState() };
        sqlite.WriteAsync(state).GetAwaiter().GetResult();
        memory.WriteAsync(new Dictionary<string, object> { [Key] = NewState() }).GetAwaiter().GetResult();
        sqliteETag = sqlite.ReadEntryAsync(Key).GetAwaiter().GetResult()!.ETag;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sqlite.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark]
    public Task<IDictionary<string, object>> SqliteRead() => sqlite.ReadAsync([Key]);

    [Benchmark]
    public Task<IDictionary<string, object>> MemoryRead() => memory.ReadAsync([Key]);

    [Benchmark]
    public async Task<string> SqliteConditionalWrite()
    {
        sqliteETag = await sqlite.WriteIfMatchAsync(Key, NewState(), sqliteETag);
        return sqliteETag;
    }

    private static Dictionary<string, object> NewState() => new()
    {
        ["DialogState"] = new Dictionary<string, object> { ["dialogStack"] = Array.Empty<object>() },
    };
}
