namespace B12Bot.Storage;

/// <summary>
/// A conditional write lost the race: the stored item changed (or appeared) after it was read.
/// The caller should read again and redo its work against the fresh state.
/// </summary>
public sealed class StorageConflictException : Exception
{
    public StorageConflictException()
        : base("The stored state changed since it was read.")
    {
    }

    public StorageConflictException(string message)
        : base(message)
    {
    }

    public StorageConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The storage key that conflicted (a channel/conversation or channel/user id, never message text).</summary>
    public string? Key { get; init; }
}

/// <summary>
/// The storage backend could not be reached or could not do the work (down, locked, unwritable, too slow).
/// Nothing was decided about the data: the same call may succeed once the backend is back.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("State storage is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
