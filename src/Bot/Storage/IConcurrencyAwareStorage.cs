using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace B12Bot.Storage;

/// <summary>
/// An <see cref="IStorage"/> that stores plain JSON and supports optimistic concurrency.
/// </summary>
/// <remarks>
/// <para>Reads never instantiate types: an object comes back as a <see cref="JObject"/> (which
/// <see cref="BotState"/> accepts) carrying the item's current ETag under <c>"eTag"</c>.</para>
/// <para><see cref="IStorage.WriteAsync"/> honours an ETag on the item (an <see cref="IStoreItem"/>'s
/// <c>ETag</c>, or an <c>"eTag"</c> entry of a dictionary or <see cref="JObject"/>): absent, empty or
/// <c>"*"</c> writes unconditionally; any other value writes only if it still matches, else
/// <see cref="StorageConflictException"/>. After a successful write the new ETag is put back on the item,
/// so a second save in the same turn does not conflict with the first. Because BotState keeps the
/// <c>"eTag"</c> it read, its saves are conditional too.</para>
/// <para>Entries older than their time to live (see <see cref="StateExpiryPolicy"/>) read as absent and are
/// removed by <see cref="PurgeExpiredAsync"/>. Backend failures surface as <see cref="StorageUnavailableException"/>.</para>
/// </remarks>
public interface IConcurrencyAwareStorage : IStorage
{
    /// <summary>Reads one key with its ETag; null when it does not exist (or has expired).</summary>
    Task<StorageEntry?> ReadEntryAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-swap write of one key. <paramref name="eTag"/> null means "only if the key does not exist";
    /// <c>"*"</c> means "whatever is there"; any other value means "only if the stored ETag is still this one".
    /// </summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="StorageConflictException">The condition did not hold.</exception>
    Task<string> WriteIfMatchAsync(string key, object value, string? eTag, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry older than its time to live.</summary>
    /// <returns>How many entries were deleted.</returns>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);
}

/// <summary>One stored item: its JSON value (without the ETag), its ETag and when it was last written.</summary>
public sealed record StorageEntry(string Key, JToken Value, string ETag, DateTimeOffset LastModified);
