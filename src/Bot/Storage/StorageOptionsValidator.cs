using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace B12Bot.Storage;

/// <summary>Checks the <c>Storage</c> section at start-up and says exactly which setting is wrong.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (!StorageKindNames.TryParse(options.Kind, out var kind))
        {
            failures.Add($"Storage:Kind '{options.Kind}' is not supported. Use one of: {StorageKindNames.Supported}.");
        }

        RequirePositive(failures, "Storage:ConversationTtl", options.ConversationTtl);
        if (options.UserTtl is { } userTtl)
        {
            RequirePositive(failures, "Storage:UserTtl", userTtl);
        }

        RequirePositive(failures, "Storage:PurgeInterval", options.PurgeInterval);

        if (kind == StorageKind.Sqlite)
        {
            RequirePositive(failures, "Storage:Sqlite:BusyTimeout", options.Sqlite.BusyTimeout);
            if (options.Sqlite.Path is { } path && path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                failures.Add("Storage:Sqlite:Path contains characters that are not allowed in a path.");
            }
        }

        if (kind == StorageKind.AzureBlobs)
        {
            ValidateBlobs(failures, options.AzureBlobs);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBlobs(List<string> failures, AzureBlobsStorageOptions blobs)
    {
        if (string.IsNullOrWhiteSpace(blobs.ConnectionString))
        {
            failures.Add("Storage:AzureBlobs:ConnectionString is required when Storage:Kind is AzureBlobs.");
        }
        else if (!IsUsableConnectionString(blobs.ConnectionString))
        {
            // Never echo the connection string: it holds the account key.
            failures.Add("Storage:AzureBlobs:ConnectionString is not a valid Azure Storage connection string.");
        }

        if (string.IsNullOrWhiteSpace(blobs.ContainerName) || !ContainerNamePattern().IsMatch(blobs.ContainerName))
        {
            failures.Add($"Storage:AzureBlobs:ContainerName '{blobs.ContainerName}' is not a valid container name "
                + "(3-63 lowercase letters, digits and single hyphens, starting with a letter or digit).");
        }

        RequirePositive(failures, "Storage:AzureBlobs:OperationTimeout", blobs.OperationTimeout);
        RequirePositive(failures, "Storage:AzureBlobs:NetworkTimeout", blobs.NetworkTimeout);
        if (blobs.MaxRetries is < 0 or > 5)
        {
            failures.Add("Storage:AzureBlobs:MaxRetries must be between 0 and 5.");
        }
    }

    private static bool IsUsableConnectionString(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void RequirePositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be a positive time span (for example 30.00:00:00 or 00:00:02).");
        }
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerNamePattern();
}
