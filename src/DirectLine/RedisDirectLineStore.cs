using System.Collections.Concurrent;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using StackExchange.Redis;

namespace B12Bot.DirectLine;

/// <summary>
/// The conversations in Redis, shared by every instance: a hash per conversation (user, locale, phase, last
/// sequence number), a sorted set of its activities (score = sequence number = watermark), a marker per forgotten
/// conversation, and an index of conversations by last activity for the global bound. Every key has a TTL: the idle
/// timeout, the farewell window after "vergeet mij", or a token's lifetime for the forgotten marker. Each change is
/// published on one channel, so a stream on any instance hears of a post made through any other. Each operation is
/// one Lua script, so sequence numbers, activities and phases never disagree, whatever runs at once.
/// </summary>
public sealed partial class RedisDirectLineStore : IDirectLineStore, IDisposable
{
    private const string IdPlaceholder = "$B12SEQ$";

    /// <summary>
    /// Shared by the scripts: whether the conversation in KEYS[1] is over by the app's clock (idle too long, or its
    /// farewell window passed), removing it when it is. Key TTLs only clean up behind this; the app's clock decides.
    /// </summary>
    private const string Prelude = """
        local function current(now, idle)
          local h = redis.call('HMGET', KEYS[1], 'phase', 'used', 'until', 'user', 'locale', 'seq')
          if not h[1] then return nil end
          local over
          if h[1] == 'a' then over = now - tonumber(h[2]) > idle else over = now > tonumber(h[3]) end
          if over then
            redis.call('DEL', KEYS[1], KEYS[2])
            return nil
          end
          return h
        end

        """;

    // KEYS: conversation, activities, forgotten, index, new-per-minute counter.
    // ARGV: id, user, locale, now, idle, active window, max conversations, per minute, prefix, channel, TTL backstop.
    private const string StartScript = Prelude + """
        local now = tonumber(ARGV[4])
        local forgotten = redis.call('GET', KEYS[3])
        if forgotten and tonumber(forgotten) > now then return {'forgotten'} end
        local c = current(now, tonumber(ARGV[5]))
        if c then return {'existing', c[4], c[5] or '', c[1]} end
        local n = redis.call('INCR', KEYS[5])
        if n == 1 then redis.call('PEXPIRE', KEYS[5], 120000) end
        if n > tonumber(ARGV[8]) then return {'toomany'} end
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[5]))
        local count = redis.call('ZCARD', KEYS[4])
        local max = tonumber(ARGV[7])
        if count >= max then
          local idle = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[6]), 'LIMIT', 0, count - max + 1)
          for _, victim in ipairs(idle) do
            redis.call('DEL', ARGV[9] .. 'c:' .. victim, ARGV[9] .. 'a:' .. victim)
            redis.call('ZREM', KEYS[4], victim)
            redis.call('PUBLISH', ARGV[10], victim)
          end
          if count - #idle >= max then
            local oldest = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
            return {'full', tostring(tonumber(oldest[2]) + tonumber(ARGV[6]) - now)}
          end
        end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'user', ARGV[2], 'locale', ARGV[3], 'phase', 'a', 'seq', 0, 'used', ARGV[4], 'until', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[11])
        redis.call('ZADD', KEYS[4], now, ARGV[1])
        return {'created'}
        """;

    // KEYS: conversation, activities, index. ARGV: json, source, given id, conversation id, now, idle, max activities, channel, TTL backstop.
    private const string AppendScript = Prelude + """
        local c = current(tonumber(ARGV[5]), tonumber(ARGV[6]))
        if not c then return false end
        local phase = c[1]
        if not (phase == 'a' or (phase == 'e' and ARGV[2] == 'b')) then return false end
        local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
        local id = ARGV[3]
        local json = ARGV[1]
        if id == '' then
          id = ARGV[4] .. '|' .. string.format('%07d', seq)
          json = string.gsub(json, '"id":"%$B12SEQ%$"', '"id":"' .. id .. '"', 1)
        end
        redis.call('ZADD', KEYS[2], seq, json)
        local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[7])
        if over > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1) end
        if phase == 'a' then
          redis.call('HSET', KEYS[1], 'used', ARGV[5])
          redis.call('PEXPIRE', KEYS[1], ARGV[9])
          redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
        end
        redis.call('PEXPIRE', KEYS[2], math.max(1, redis.call('PTTL', KEYS[1])))
        redis.call('PUBLISH', ARGV[8], ARGV[4])
        return id
        """;

    // KEYS: conversation, activities. ARGV: watermark, max, now, idle.
    private const string ReadScript = Prelude + """
        local c = current(tonumber(ARGV[3]), tonumber(ARGV[4]))
        if not c then return false end
        local items = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
        return {c[1], c[6], items}
        """;

    // KEYS: conversation, activities. ARGV: now, idle.
    private const string GetScript = Prelude + """
        local c = current(tonumber(ARGV[1]), tonumber(ARGV[2]))
        if not c then return false end
        return {c[4], c[5] or '', c[1], c[6]}
        """;

