namespace B12Bot.Editors;

/// <summary>Where editor items, weekly counts and the Teams message → entry map are kept.</summary>
public interface IEditorStore
{
    Task AddAsync(EditorItem item, CancellationToken cancellationToken);

    /// <summary>Adds counts to the weekly totals.</summary>
    Task AddCountsAsync(IReadOnlyCollection<WeeklyCount> counts, CancellationToken cancellationToken);

    /// <summary>Items at or after <paramref name="since"/>, oldest first, and the weekly totals.</summary>
    Task<EditorData> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes every item and remembered message of a conversation (its keyed hash).</summary>
    Task EraseOwnerAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Removes items, remembered messages and weekly totals older than <paramref name="before"/>.</summary>
    Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Remembers which entry a sent message answered from (Teams rates a message by its id only).</summary>
    Task RememberAnswerAsync(string messageKey, string entryId, string owner, DateTimeOffset at, CancellationToken cancellationToken);

    Task<string?> FindAnswerAsync(string messageKey, CancellationToken cancellationToken);

    /// <summary>The key for the conversation hashes: made once and kept with the items.</summary>
    Task<byte[]> HashKeyAsync(CancellationToken cancellationToken);
}
