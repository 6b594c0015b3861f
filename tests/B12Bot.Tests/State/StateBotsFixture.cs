using B12Bot.Tests.Storage;

namespace B12Bot.Tests.State;

/// <summary>
/// The bot processes the state tests share (each test uses conversations of its own):
/// <list type="bullet">
/// <item><see cref="Solo"/>: one process on a SQLite file, logging everything down to Trace level;</item>
/// <item><see cref="A"/> and <see cref="B"/>: two processes on different ports sharing one Azurite container,
/// as two instances behind a load balancer.</item>
/// </list>
/// </summary>
public sealed class StateBotsFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private BotProcess? _single;
    private BotProcess? _a;
    private BotProcess? _b;

    public SqliteStoredState SoloStore { get; } = new();

    public BlobStoredState SharedStore { get; private set; } = null!;

    public BotProcess Solo => _single ?? throw new InvalidOperationException("Not started.");

    public BotProcess A => _a ?? throw new InvalidOperationException("Not started.");

    public BotProcess B => _b ?? throw new InvalidOperationException("Not started.");

    public WalkthroughScript Script { get; } = WalkthroughScript.Load();

    /// <summary>The most verbose logging there is, so that a check on the log covers every line the bot can write.</summary>
    public static readonly string[] TraceLogging =
    [
        "Logging:LogLevel:Default=Trace",
        "Logging:LogLevel:Microsoft=Trace",
        "Logging:LogLevel:Microsoft.AspNetCore=Trace",
    ];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        SharedStore = new BlobStoredState(_azurite.ConnectionString);

        var single = BotProcess.StartAsync("single", [.. SoloStore.BotSettings, .. TraceLogging]);
        var a = BotProcess.StartAsync("A", SharedStore.BotSettings);
        var b = BotProcess.StartAsync("B", SharedStore.BotSettings);
        try
        {
            await Task.WhenAll(single, a, b);
        }
        catch
        {
            // Whatever did start is stopped again; the failure shows the output of what did not.
            await Task.WhenAll(new[] { single, a, b }.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask()));
            throw;
        }

        _single = single.Result;
        _a = a.Result;
        _b = b.Result;
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in new[] { _single, _a, _b })
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }

        SoloStore.Dispose();
        await _azurite.DisposeAsync();
    }
}

/// <summary>The test classes that share <see cref="StateBotsFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class StateBotsGroup : ICollectionFixture<StateBotsFixture>
{
    public const string Name = "State bots";
}
