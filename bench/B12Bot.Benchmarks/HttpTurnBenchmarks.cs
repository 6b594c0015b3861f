using BenchmarkDotNet.Attributes;
using B12Bot.Benchmarks.Support;

namespace B12Bot.Benchmarks;

/// <summary>
/// One question turn over the whole ASP.NET Core pipeline (routing, the endpoint, the adapter, the bot, the reply
/// written as JSON), in memory without sockets, for the echo bot and B12Bot built as their programs build them: the
/// difference between the two is what B12Bot adds to the framework's turn, measured in one process and one run.
/// Every request is a message with <c>deliveryMode: expectReplies</c>, as the HTTP load run posts them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
public class HttpTurnBenchmarks
{
    private HttpBotHost host = null!;

    /// <summary>The echo bot; B12Bot as shipped (SQLite state); B12Bot with its state in memory, as the echo bot's.</summary>
    [Params("Echo", "B12Bot", "B12BotMemory")]
    public string Bot { get; set; } = "Echo";

    [GlobalSetup]
    public void Setup() => host = HttpBotHost.Start(Bot);

    [GlobalCleanup]
    public void Cleanup() => host.Dispose();

    [Benchmark]
    public Task<int> QuestionTurn() => host.AskAsync();
}
