namespace B12Bot.Editors;

/// <summary>What an editor item records.</summary>
public enum EditorItemKind
{
    /// <summary>A question the knowledge had no answer for ("Dat staat niet in mijn informatie").</summary>
    Unanswered,

    /// <summary>A question answered with "Bedoelt u …?"; <see cref="EditorItem.Alternatives"/> holds the entries offered.</summary>
    Clarified,

    /// <summary>After a clarification, the entry the person then got an answer from.</summary>
    ClarificationPicked,

    /// <summary>👍 on an answer.</summary>
    Like,

    /// <summary>👎 on an answer.</summary>
    Dislike,

    /// <summary>What a person wrote after a 👎 ("Wat klopte er niet?").</summary>
    Reason,
}

/// <summary>
/// One thing the editors may learn from: never with a person's ids, only with a keyed hash of the conversation
/// (<see cref="Owner"/>) so that "vergeet mij" can remove it. <see cref="Text"/> is scrubbed of personal data and
/// only kept when <c>Editors:CollectUnanswered</c> is on.
/// </summary>
public sealed record EditorItem
{
    public required EditorItemKind Kind { get; init; }

    /// <summary>The knowledge entry the item is about (feedback, a picked clarification).</summary>
    public string? EntryId { get; init; }

    public required string Channel { get; init; }

    public string? Text { get; init; }

    /// <summary>The entry ids a clarification offered, in order.</summary>
    public IReadOnlyList<string> Alternatives { get; init; } = [];

    /// <summary>A keyed hash of channel and conversation id.</summary>
    public required string Owner { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>What the weekly counts count (no text, no ids).</summary>
public enum WeeklyCountKind
{
    Answered,
    Unanswered,
    Clarified,
    Liked,
    Disliked,
}

/// <summary>How many of one kind in one ISO week (e.g. <c>2026-W49</c>).</summary>
public sealed record WeeklyCount(string Week, WeeklyCountKind Kind, int Count);

/// <summary>Everything the report reads.</summary>
public sealed record EditorData(IReadOnlyList<EditorItem> Items, IReadOnlyList<WeeklyCount> Weeks);
