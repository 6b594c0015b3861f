using B12Bot.Benchmarks.Support;
using BenchmarkDotNet.Attributes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Benchmarks;

/// <summary>
/// One question turn through the bot as it is wired in the app (safe-turn wrapper, activity handler, state,
/// answerer, renderer), without HTTP and the adapter: what B12Bot adds to the framework's own cost of a turn.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
public class TurnBenchmarks
{
    private BotHost host = null!;
    private int conversation;

    [Params("Memory", "Sqlite")]
    public string Storage { get; set; } = "Memory";

    [ParamsSource(nameof(AllQuestions))]
    public string Question { get; set; } = string.Empty;

    public static IEnumerable<string> AllQuestions() => ["omeprazol en b12", "wat kost vitamine D bij jullie?"];

    [GlobalSetup]
    public void Setup() => host = BotHost.Start(Storage);

    [GlobalCleanup]
    public void Cleanup() => host.Dispose();

    [Benchmark]
    public async Task<int> QuestionTurn()
    {
        // A few conversations in turn, as a busy bot sees them; their state exists after the first round.
        var id = $"bench-{conversation++ % 16}";
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            ChannelId = "webchat",
            ServiceUrl = "http://127.0.0.1:1",
            Conversation = new ConversationAccount { Id = id },
            From = new ChannelAccount { Id = "user-" + id },
            Recipient = new ChannelAccount { Id = "b12bot" },
            Text = Question,
        };
        using var context = new TurnContext(host.Adapter, activity);
        await host.Bot.OnTurnAsync(context);
        return host.Adapter.TakeSent();
    }
}
