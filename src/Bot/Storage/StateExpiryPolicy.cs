namespace B12Bot.Storage;

/// <summary>How long each kind of state may live after it was last written.</summary>
public sealed class StateExpiryPolicy
{
    public StateExpiryPolicy(TimeSpan conversationTtl, TimeSpan userTtl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(conversationTtl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(userTtl, TimeSpan.Zero);
        ConversationTtl = conversationTtl;
        UserTtl = userTtl;
    }

    /// <summary>Thirty days for both conversation and user state.</summary>
    public static StateExpiryPolicy Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(30));

    public TimeSpan ConversationTtl { get; }

    public TimeSpan UserTtl { get; }

    /// <summary>The time to live of a kind of key; null when it never expires.</summary>
    public TimeSpan? TtlFor(StateKeyKind kind) => kind switch
    {
        StateKeyKind.Conversation => ConversationTtl,
        StateKeyKind.User => UserTtl,
        _ => null,
    };

    /// <summary>True when an entry last written at <paramref name="lastModified"/> has outlived its time to live.</summary>
    public bool IsExpired(string key, DateTimeOffset lastModified, DateTimeOffset now)
    {
        var ttl = TtlFor(StateKeys.Classify(key));
        return ttl is { } limit && now - lastModified > limit;
    }

    /// <summary>Entries of this kind last written before this moment have expired; null when the kind never expires.</summary>
    public DateTimeOffset? CutoffFor(StateKeyKind kind, DateTimeOffset now)
        => TtlFor(kind) is { } ttl ? now - ttl : null;
}
