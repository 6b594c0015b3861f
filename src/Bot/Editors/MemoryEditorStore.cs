using System.Security.Cryptography;

namespace B12Bot.Editors;

/// <summary>Editor items in memory (tests, and a bot whose state is in memory).</summary>
public sealed class MemoryEditorStore : IEditorStore
{
    private readonly Lock _gate = new();
    private readonly List<EditorItem> _items = [];
    private readonly Dictionary<(string Week, WeeklyCountKind Kind), int> _weeks = [];
    private readonly Dictionary<string, (string EntryId, string Owner, DateTimeOffset At)> _answers = new(StringComparer.Ordinal);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public Task AddAsync(EditorItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            _items.Add(item);
        }

        return Task.CompletedTask;
    }

    public Task AddCountsAsync(IReadOnlyCollection<WeeklyCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            foreach (var count in counts)
            {
                _weeks[(count.Week, count.Kind)] = _weeks.GetValueOrDefault((count.Week, count.Kind)) + count.Count;
            }
        }

        return Task.CompletedTask;
    }

    public Task<EditorData> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var items = _items.Where(i => i.At >= since).OrderBy(i => i.At).ToList();
            var weeks = _weeks.Select(w => new WeeklyCount(w.Key.Week, w.Key.Kind, w.Value)).OrderBy(w => w.Week, StringComparer.Ordinal).ToList();
            return Task.FromResult(new EditorData(items, weeks));
        }
    }

    public Task EraseOwnerAsync(string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _items.RemoveAll(i => i.Owner == owner);
            foreach (var key in _answers.Where(a => a.Value.Owner == owner).Select(a => a.Key).ToList())
            {
                _answers.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var oldestWeek = EditorWeeks.Of(before);
        lock (_gate)
        {
            _items.RemoveAll(i => i.At < before);
            foreach (var key in _answers.Where(a => a.Value.At < before).Select(a => a.Key).ToList())
            {
                _answers.Remove(key);
            }

            foreach (var key in _weeks.Keys.Where(k => string.CompareOrdinal(k.Week, oldestWeek) < 0).ToList())
            {
                _weeks.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task RememberAnswerAsync(string messageKey, string entryId, string owner, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _answers[messageKey] = (entryId, owner, at);
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindAnswerAsync(string messageKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_answers.TryGetValue(messageKey, out var found) ? found.EntryId : null);
        }
    }

    public Task<byte[]> HashKeyAsync(CancellationToken cancellationToken) => Task.FromResult(_key);
}
