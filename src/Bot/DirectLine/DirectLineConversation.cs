using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// One Direct Line conversation held in memory: its activity log (what the user and the bot said, in order, each
/// with a sequence number that doubles as the watermark), who the user is, and the lock that runs its turns one at
/// a time. Activities are stored as finished JSON, exactly as clients receive them.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly object gate = new();
    private readonly Queue<Entry> log = new();
    private readonly int maxActivities;
    private long lastSequence;
    private long bytes;
    private long lastUsedTicks;
    private TaskCompletionSource changed = NewSignal();

    internal DirectLineConversation(string id, string userId, string? locale, string connectorKey, int maxActivities, DateTimeOffset now)
    {
        Id = id;
        UserId = userId;
        Locale = locale;
        ConnectorKey = connectorKey;
        this.maxActivities = maxActivities;
        lastUsedTicks = now.UtcTicks;
    }

    public string Id { get; }

    /// <summary>The user this conversation belongs to (the <c>user</c> claim of its tokens).</summary>
    public string UserId { get; }

    public string? Locale { get; }

    /// <summary>The secret part of the address the bot replies to; proves a reply comes from this server's bot.</summary>
    internal string ConnectorKey { get; }

    /// <summary>
    /// Runs the bot's turns of this conversation one after the other, so state is never written twice at once.
    /// Never disposed: a forgotten conversation may still be finishing a turn, and this lock holds no handle.
    /// </summary>
    internal SemaphoreSlim TurnLock { get; } = new(1, 1);

    internal DateTimeOffset LastUsed => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

    /// <summary>Bytes of activity JSON held now.</summary>
    internal long Bytes => Interlocked.Read(ref bytes);

    /// <summary>The watermark of the newest activity (0 when there is none).</summary>
    public long Watermark
    {
        get
        {
            lock (gate)
            {
                return lastSequence;
            }
        }
    }

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref lastUsedTicks, now.UtcTicks);

    /// <summary>
    /// Appends an activity. It gets the next id (<c>{conversationId}|0000007</c>) unless <paramref name="keepId"/>
    /// and it has one (an update of an earlier activity). Returns the id and the change in stored bytes.
    /// </summary>
    internal (string Id, long AddedBytes) Append(JObject activity, bool keepId = false)
    {
        lock (gate)
        {
            var sequence = ++lastSequence;
            var id = keepId && activity.Value<string>("id") is { Length: > 0 } existing
                ? existing
                : string.Create(CultureInfo.InvariantCulture, $"{Id}|{sequence:D7}");
            activity["id"] = id;
            var json = activity.ToString(Formatting.None);
            var size = (long)Encoding.UTF8.GetByteCount(json);
            log.Enqueue(new Entry(sequence, json, size));
            var added = size;
            while (log.Count > maxActivities)
            {
                added -= log.Dequeue().Size;
            }

            Interlocked.Add(ref bytes, added);
            var signal = changed;
            changed = NewSignal();
            signal.TrySetResult();
            return (id, added);
        }
    }

    /// <summary>The activities after <paramref name="watermark"/> (at most <paramref name="max"/>) and the new watermark.</summary>
    public (IReadOnlyList<string> Activities, long Watermark) Read(long watermark, int max)
    {
        lock (gate)
        {
            var result = new List<string>();
            var last = lastSequence;
            foreach (var entry in log)
            {
                if (entry.Sequence <= watermark)
                {
                    continue;
                }

                if (result.Count == max)
                {
                    break;
                }

                result.Add(entry.Json);
                last = entry.Sequence;
            }

            return (result, last);
        }
    }

    /// <summary>Completes when an activity newer than <paramref name="watermark"/> is appended (or at once if there is one).</summary>
    public Task WaitForActivityAsync(long watermark, CancellationToken cancellationToken)
    {
        Task signal;
        lock (gate)
        {
            if (lastSequence > watermark)
            {
                return Task.CompletedTask;
            }

            signal = changed.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct Entry(long Sequence, string Json, long Size);
}
