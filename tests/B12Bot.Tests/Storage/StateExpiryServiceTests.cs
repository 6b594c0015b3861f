using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Storage;

public sealed class StateExpiryServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("b12bot-expiry-");

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Memory")]
    public async Task The_running_host_purges_conversations_older_than_the_configured_ttl_when_its_timer_comes_round(string kind)
    {
        var clock = new FakeTimeProvider(Start);
        var signal = new LogSignal();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.FullName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = kind,
            ["Storage:ConversationTtl"] = "2.00:00:00",
            ["Storage:UserTtl"] = "10.00:00:00",
            ["Storage:PurgeInterval"] = "01:00:00",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerProvider>(signal);
        builder.Services.AddB12BotStorage(builder.Configuration);
        using var host = builder.Build();
        var storage = host.Services.GetRequiredService<IConcurrencyAwareStorage>();

        await storage.WriteAsync(new Dictionary<string, object>
        {
            ["webchat/conversations/oud"] = new JObject { ["step"] = 5 },
            ["webchat/users/anna"] = new JObject { ["naam"] = "Anna" },
        });

        // The purge at start-up finds nothing expired; a day later the timer's purge finds nothing either.
        await host.StartAsync();
        try
        {
            clock.Advance(TimeSpan.FromDays(1));
            await storage.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/nieuw"] = new JObject { ["step"] = 1 } });
            Assert.NotNull(await StoredTextAsync(storage, "webchat/conversations/oud"));

            // A day and a half later "oud" is 2.5 days old: the next tick of the purge timer deletes it.
            var purged = signal.When(e => e.Category == typeof(StateExpiryService).FullName && e.Message.StartsWith("Purged", StringComparison.Ordinal));
            clock.Advance(TimeSpan.FromDays(1.5));
            var entry = await purged.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("Purged 1 expired state entries", entry.Message);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Null(await StoredTextAsync(storage, "webchat/conversations/oud"));
        Assert.NotNull(await StoredTextAsync(storage, "webchat/conversations/nieuw"));
        Assert.NotNull(await StoredTextAsync(storage, "webchat/users/anna"));
    }

    [Fact]
    public async Task A_purge_while_storage_is_down_is_logged_and_postponed_not_thrown()
    {
        var blocked = Path.Combine(_contentRoot.FullName, "blocked.db");
        Directory.CreateDirectory(blocked);
        var clock = new FakeTimeProvider(Start);
        using var storage = new SqliteStateStorage(blocked, StateExpiryPolicy.Default, clock, TimeSpan.FromSeconds(1));
        var service = new StateExpiryService(storage, Options.Create(new StorageOptions()), clock, NullLogger<StateExpiryService>.Instance);

        Assert.Equal(0, await service.PurgeOnceAsync(CancellationToken.None));

        Directory.Delete(blocked);
        await storage.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/oud"] = new JObject { ["step"] = 1 } });
        clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await service.PurgeOnceAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _contentRoot.Delete(recursive: true);
    }

    /// <summary>The text the backend still holds for a key, expired or not.</summary>
    private static async Task<string?> StoredTextAsync(IConcurrencyAwareStorage storage, string key)
    {
        switch (storage)
        {
            case MemoryStateStorage memory:
                return memory.GetStoredJson(key);
            case SqliteStateStorage sqlite:
                await using (var connection = new SqliteConnection($"Data Source={sqlite.DatabasePath};Mode=ReadOnly;Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT value FROM bot_state WHERE key = $key";
                    command.Parameters.AddWithValue("$key", key);
                    return await command.ExecuteScalarAsync() as string;
                }

            default:
                throw new ArgumentException("Unexpected store.", nameof(storage));
        }
    }
}
