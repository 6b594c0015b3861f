using Newtonsoft.Json.Linq;

namespace B12Bot.DirectLine;

/// <summary>
/// Where the Direct Line conversations live: <see cref="MemoryDirectLineStore"/> for one instance,
/// <see cref="RedisDirectLineStore"/> for several. Both keep the same rules: a conversation is forgotten after
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> without a new activity (reading does not count), a
/// conversation active within <see cref="DirectLineOptions.ActiveWindow"/> is never dropped to make room, and
/// "vergeet mij" removes the transcript at once and refuses the conversation's tokens from then on.
/// </summary>
/// <remarks>A store that cannot reach its backing service throws <see cref="DirectLineStoreUnavailableException"/> (503).</remarks>
public interface IDirectLineStore
{
    /// <summary>
    /// Starts conversation <paramref name="id"/> for <paramref name="userId"/>, or returns it when it exists. Refused
    /// when it was forgotten, when too many conversations were started this minute, or when every place is taken
    /// by an active conversation.
    /// </summary>
    Task<StartResult> StartAsync(string id, string userId, string? locale, CancellationToken cancellationToken);

    /// <summary>The conversation, whatever its phase; null when it is unknown, expired or gone.</summary>
    Task<DirectLineConversation?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Whether "vergeet mij" ended conversation <paramref name="id"/> (its tokens are refused until they would have expired).</summary>
    Task<bool> IsForgottenAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity with the next id (<c>{conversationId}|0000007</c>) unless <paramref name="keepId"/>
    /// (an update of an earlier activity). A client may add to an active conversation only; the bot also to one
    /// that is ending (its reply to "vergeet mij"). Returns the id, or null when the conversation does not take it.
    /// </summary>
    Task<string?> AppendAsync(string id, JObject activity, ActivitySource source, bool keepId, CancellationToken cancellationToken);

    /// <summary>The activities after <paramref name="watermark"/> (at most <paramref name="max"/>); null when the conversation is gone.</summary>
    Task<ActivityPage?> ReadAsync(string id, long watermark, int max, CancellationToken cancellationToken);

    /// <summary>Completes when conversation <paramref name="id"/> changes after <paramref name="watermark"/> (a new activity, its end), on any instance.</summary>
    Task WaitAsync(string id, long watermark, CancellationToken cancellationToken);

    /// <summary>
    /// "Vergeet mij": the transcript is removed now, the conversation takes no more client activities, its tokens
    /// are refused for a new start or refresh; the bot's reply may still be added and read once. The activity
    /// <paramref name="keepActivityId"/> (the person's own "vergeet mij", when given) stays to be read once beside the
    /// reply: Web Chat shows a reply after the message it answers, and marks that message sent when it comes back.
    /// </summary>
    Task EndAsync(string id, string? keepActivityId, CancellationToken cancellationToken);

    /// <summary>The turn that ended the conversation is over: once its reply is read, the conversation is gone.</summary>
    Task SealAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes the conversation now with everything in it (clients then get 404).</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);
}

/// <summary>One conversation as the endpoints see it.</summary>
public sealed record DirectLineConversation(string Id, string UserId, string? Locale, ConversationPhase Phase);

/// <summary>Where a conversation is in its life.</summary>
public enum ConversationPhase
{
    /// <summary>Open: the client reads and posts.</summary>
    Active,

    /// <summary>"Vergeet mij" was said: the transcript is gone, the bot's reply may still come.</summary>
    Ending,

    /// <summary>The reply is in: the client reads it once more, then the conversation is gone.</summary>
    Ended,
}

/// <summary>Who adds an activity.</summary>
public enum ActivitySource
{
    Client,
    Bot,
}

/// <summary>A page of activities (as finished JSON), the watermark after them and the conversation's phase.</summary>
public sealed record ActivityPage(IReadOnlyList<string> Activities, long Watermark, ConversationPhase Phase);

/// <summary>What starting a conversation came to.</summary>
public enum StartOutcome
{
    Created,
    Existing,

    /// <summary>"Vergeet mij" ended it: the token that names it is refused.</summary>
    Forgotten,

    /// <summary>Too many new conversations this minute (429).</summary>
    TooMany,

    /// <summary>Every place is taken by an active conversation (503).</summary>
    Full,
}

/// <summary>The outcome of <see cref="IDirectLineStore.StartAsync"/>, with how long to wait when refused.</summary>
public sealed record StartResult(StartOutcome Outcome, DirectLineConversation? Conversation, TimeSpan RetryAfter)
{
    public static StartResult Refused(StartOutcome outcome, TimeSpan retryAfter) => new(outcome, null, retryAfter);
}

/// <summary>The store's backing service (Redis) cannot be reached; the client gets 503 with Retry-After.</summary>
public sealed class DirectLineStoreUnavailableException : Exception
{
    public DirectLineStoreUnavailableException()
    {
    }

    public DirectLineStoreUnavailableException(string message)
        : base(message)
    {
    }

    public DirectLineStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
