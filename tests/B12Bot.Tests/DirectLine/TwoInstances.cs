using B12Bot.Tests.Storage;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// Two B12Bot servers as a pharmacy would run them for several instances: each its own process on its own port,
/// sharing <c>DirectLine:Secret</c> and <c>DirectLine:TokenSigningKey</c>, Direct Line in a real Redis, bot state in
/// Blob storage (Azurite), and nothing sticky between a client and an instance.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>Shared by both instances (test values, not secrets).</summary>
    public const string Secret = "two-instances-secret-0123456789-abcdefghijklmnop";

    public const string SigningKey = "two-instances-signing-key-0123456789-abcdefghijklmnop";

    private readonly RedisFixture redis = new();
    private readonly AzuriteFixture azurite = new();

    public BotInstance First { get; private set; } = null!;

    public BotInstance Second { get; private set; } = null!;

    public IReadOnlyList<BotInstance> Both => [First, Second];

    public async Task InitializeAsync()
    {
        await Task.WhenAll(redis.InitializeAsync(), azurite.InitializeAsync());
        var settings = new Dictionary<string, string>
        {
            ["Storage:Kind"] = "AzureBlobs",
            ["Storage:AzureBlobs:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlobs:ContainerName"] = AzuriteFixture.NewContainerName(),
            ["DirectLine:Store"] = "Redis",
            ["DirectLine:Redis:Configuration"] = redis.Configuration,
            ["DirectLine:Redis:KeyPrefix"] = RedisFixture.NewPrefix(),
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:TokenSigningKey"] = SigningKey,
            ["DirectLine:RateLimits:TokensPerMinute"] = "10000",
            ["DirectLine:RateLimits:PostsPerMinute"] = "10000",
            ["DirectLine:RateLimits:ReadsPerMinute"] = "100000",
        };
        First = new BotInstance("first", settings);
        Second = new BotInstance("second", settings);
        await Task.WhenAll(First.StartAsync(), Second.StartAsync());
    }

    /// <summary>Starts whichever instance a test killed.</summary>
    public Task EnsureBothRunningAsync() => Task.WhenAll(First.StartAsync(), Second.StartAsync());

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await redis.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
