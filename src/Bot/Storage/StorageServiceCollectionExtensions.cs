using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace B12Bot.Storage;

/// <summary>Registers the state storage chosen by the <c>Storage</c> configuration section.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite file when <c>Storage:Sqlite:Path</c> is not set, relative to the content root.</summary>
    public static readonly string DefaultSqlitePath = Path.Combine("App_Data", "b12bot.db");

    /// <summary>
    /// Registers <see cref="IConcurrencyAwareStorage"/> and <see cref="IStorage"/> (one singleton of the configured
    /// kind), <see cref="ConversationState"/>, <see cref="UserState"/> and the <see cref="StateExpiryService"/>.
    /// The configuration is validated when the host starts (and whenever the storage is first resolved).
    /// </summary>
    public static IServiceCollection AddB12BotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound lazily, so configuration added later by the host (or a test factory) still counts.
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // One store per process: it owns the connection pool or HTTP pipeline.
        services.AddSingleton<IConcurrencyAwareStorage>(CreateStorage);
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IConcurrencyAwareStorage>());

        // Bot Framework's state scopes over that store (keys: {channel}/conversations/{id}, {channel}/users/{id}).
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();

        // Deletes state older than its time to live.
        services.AddHostedService<StateExpiryService>();
        return services;
    }

    private static IConcurrencyAwareStorage CreateStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var expiry = options.ToExpiryPolicy();
        return options.ResolvedKind switch
        {
            StorageKind.AzureBlobs => new BlobStateStorage(options.AzureBlobs, expiry, clock),
            StorageKind.Memory => new MemoryStateStorage(expiry, clock),
            _ => new SqliteStateStorage(ResolveSqlitePath(services, options.Sqlite.Path), expiry, clock, options.Sqlite.BusyTimeout),
        };
    }

    private static string ResolveSqlitePath(IServiceProvider services, string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultSqlitePath : configured.Trim();
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        return Path.GetFullPath(Path.Combine(root, path));
    }
}