    // KEYS: conversation, activities, forgotten, index. ARGV: now, farewell, token lifetime, id, channel, the kept
    // activity's id as it reads in its JSON (or '').
    private const string EndScript = """
        local now = tonumber(ARGV[1])
        redis.call('SET', KEYS[3], tostring(now + tonumber(ARGV[3])), 'PX', ARGV[3])
        if redis.call('HGET', KEYS[1], 'phase') == 'a' then
          local kept = {}
          if ARGV[6] ~= '' then
            local items = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
            for i = 1, #items, 2 do
              if string.find(items[i], ARGV[6], 1, true) then
                table.insert(kept, items[i + 1])
                table.insert(kept, items[i])
              end
            end
          end
          redis.call('DEL', KEYS[2])
          if #kept > 0 then
            redis.call('ZADD', KEYS[2], unpack(kept))
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
          end
          redis.call('HSET', KEYS[1], 'phase', 'e', 'until', tostring(now + tonumber(ARGV[2])))
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        redis.call('ZREM', KEYS[4], ARGV[4])
        redis.call('PUBLISH', ARGV[5], ARGV[4])
        return 1
        """;

    private const string SealScript = """
        if redis.call('HGET', KEYS[1], 'phase') == 'e' then
          redis.call('HSET', KEYS[1], 'phase', 'd')
          redis.call('PUBLISH', ARGV[1], ARGV[2])
        end
        return 1
        """;

    private const string RemoveScript = """
        local existed = redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZREM', KEYS[3], ARGV[2])
        redis.call('PUBLISH', ARGV[1], ARGV[2])
        return existed
        """;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiters = new(StringComparer.Ordinal);
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<RedisDirectLineStore> logger;
    private readonly ConnectionMultiplexer connection;
    private readonly string prefix;
    private readonly RedisChannel channel;
    private readonly RedisKey index;
    private volatile bool subscribed;

    public RedisDirectLineStore(DirectLineOptions options, TimeProvider time, ILogger<RedisDirectLineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.options = options;
        this.time = time;
        this.logger = logger;
        prefix = options.Redis.KeyPrefix;
        channel = RedisChannel.Literal(prefix + "events");
        index = prefix + "index";

        var configuration = ConfigurationOptions.Parse(options.Redis.Configuration ?? string.Empty);

        // Start without Redis and reconnect by itself; while it is away, fail at once (503) instead of queueing.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => RedisLog.ConnectionFailed(logger, e.FailureType.ToString());
        connection.ConnectionRestored += (_, _) =>
        {
            RedisLog.ConnectionRestored(logger);
            if (!subscribed)
            {
                Subscribe();
            }
        };
        Subscribe();
    }

    /// <summary>
    /// Listens for the changes other instances publish. Redis may not be there yet (the store starts without it):
    /// then the next restored connection subscribes. A handler subscribed twice only wakes a waiter twice, which is harmless.
    /// </summary>
    private void Subscribe()
    {
        try
        {
            connection.GetSubscriber().Subscribe(channel, (_, message) => Signal(message.ToString()));
            subscribed = true;
        }
        catch (RedisConnectionException ex)
        {
            RedisLog.Unavailable(logger, ex.FailureType.ToString());
        }
    }

    private IDatabase Database => connection.GetDatabase();

    public async Task<StartResult> StartAsync(string id, string userId, string? locale, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = Now();
        var minute = now / 60_000;
        var result = (RedisResult[])(await RunAsync(StartScript,
            [Conversation(id), Activities(id), Forgotten(id), index, prefix + "new:" + minute.ToString(CultureInfo.InvariantCulture)],
            [id, userId, locale ?? string.Empty, now, Milliseconds(options.ConversationIdleTimeout), Milliseconds(options.ActiveWindow),
             options.MaxConversations, options.NewConversationsPerMinute, prefix, channel.ToString(), Backstop]).ConfigureAwait(false))!;
        switch ((string?)result[0])
        {
            case "forgotten":
                return StartResult.Refused(StartOutcome.Forgotten, TimeSpan.Zero);
            case "existing":
                return new StartResult(StartOutcome.Existing, Record(id, (string?)result[1], (string?)result[2], (string?)result[3]), TimeSpan.Zero);
            case "toomany":
                RedisLog.Refused(logger, "rate");
                return StartResult.Refused(StartOutcome.TooMany, TimeSpan.FromMilliseconds(60_000 - (now % 60_000)));
            case "full":
                RedisLog.Refused(logger, "full");
                var wait = TimeSpan.FromMilliseconds(Math.Max(1000, long.Parse((string)result[1]!, CultureInfo.InvariantCulture)));
                return StartResult.Refused(StartOutcome.Full, wait);
            default:
                return new StartResult(StartOutcome.Created, new DirectLineConversation(id, userId, locale, ConversationPhase.Active), TimeSpan.Zero);
        }
    }

    public async Task<DirectLineConversation?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var result = await RunAsync(GetScript, [Conversation(id), Activities(id)], [Now(), Milliseconds(options.ConversationIdleTimeout)]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var values = (RedisResult[])result!;
        return Record(id, (string?)values[0], (string?)values[1], (string?)values[2]);
    }

