namespace B12Bot.Dialogs;

/// <summary>
/// What the cause-finder came to: the dialog's result (also sent as cited messages). Plain data, so the
/// bot can log counts and ids (never answers) or show it again.
/// </summary>
public sealed record CauseFinderResult
{
    /// <summary>The causes that fit, most likely first; empty when nothing fits.</summary>
    public required IReadOnlyList<FoundCause> Causes { get; init; }

    /// <summary>True when a red-flag symptom was chosen: the GP should be called soon.</summary>
    public required bool Urgent { get; init; }

    /// <summary>Every knowledge entry id the ending cites, in the order cited.</summary>
    public required IReadOnlyList<string> EntryIds { get; init; }

    public bool NothingFits => Causes.Count == 0;
}

/// <summary>One cause that fits, with its one-sentence why and its citation.</summary>
public sealed record FoundCause
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>One sentence naming the answers that led here.</summary>
    public required string Reason { get; init; }

    /// <summary>The knowledge entry it cites (<c>maagoperaties</c>, <c>faq-02</c> …).</summary>
    public required string EntryId { get; init; }

    /// <summary>The article URL with <c>#entry-id</c>.</summary>
    public required string CitationUrl { get; init; }
}
