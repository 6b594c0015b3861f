using B12Bot.Privacy;
using B12Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace B12Bot.Editors;

/// <summary>Registers what the editors learn from: the store, the recorder, feedback handling and erasure.</summary>
public static class EditorsServiceCollectionExtensions
{
    public static readonly string DefaultFileName = "b12bot-editors.db";

    public static IServiceCollection AddB12BotEditors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EditorsOptions>().Bind(configuration.GetSection(EditorsOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IEditorStore>(CreateStore);
        services.AddSingleton<EditorsRecorder>();
        services.AddSingleton<FeedbackActivities>();
        services.AddSingleton<TeamsAnswers>();
        services.AddSingleton<IPersonalDataEraser, EditorsEraser>();
        services.AddHostedService<EditorsFlushService>();
        return services;
    }

    private static IEditorStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EditorsOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var memory = string.Equals(options.Store, "Memory", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrWhiteSpace(options.Store) && storage.ResolvedKind == StorageKind.Memory);
        if (memory)
        {
            return new MemoryEditorStore();
        }

        // With the state in Blob storage (several instances), the editors' items go there too.
        var blobs = string.Equals(options.Store, "AzureBlobs", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrWhiteSpace(options.Store) && storage.ResolvedKind == StorageKind.AzureBlobs);
        if (blobs && !string.IsNullOrWhiteSpace(storage.AzureBlobs.ConnectionString))
        {
            return new BlobEditorStore(storage.AzureBlobs.ConnectionString, options.ContainerName);
        }

        // The same data folder as the state's SQLite file (relative paths under the content root).
        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        var statePath = string.IsNullOrWhiteSpace(storage.Sqlite.Path) ? StorageServiceCollectionExtensions.DefaultSqlitePath : storage.Sqlite.Path.Trim();
        var path = string.IsNullOrWhiteSpace(options.SqlitePath)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(root, statePath)))!, DefaultFileName)
            : Path.GetFullPath(Path.Combine(root, options.SqlitePath.Trim()));
        return new SqliteEditorStore(path);
    }
}