    public async Task<bool> IsForgottenAsync(string id, CancellationToken cancellationToken)
    {
        var until = await GuardAsync(() => Database.StringGetAsync(Forgotten(id))).ConfigureAwait(false);
        return !until.IsNull && (long)until > Now();
    }

    public async Task<string?> AppendAsync(string id, JObject activity, ActivitySource source, bool keepId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var givenId = keepId && activity.Value<string>("id") is { Length: > 0 } existing ? existing : string.Empty;

        // The id goes first, so the script fills in the sequence number at the one place it can be.
        activity.Remove("id");
        activity.AddFirst(new JProperty("id", givenId.Length > 0 ? givenId : IdPlaceholder));
        var result = await RunAsync(AppendScript,
            [Conversation(id), Activities(id), index],
            [activity.ToString(Formatting.None), source == ActivitySource.Bot ? "b" : "c", givenId, id,
             Now(), Milliseconds(options.ConversationIdleTimeout),
             options.MaxActivitiesPerConversation, channel.ToString(), Backstop]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var assigned = (string)result!;
        activity["id"] = assigned;
        return assigned;
    }

    public async Task<ActivityPage?> ReadAsync(string id, long watermark, int max, CancellationToken cancellationToken)
    {
        var result = await RunAsync(ReadScript, [Conversation(id), Activities(id)],
            [watermark, max, Now(), Milliseconds(options.ConversationIdleTimeout)]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var phase = Phase((string?)parts[0]);
        var sequence = long.Parse((string)parts[1]!, CultureInfo.InvariantCulture);
        var items = (RedisResult[])parts[2]!;
        var activities = new List<string>(items.Length / 2);
        var last = sequence;
        for (var i = 0; i < items.Length; i += 2)
        {
            activities.Add((string)items[i]!);
            last = (long)double.Parse((string)items[i + 1]!, CultureInfo.InvariantCulture);
        }

        return new ActivityPage(activities, activities.Count == max ? last : Math.Max(sequence, watermark), phase);
    }

    public async Task WaitAsync(string id, long watermark, CancellationToken cancellationToken)
    {
        // Listen first, then look: a change published in between is not missed.
        var signal = waiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var values = await GuardAsync(() => Database.HashGetAsync(Conversation(id), ["seq", "phase"])).ConfigureAwait(false);
        if (values[0].IsNull || (long)values[0] > watermark || Phase(values[1]) == ConversationPhase.Ended)
        {
            return;
        }

        await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task EndAsync(string id, string? keepActivityId, CancellationToken cancellationToken) =>
        RunAsync(EndScript, [Conversation(id), Activities(id), Forgotten(id), index],
            [Now(), Milliseconds(options.FarewellWindow), Milliseconds(options.TokenLifetime), id, channel.ToString(),
                keepActivityId is null ? string.Empty : "\"id\":" + Newtonsoft.Json.JsonConvert.ToString(keepActivityId)]);

    public Task SealAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(SealScript, [Conversation(id)], [channel.ToString(), id]);

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken) =>
        (long)(await RunAsync(RemoveScript, [Conversation(id), Activities(id), index], [channel.ToString(), id]).ConfigureAwait(false)) > 0;

    public void Dispose() => connection.Dispose();

    /// <summary>How long Redis keeps an active conversation's keys: the idle timeout and a minute, behind the app's own check.</summary>
    private long Backstop => Milliseconds(options.ConversationIdleTimeout + TimeSpan.FromMinutes(1));

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static ConversationPhase Phase(RedisValue value) => (string?)value switch
    {
        "e" => ConversationPhase.Ending,
        "d" => ConversationPhase.Ended,
        _ => ConversationPhase.Active,
    };

    private static DirectLineConversation Record(string id, RedisValue user, RedisValue locale, RedisValue phase) =>
        new(id, (string)user!, locale.IsNullOrEmpty ? null : (string?)locale, Phase(phase));

    private RedisKey Conversation(string id) => prefix + "c:" + id;

    private RedisKey Activities(string id) => prefix + "a:" + id;

    private RedisKey Forgotten(string id) => prefix + "f:" + id;

    private void Signal(string conversationId)
    {
        if (waiters.TryRemove(conversationId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private Task<RedisResult> RunAsync(string script, RedisKey[] keys, RedisValue[] values) =>
        GuardAsync(() => Database.ScriptEvaluateAsync(script, keys, values));

    /// <summary>Runs a Redis call; a connection failure or timeout becomes <see cref="DirectLineStoreUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or ObjectDisposedException)
        {
            RedisLog.Unavailable(logger, e.GetType().Name);
            throw new DirectLineStoreUnavailableException("Redis is not reachable.", e);
        }
    }

    private static partial class RedisLog
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line Redis call failed: {ErrorKind}")]
        public static partial void Unavailable(ILogger logger, string errorKind);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line lost its Redis connection: {FailureType}")]
        public static partial void ConnectionFailed(ILogger logger, string failureType);

        [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line Redis connection restored")]
        public static partial void ConnectionRestored(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line refused a new conversation ({Reason})")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
