using Microsoft.Bot.Schema;

namespace B12Bot.Storage;

/// <summary>What a storage key holds, read from its shape.</summary>
public enum StateKeyKind
{
    /// <summary>Anything else; never expires.</summary>
    Other,

    /// <summary><c>{channelId}/conversations/{conversationId}</c> (and the private per-user variant below it).</summary>
    Conversation,

    /// <summary><c>{channelId}/users/{userId}</c>.</summary>
    User,
}

/// <summary>The storage keys Bot Framework's ConversationState, UserState and PrivateConversationState use.</summary>
public static class StateKeys
{
    private const string ConversationsSegment = "conversations/";
    private const string UsersSegment = "users/";

    public static string Conversation(string channelId, string conversationId)
        => $"{channelId}/{ConversationsSegment}{conversationId}";

    public static string User(string channelId, string userId)
        => $"{channelId}/{UsersSegment}{userId}";

    public static string PrivateConversation(string channelId, string conversationId, string userId)
        => $"{Conversation(channelId, conversationId)}/{UsersSegment}{userId}";

    /// <summary>Every key that can hold state about the person and conversation of this activity.</summary>
    public static IReadOnlyList<string> ForActivity(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);

        var keys = new List<string>(3);
        var channelId = activity.ChannelId;
        if (string.IsNullOrEmpty(channelId))
        {
            return keys;
        }

        var conversationId = activity.Conversation?.Id;
        var userId = activity.From?.Id;
        if (!string.IsNullOrEmpty(conversationId))
        {
            keys.Add(Conversation(channelId, conversationId));
        }

        if (!string.IsNullOrEmpty(userId))
        {
            keys.Add(User(channelId, userId));
        }

        if (!string.IsNullOrEmpty(conversationId) && !string.IsNullOrEmpty(userId))
        {
            keys.Add(PrivateConversation(channelId, conversationId, userId));
        }

        return keys;
    }

    public static StateKeyKind Classify(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return StateKeyKind.Other;
        }

        var rest = key.AsSpan(slash + 1);
        if (rest.StartsWith(ConversationsSegment, StringComparison.Ordinal))
        {
            return StateKeyKind.Conversation;
        }

        return rest.StartsWith(UsersSegment, StringComparison.Ordinal) ? StateKeyKind.User : StateKeyKind.Other;
    }
}
