using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace B12Bot.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private const string EmulatorConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey
        + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("b12bot-host-");

    /// <summary>Rows: Storage:Kind as configured → the store the bot gets.</summary>
    [Theory]
    [InlineData(null, typeof(SqliteStateStorage))]
    [InlineData("", typeof(SqliteStateStorage))]
    [InlineData("Sqlite", typeof(SqliteStateStorage))]
    [InlineData("sqlite", typeof(SqliteStateStorage))]
    [InlineData("AzureBlobs", typeof(BlobStateStorage))]
    [InlineData("azureblobs", typeof(BlobStateStorage))]
    [InlineData("Memory", typeof(MemoryStateStorage))]
    public void The_configured_kind_decides_the_store(string? kind, Type expected)
    {
        using var host = BuildHost(new()
        {
            ["Storage:Kind"] = kind,
            ["Storage:AzureBlobs:ConnectionString"] = EmulatorConnectionString,
        });

        var storage = host.Services.GetRequiredService<IStorage>();

        Assert.IsType(expected, storage);
        Assert.Same(storage, host.Services.GetRequiredService<IConcurrencyAwareStorage>());
        Assert.NotNull(host.Services.GetRequiredService<ConversationState>());
        Assert.NotNull(host.Services.GetRequiredService<UserState>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is StateExpiryService);
    }

    [Fact]
    public async Task Sqlite_by_default_lives_in_the_app_data_folder_and_keeps_state()
    {
        using (var host = BuildHost([]))
        {
            var storage = (SqliteStateStorage)host.Services.GetRequiredService<IStorage>();
            Assert.Equal(Path.Combine(_contentRoot.FullName, "App_Data", "b12bot.db"), storage.DatabasePath);
            await storage.WriteIfMatchAsync("webchat/users/u1", new Newtonsoft.Json.Linq.JObject { ["naam"] = "Anna" }, eTag: null);
        }

        using var restarted = BuildHost([]);
        var entry = await restarted.Services.GetRequiredService<IConcurrencyAwareStorage>().ReadEntryAsync("webchat/users/u1");
        Assert.Equal("Anna", entry!.Value.Value<string>("naam"));
    }

    [Fact]
    public void A_relative_sqlite_path_is_under_the_content_root_and_an_absolute_one_is_kept()
    {
        var absolute = Path.Combine(_contentRoot.FullName, "elders", "state.db");
        using var relativeHost = BuildHost(new() { ["Storage:Sqlite:Path"] = "data/state.db" });
        using var absoluteHost = BuildHost(new() { ["Storage:Sqlite:Path"] = absolute });

        Assert.Equal(Path.Combine(_contentRoot.FullName, "data", "state.db"),
            ((SqliteStateStorage)relativeHost.Services.GetRequiredService<IStorage>()).DatabasePath);
        Assert.Equal(absolute, ((SqliteStateStorage)absoluteHost.Services.GetRequiredService<IStorage>()).DatabasePath);
    }

    [Fact]
    public void Time_spans_come_from_configuration_with_thirty_days_as_the_default()
    {
        using var defaults = BuildHost([]);
        using var configured = BuildHost(new()
        {
            ["Storage:ConversationTtl"] = "7.00:00:00",
            ["Storage:UserTtl"] = "90.00:00:00",
            ["Storage:PurgeInterval"] = "00:10:00",
        });

        var defaultOptions = defaults.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var configuredOptions = configured.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(30), defaultOptions.ToExpiryPolicy().ConversationTtl);
        Assert.Equal(TimeSpan.FromDays(30), defaultOptions.ToExpiryPolicy().UserTtl);
        Assert.Equal(TimeSpan.FromDays(7), configuredOptions.ToExpiryPolicy().ConversationTtl);
        Assert.Equal(TimeSpan.FromDays(90), configuredOptions.ToExpiryPolicy().UserTtl);
        Assert.Equal(TimeSpan.FromMinutes(10), configuredOptions.PurgeInterval);
    }

    /// <summary>Rows: a wrong setting → the words the start-up error must contain.</summary>
    [Theory]
    [InlineData("Storage:Kind", "Cassandra", "Storage:Kind 'Cassandra' is not supported. Use one of: Sqlite, AzureBlobs, Memory.")]
    [InlineData("Storage:Kind", "2", "Storage:Kind '2' is not supported")]
    [InlineData("Storage:ConversationTtl", "-1.00:00:00", "Storage:ConversationTtl must be a positive time span")]
    [InlineData("Storage:UserTtl", "00:00:00", "Storage:UserTtl must be a positive time span")]
    [InlineData("Storage:PurgeInterval", "00:00:00", "Storage:PurgeInterval must be a positive time span")]
    public async Task Wrong_settings_stop_the_host_at_start_up_with_a_clear_message(string setting, string value, string expected)
    {
        using var host = BuildHost(new() { [setting] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Rows: the AzureBlobs settings → the words the start-up error must contain.</summary>
    [Theory]
    [InlineData(null, "b12bot-state", "Storage:AzureBlobs:ConnectionString is required when Storage:Kind is AzureBlobs.")]
    [InlineData("  ", "b12bot-state", "Storage:AzureBlobs:ConnectionString is required")]
    [InlineData("AccountKey=geheim-en-kapot", "b12bot-state", "Storage:AzureBlobs:ConnectionString is not a valid Azure Storage connection string.")]
    [InlineData(EmulatorConnectionString, "Bot_State", "Storage:AzureBlobs:ContainerName 'Bot_State' is not a valid container name")]
    [InlineData(EmulatorConnectionString, "ab", "Storage:AzureBlobs:ContainerName 'ab' is not a valid container name")]
    public async Task Wrong_blob_settings_stop_the_host_at_start_up_with_a_clear_message(string? connectionString, string container, string expected)
    {
        using var host = BuildHost(new()
        {
            ["Storage:Kind"] = "AzureBlobs",
            ["Storage:AzureBlobs:ConnectionString"] = connectionString,
            ["Storage:AzureBlobs:ContainerName"] = container,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_span_that_is_not_one_names_the_setting_at_start_up()
    {
        using var host = BuildHost(new() { ["Storage:ConversationTtl"] = "dertig dagen" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Storage:ConversationTtl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_store_with_a_wrong_kind_fails_with_the_same_message()
    {
        using var host = BuildHost(new() { ["Storage:Kind"] = "Redis" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStorage>());

        Assert.Contains("Storage:Kind 'Redis' is not supported", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _contentRoot.Delete(recursive: true);
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = _contentRoot.FullName,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddB12BotStorage(builder.Configuration);
        return builder.Build();
    }
}
