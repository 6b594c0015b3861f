using B12Bot.Storage;

namespace B12Bot.Tests.Storage;

public sealed class MemoryStateStorageTests : StateStorageContract
{
    protected override IConcurrencyAwareStorage CreateStore(TimeProvider clock, StateExpiryPolicy expiry)
        => new MemoryStateStorage(expiry, clock);

    protected override Task<string?> ReadStoredTextAsync(string key)
        => Task.FromResult(((MemoryStateStorage)Store).GetStoredJson(key));
}
