using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// The conversations in this process's memory, bounded: at most <see cref="DirectLineOptions.MaxConversations"/>
/// conversations and <see cref="DirectLineOptions.MaxStoredBytes"/> of activities. Only conversations idle for
/// longer than <see cref="DirectLineOptions.ActiveWindow"/> make room; when there are none, new ones are refused.
/// One instance only: another instance cannot see these conversations.
/// </summary>
public sealed partial class MemoryDirectLineStore : IDirectLineStore, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Conversation> conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> forgotten = new(StringComparer.Ordinal);
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<MemoryDirectLineStore> logger;
    private readonly ITimer sweeper;
    private readonly Lock admission = new();
    private DateTimeOffset windowStart;
    private int startedInWindow;
    private long totalBytes;

    public MemoryDirectLineStore(DirectLineOptions options, TimeProvider time, ILogger<MemoryDirectLineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options;
        this.time = time;
        this.logger = logger;
        windowStart = time.GetUtcNow();
        sweeper = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public int Count => conversations.Count;

    /// <summary>Bytes of activity JSON held in all conversations.</summary>
    public long StoredBytes => Interlocked.Read(ref totalBytes);

    public Task<StartResult> StartAsync(string id, string userId, string? locale, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (IsForgotten(id))
        {
            return Task.FromResult(StartResult.Refused(StartOutcome.Forgotten, TimeSpan.Zero));
        }

        lock (admission)
        {
            if (Find(id) is { } existing)
            {
                return Task.FromResult(new StartResult(StartOutcome.Existing, existing.Snapshot(), TimeSpan.Zero));
            }

            var now = time.GetUtcNow();
            if (now - windowStart >= TimeSpan.FromMinutes(1))
            {
                windowStart = now;
                startedInWindow = 0;
            }

            if (startedInWindow >= options.NewConversationsPerMinute)
            {
                StoreLog.Refused(logger, "rate", conversations.Count);
                return Task.FromResult(StartResult.Refused(StartOutcome.TooMany, windowStart + TimeSpan.FromMinutes(1) - now));
            }

            if (conversations.Count >= options.MaxConversations && !MakeRoom(now, 1))
            {
                StoreLog.Refused(logger, "full", conversations.Count);
                return Task.FromResult(StartResult.Refused(StartOutcome.Full, UntilRoom(now)));
            }

            startedInWindow++;
            var created = new Conversation(id, userId, locale, options.MaxActivitiesPerConversation, now);
            conversations[id] = created;
            StoreLog.Started(logger, conversations.Count);
            return Task.FromResult(new StartResult(StartOutcome.Created, created.Snapshot(), TimeSpan.Zero));
        }
    }

    public Task<DirectLineConversation?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(Find(id)?.Snapshot());

    public Task<bool> IsForgottenAsync(string id, CancellationToken cancellationToken) => Task.FromResult(IsForgotten(id));

    public Task<string?> AppendAsync(string id, JObject activity, ActivitySource source, bool keepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (Find(id) is not { } conversation)
        {
            return Task.FromResult<string?>(null);
        }

        var appended = conversation.Append(activity, source, keepId, time.GetUtcNow());
        if (appended is not { } result)
        {
            return Task.FromResult<string?>(null);
        }

        Interlocked.Add(ref totalBytes, result.AddedBytes);
        if (StoredBytes > options.MaxStoredBytes)
        {
            lock (admission)
            {
                MakeRoom(time.GetUtcNow(), 0);
            }
        }

        return Task.FromResult<string?>(result.Id);
    }

    public Task<ActivityPage?> ReadAsync(string id, long watermark, int max, CancellationToken cancellationToken) =>
        Task.FromResult(Find(id)?.Read(watermark, max));

    public Task WaitAsync(string id, long watermark, CancellationToken cancellationToken) =>
        Find(id) is { } conversation ? conversation.WaitAsync(watermark, cancellationToken) : Task.CompletedTask;

    public Task EndAsync(string id, string? keepActivityId, CancellationToken cancellationToken)
    {
        forgotten[id] = time.GetUtcNow() + options.TokenLifetime;
        if (Find(id) is { } conversation)
        {
            Interlocked.Add(ref totalBytes, -conversation.End(time.GetUtcNow(), keepActivityId));
        }

        return Task.CompletedTask;
    }

    public Task SealAsync(string id, CancellationToken cancellationToken)
    {
        Find(id)?.Seal();
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(conversations.TryGetValue(id, out var conversation) && Remove(conversation));

    /// <summary>Forgets conversations that have been idle too long, and ended ones whose reply was never read.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var conversation in conversations.Values)
        {
            if (IsExpired(conversation, now) && Remove(conversation))
            {
                removed++;
            }
        }

        foreach (var (id, until) in forgotten)
        {
            if (now >= until)
            {
                forgotten.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, until));
            }
        }

        if (removed > 0)
        {
            StoreLog.Expired(logger, removed, conversations.Count);
        }
    }

    public void Dispose() => sweeper.Dispose();

    private bool IsForgotten(string id) => forgotten.TryGetValue(id, out var until) && time.GetUtcNow() < until;

    private Conversation? Find(string? id)
    {
        if (id is null || !conversations.TryGetValue(id, out var found))
        {
            return null;
        }

        // Reading does not count as activity: a chat left open in a tab is still forgotten after the idle time.
        if (IsExpired(found, time.GetUtcNow()))
        {
            Remove(found);
            return null;
        }

        return found;
    }

    private bool IsExpired(Conversation conversation, DateTimeOffset now) =>
        conversation.EndedAt is { } ended
            ? now - ended > options.FarewellWindow
            : now - conversation.LastUsed > options.ConversationIdleTimeout;

    /// <summary>
    /// Drops expired conversations, then idle ones (least recently used first), until there is room for
    /// <paramref name="places"/> more and the bytes fit. Never drops a conversation active within the window.
    /// </summary>
    private bool MakeRoom(DateTimeOffset now, int places)
    {
        Sweep();
        var evicted = 0;
        foreach (var conversation in conversations.Values.Where(c => now - c.LastUsed > options.ActiveWindow).OrderBy(c => c.LastUsed).ToList())
        {
            if (conversations.Count + places <= options.MaxConversations && StoredBytes <= options.MaxStoredBytes)
            {
                break;
            }

            if (Remove(conversation))
            {
                evicted++;
            }
        }

        if (evicted > 0)
        {
            StoreLog.Evicted(logger, evicted, conversations.Count);
        }

        return conversations.Count + places <= options.MaxConversations;
    }

    /// <summary>When the least recently active conversation leaves the active window (at least a second).</summary>
    private TimeSpan UntilRoom(DateTimeOffset now)
    {
        var oldest = conversations.Values.Select(c => c.LastUsed).DefaultIfEmpty(now).Min();
        var wait = oldest + options.ActiveWindow - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private bool Remove(Conversation conversation)
    {
        if (!conversations.TryRemove(new KeyValuePair<string, Conversation>(conversation.Id, conversation)))
        {
            return false;
        }

        Interlocked.Add(ref totalBytes, -conversation.Gone());
        return true;
    }

    private static partial class StoreLog
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line conversation started; {Count} in memory")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line forgot {Removed} idle conversations; {Count} in memory")]
        public static partial void Expired(ILogger logger, int removed, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line dropped {Evicted} idle conversations to stay within its bounds; {Count} in memory")]
        public static partial void Evicted(ILogger logger, int evicted, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line refused a new conversation ({Reason}); {Count} in memory")]
        public static partial void Refused(ILogger logger, string reason, int count);
    }

    /// <summary>One conversation: its activity log (finished JSON, each with a sequence number that doubles as the watermark).</summary>
    private sealed class Conversation(string id, string userId, string? locale, int maxActivities, DateTimeOffset now)
    {
        private readonly Lock gate = new();
        private readonly Queue<Entry> log = new();
        private long lastSequence;
        private long bytes;
        private long lastUsedTicks = now.UtcTicks;
        private ConversationPhase phase;
        private TaskCompletionSource changed = NewSignal();

        public string Id { get; } = id;

        public DateTimeOffset LastUsed => new(Interlocked.Read(ref lastUsedTicks), TimeSpan.Zero);

        public DateTimeOffset? EndedAt { get; private set; }

        public DirectLineConversation Snapshot()
        {
            lock (gate)
            {
                return new DirectLineConversation(Id, userId, locale, phase);
            }
        }

        public (string Id, long AddedBytes)? Append(JObject activity, ActivitySource source, bool keepId, DateTimeOffset now)
        {
            lock (gate)
            {
                var allowed = phase == ConversationPhase.Active || (phase == ConversationPhase.Ending && source == ActivitySource.Bot);
                if (!allowed)
                {
                    return null;
                }

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

                bytes += added;
                if (phase == ConversationPhase.Active)
                {
                    Interlocked.Exchange(ref lastUsedTicks, now.UtcTicks);
                }

                Signal();
                return (id, added);
            }
        }

        public ActivityPage Read(long watermark, int max)
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

                return new ActivityPage(result, last, phase);
            }
        }

        public Task WaitAsync(long watermark, CancellationToken cancellationToken)
        {
            Task signal;
            lock (gate)
            {
                if (lastSequence > watermark || phase == ConversationPhase.Ended)
                {
                    return Task.CompletedTask;
                }

                signal = changed.Task;
            }

            return signal.WaitAsync(cancellationToken);
        }

        /// <summary>Drops the transcript but the activity <paramref name="keep"/>; returns the bytes freed.</summary>
        public long End(DateTimeOffset now, string? keep)
        {
            lock (gate)
            {
                if (phase != ConversationPhase.Active)
                {
                    return 0;
                }

                phase = ConversationPhase.Ending;
                EndedAt = now;
                var kept = keep is null ? [] : log.Where(e => e.Json.Contains(IdProperty(keep), StringComparison.Ordinal)).ToList();
                var freed = bytes;
                log.Clear();
                bytes = 0;
                foreach (var entry in kept)
                {
                    log.Enqueue(entry);
                    bytes += entry.Size;
                    freed -= entry.Size;
                }

                Signal();
                return freed;
            }
        }

        public void Seal()
        {
            lock (gate)
            {
                if (phase == ConversationPhase.Ending)
                {
                    phase = ConversationPhase.Ended;
                    Signal();
                }
            }
        }

        /// <summary>Drops everything (the conversation is removed); returns the bytes freed.</summary>
        public long Gone()
        {
            lock (gate)
            {
                var freed = bytes;
                log.Clear();
                bytes = 0;
                phase = ConversationPhase.Ended;
                Signal();
                return freed;
            }
        }

        private void Signal()
        {
            var signal = changed;
            changed = NewSignal();
            signal.TrySetResult();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly record struct Entry(long Sequence, string Json, long Size);

        /// <summary>How an activity's id reads in its stored JSON.</summary>
        private static string IdProperty(string activityId) => "\"id\":" + JsonConvert.ToString(activityId);
    }
}
