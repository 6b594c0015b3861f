namespace B12Bot.Knowledge;

/// <summary>What an entry of the knowledge is: a section of the article or one of its FAQs.</summary>
public enum EntryKind
{
    Section,
    Faq,
}

/// <summary>
/// One entry of the curated knowledge: a section of the article (its paragraphs or bullets, verbatim)
/// or one FAQ (its question as <see cref="Title"/>, its answer as the single paragraph).
/// </summary>
public sealed record KnowledgeEntry
{
    /// <summary>Stable id, also the citation anchor (<c>#faq-02</c>).</summary>
    public required string Id { get; init; }

    public required EntryKind Kind { get; init; }

    /// <summary>The section heading or the FAQ question, verbatim from the article.</summary>
    public required string Title { get; init; }

    /// <summary>The question a button shows for this entry; for an FAQ its own question.</summary>
    public required string Question { get; init; }

    /// <summary>The text, verbatim: a section's paragraphs or bullets, an FAQ's answer.</summary>
    public required IReadOnlyList<string> Paragraphs { get; init; }

    /// <summary>Hand-written ways people ask for this entry.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>Words that say what the entry is about.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Ids of entries worth offering as a follow-up.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>True when the section's paragraphs are bullets in the article (show them as a list).</summary>
    public bool Bulleted { get; init; }
}

/// <summary>The article the knowledge quotes, for citations.</summary>
public sealed record ArticleInfo
{
    public required string Title { get; init; }

    public required string Url { get; init; }

    public string? Publisher { get; init; }

    public string? Published { get; init; }

    /// <summary>The heading of the article's FAQ part, verbatim (the source title of an FAQ answer).</summary>
    public string? FaqHeading { get; init; }
}

/// <summary>How the answerer judged a question.</summary>
public enum AnswerOutcome
{
    /// <summary>One entry answers it.</summary>
    Answer,

    /// <summary>Two or three entries fit about equally well: ask which one is meant.</summary>
    Clarify,

    /// <summary>Nothing in the knowledge answers it.</summary>
    NoMatch,
}

/// <summary>The answerer's verdict on one question.</summary>
public sealed record Answer
{
    public required AnswerOutcome Outcome { get; init; }

    /// <summary>The entry answered from (Answer only).</summary>
    public KnowledgeEntry? Entry { get; init; }

    /// <summary>The paragraphs to show, verbatim: for a long section the best-matching ones, in article order.</summary>
    public IReadOnlyList<string> Passage { get; init; } = [];

    /// <summary>The calibrated score of the best entry (0 when nothing matched).</summary>
    public double Score { get; init; }

    /// <summary>The closest entries, best first (Clarify: the ones to offer).</summary>
    public IReadOnlyList<KnowledgeEntry> Alternatives { get; init; } = [];

    /// <summary>Up to three entries to offer as follow-ups (Answer only).</summary>
    public IReadOnlyList<KnowledgeEntry> Related { get; init; } = [];

    /// <summary>
    /// NoMatch only: a word of the question, as written, that names what the article does not cover ("migraine"),
    /// or null.
    /// </summary>
    public string? NotCovered { get; init; }

    /// <summary>The question was asked in English: the reply says, in English, that the bot answers in Dutch.</summary>
    public bool InEnglish { get; init; }

    public static Answer NoMatch { get; } = new() { Outcome = AnswerOutcome.NoMatch };
}

/// <summary>Answers a Dutch question from the knowledge. Thread-safe; one instance serves every turn.</summary>
public interface IAnswerer
{
    Answer Ask(string? question);
}
