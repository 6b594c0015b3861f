namespace B12Bot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default), <c>AzureBlobs</c> or <c>Memory</c> (tests only).</summary>
    public string? Kind { get; set; }

    /// <summary>How long conversation state lives after its last change (default 30 days).</summary>
    public TimeSpan ConversationTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long user state lives after its last change (default: the same as <see cref="ConversationTtl"/>).</summary>
    public TimeSpan? UserTtl { get; set; }

    /// <summary>How often the expiry service deletes expired entries (default hourly).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public AzureBlobsStorageOptions AzureBlobs { get; set; } = new();

    /// <summary>The kind to use: <see cref="Kind"/>, or SQLite when nothing is configured.</summary>
    public StorageKind ResolvedKind => StorageKindNames.TryParse(Kind, out var kind) ? kind : StorageKind.Sqlite;

    public StateExpiryPolicy ToExpiryPolicy() => new(ConversationTtl, UserTtl ?? ConversationTtl);
}

public enum StorageKind
{
    Sqlite,
    AzureBlobs,
    Memory,
}

/// <summary><c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file; relative paths are under the content root. Default <c>App_Data/b12bot.db</c>.</summary>
    public string? Path { get; set; }

    /// <summary>How long to wait for another connection's lock before reporting the store unavailable (whole seconds).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary><c>Storage:AzureBlobs</c>.</summary>
public sealed class AzureBlobsStorageOptions
{
    public const string DefaultContainerName = "b12bot-state";

    /// <summary>An Azure Storage connection string (required for <c>AzureBlobs</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container holding one blob per state key; created when missing.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>The most one storage call (with its retry) may take before the store reports itself unavailable.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The most one HTTP attempt may take.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a failed attempt (a short fixed pause between them).</summary>
    public int MaxRetries { get; set; } = 1;
}

internal static class StorageKindNames
{
    public static string Supported => string.Join(", ", Enum.GetNames<StorageKind>());

    /// <summary>Empty means the default (SQLite); otherwise a kind's name, ignoring case.</summary>
    public static bool TryParse(string? value, out StorageKind kind)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            kind = StorageKind.Sqlite;
            return true;
        }

        // Names only: Enum.TryParse would also accept numbers such as "7".
        var name = value.Trim();
        kind = StorageKind.Sqlite;
        return name.All(char.IsAsciiLetter) && Enum.TryParse(name, ignoreCase: true, out kind);
    }
}
