using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// The conversations of the Direct Line endpoint, in memory only and bounded: a conversation is forgotten after
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> without a new activity (polling does not count), and the
/// least recently active ones are dropped when there are more than <see cref="DirectLineOptions.MaxConversations"/>
/// or their activities take more than <see cref="DirectLineOptions.MaxStoredBytes"/>. Health conversations are not
/// kept longer than needed.
/// </summary>
public sealed partial class DirectLineConversationStore : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DirectLineConversation> conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions options;
    private readonly DirectLineTokens tokens;
    private readonly TimeProvider time;
    private readonly ILogger<DirectLineConversationStore> logger;
    private readonly ITimer sweeper;
    private readonly object evictionGate = new();
    private long totalBytes;

    public DirectLineConversationStore(DirectLineOptions options, DirectLineTokens tokens, TimeProvider time, ILogger<DirectLineConversationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options;
        this.tokens = tokens;
        this.time = time;
        this.logger = logger;
        sweeper = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public int Count => conversations.Count;

    /// <summary>Bytes of activity JSON held in all conversations.</summary>
    public long StoredBytes => Interlocked.Read(ref totalBytes);

    /// <summary>
    /// The conversation <paramref name="id"/>, created for <paramref name="userId"/> when it does not exist yet.
    /// <paramref name="created"/> says which. A token names its conversation before the conversation is started.
    /// </summary>
    public DirectLineConversation GetOrCreate(string id, string userId, string? locale, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        for (;;)
        {
            if (TryGet(id, out var existing))
            {
                created = false;
                return existing;
            }

            var candidate = new DirectLineConversation(
                id, userId, locale, tokens.Derive("connector", id), options.MaxActivitiesPerConversation, time.GetUtcNow());
            if (conversations.TryAdd(id, candidate))
            {
                created = true;
                StoreLog.Started(logger, conversations.Count);
                EvictIfNeeded();
                return candidate;
            }
        }
    }

    /// <summary>The conversation <paramref name="id"/>, if it exists and has not expired.</summary>
    public bool TryGet(string? id, out DirectLineConversation conversation)
    {
        conversation = null!;
        if (id is null || !conversations.TryGetValue(id, out var found))
        {
            return false;
        }

        // Reading does not count as activity: a chat left open in a tab is still forgotten after the idle time.
        if (time.GetUtcNow() - found.LastUsed > options.ConversationIdleTimeout)
        {
            Remove(found);
            return false;
        }

        conversation = found;
        return true;
    }

    /// <summary>Appends an activity to a conversation's log, keeping the memory bound.</summary>
    public string Append(DirectLineConversation conversation, JObject activity, bool keepId = false)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        var (id, added) = conversation.Append(activity, keepId);
        conversation.Touch(time.GetUtcNow());
        if (conversations.TryGetValue(conversation.Id, out var current) && ReferenceEquals(current, conversation))
        {
            Interlocked.Add(ref totalBytes, added);
            EvictIfNeeded();
        }

        return id;
    }

    /// <summary>Forgets a conversation now, with everything said in it (clients then get 404 and start anew).</summary>
    public bool Forget(string conversationId) =>
        conversations.TryGetValue(conversationId, out var conversation) && Remove(conversation);

    /// <summary>Forgets conversations that have been idle too long.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var conversation in conversations.Values)
        {
            if (now - conversation.LastUsed > options.ConversationIdleTimeout && Remove(conversation))
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            StoreLog.Expired(logger, removed, conversations.Count);
        }
    }

    public void Dispose() => sweeper.Dispose();

    private void EvictIfNeeded()
    {
        if (conversations.Count <= options.MaxConversations && StoredBytes <= options.MaxStoredBytes)
        {
            return;
        }

        lock (evictionGate)
        {
            Sweep();
            var evicted = 0;
            foreach (var conversation in conversations.Values.OrderBy(c => c.LastUsed).ToList())
            {
                if (conversations.Count <= options.MaxConversations && StoredBytes <= options.MaxStoredBytes)
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
        }
    }

    private bool Remove(DirectLineConversation conversation)
    {
        if (!conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            return false;
        }

        Interlocked.Add(ref totalBytes, -conversation.Bytes);
        return true;
    }

    private static partial class StoreLog
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line conversation started; {Count} in memory")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line forgot {Removed} idle conversations; {Count} in memory")]
        public static partial void Expired(ILogger logger, int removed, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line dropped {Evicted} conversations to stay within its memory bounds; {Count} in memory")]
        public static partial void Evicted(ILogger logger, int evicted, int count);
    }
}
