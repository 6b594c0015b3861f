namespace B12Bot.Knowledge.Search;

/// <summary>One thing the question says, with the index terms that express it and how much it weighs.</summary>
/// <param name="Word">The word as analysed (for tracing).</param>
/// <param name="Terms">The index terms that match it, each with its boost (a synonym or a part counts a bit less).</param>
/// <param name="Weight">What it is worth when matched: the weight of its best term (or of an unknown word).</param>
internal sealed record Concept(string Word, IReadOnlyList<(string Term, float Boost)> Terms, float Weight);

/// <summary>A question after analysis: its concepts and what they say about the question's topic.</summary>
internal sealed record QueryPlan
{
    /// <summary>A complaint beside a named cause counts less: the cause carries the question.</summary>
    public const string SymptomBesideCauseRule = "symptom-beside-cause";

    /// <summary>A complaint after a cause the article does not name (an operation, a medicine) does not make the question ours.</summary>
    public const string ComplaintAfterUnnamedCauseRule = "complaint-after-unnamed-cause";

    /// <summary>Food offered as one cause against another counts less, and the question asks for the cause.</summary>
    public const string DietOrOtherCauseRule = "diet-or-other-cause";

    /// <summary>Harm beside a deficiency ("is een tekort gevaarlijk") asks for its complications, not for toxicity.</summary>
    public const string HarmOfDeficiencyRule = "harm-of-deficiency";

    /// <summary>A long message: the words we do not know weigh less (its setting, not its question).</summary>
    public const string StoryRule = "story";

    /// <summary>Harm beside a diet ("is veganisme gevaarlijk voor je b12") asks whether the diet leads to a tekort.</summary>
    public const string HarmOfDietRule = "harm-of-diet";

    /// <summary>A grandparent or an age beside a complaint or a named cause says who is asked about, not that old age is the cause.</summary>
    public const string PersonBesideQuestionRule = "person-beside-question";

    /// <summary>The question asks for an amount or dose (microgram, per dag), and not whether it is too much.</summary>
    public const string NotCoveredAmount = "not-covered-amount";

    /// <summary>The question is about a subject the article does not cover (a pet, pregnancy, a child, weight loss).</summary>
    public const string NotCoveredSubject = "not-covered-subject";

    /// <summary>
    /// A value too high with no word of taking B12 beside it ("mijn b12 staat te hoog"): a measured level, which the
    /// article never discusses; beside a dose or a supplement ("een te hoge dosis") it is taking too much, which it does.
    /// </summary>
    public const string NotCoveredHighValue = "not-covered-high-value";

    /// <summary>The question asks whether a treatment hurts ("doet een injectie pijn").</summary>
    public const string NotCoveredPain = "not-covered-pain";

    /// <summary>
    /// The question is about what the article never covers, whatever cause it names: a pet, a measured value or its
    /// reference, how soon a treatment works, hair and skin, energy drinks, other blood values.
    /// </summary>
    public const string NotCoveredAlways = "not-covered-always";

    /// <summary>A word of an entry's own topic beside who the asker is ("ik ben veganist, hoe vaak testen"): the topic decides.</summary>
    public const string TopicBesideGroupRule = "topic-beside-group";

    /// <summary>The message's words (not numbers or "b12").</summary>
    public int Words { get; init; }

    /// <summary>Its words that are English and not Dutch as well.</summary>
    public int EnglishWords { get; init; }

    /// <summary>The message is in English.</summary>
    public bool InEnglish { get; init; }

    /// <summary>Real Dutch words the knowledge does not know that look like verb forms ("werkt", "klopt"): not what is asked about.</summary>
    public int UncoveredVerbs { get; init; }

    /// <summary>
    /// Real Dutch words of the question the knowledge does not know (not verb forms), as written: concepts it does not
    /// cover.
    /// </summary>
    public IReadOnlyList<string> Uncovered { get; init; } = [];

    /// <summary>
    /// The uncovered words that name a thing, for a reply that says what is not covered: not those that say how or when
    /// ("blijft", "sneller", "morgen", "jaren"). The decision's features count <see cref="Uncovered"/>.
    /// </summary>
    public IReadOnlyList<string> Nameable { get; init; } = [];

    /// <summary>How many of the uncovered words stand in the message's question sentence.</summary>
    public int UncoveredInQuestion { get; init; }

    /// <summary>How many of the uncovered words follow a word that names the question's object ("tegen", "met").</summary>
    public int UncoveredAfterMarker { get; init; }

    /// <summary>Unknown words that are no Dutch word either: typos, chat, names.</summary>
    public int NonWords { get; init; }

    /// <summary>What an uncovered word after a focus marker names, as written ("rusteloze benen"), or null.</summary>
    public string? Subject { get; init; }

    /// <summary>Unknown non-words after a word naming the question's object ("zit er b12 in chlorella").</summary>
    public int NonWordsAfterMarker { get; init; }

    /// <summary>Words read as a typo of a known word.</summary>
    public int Corrected { get; init; }

    /// <summary>The rules of the question's shape that changed its concepts (see the constants above).</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    public required IReadOnlyList<Concept> Concepts { get; init; }

    /// <summary>The summed weight of every concept: what a perfect match covers.</summary>
    public required float Weight { get; init; }

    /// <summary>The term categories the question's words fall in (bit i: the lexicon's category i).</summary>
    public ulong Categories { get; init; }

    /// <summary>How many of the question's words fall in each term category, by category id.</summary>
    public IReadOnlyList<int> CategoryCounts { get; init; } = [];

    /// <summary>The question names something about B12 itself.</summary>
    public bool HasCore { get; init; }

    /// <summary>The question names something of the article's wider topic (or two generic words).</summary>
    public bool HasTopic { get; init; }

    /// <summary>
    /// Besides a medicine, the question names a core, topic or generic word ("omeprazol en b12", "metformine en een
    /// tekort"), or it is the medicine's name alone.
    /// </summary>
    public bool HasCoreBesidesMedicine { get; init; }

    /// <summary>
    /// What the question asks that the article does not cover, though it may name B12: the first final (not learned)
    /// verdict of the lexicon that holds, or null.
    /// </summary>
    public string? NotCovered { get; init; }

    /// <summary>
    /// Why the question is outside the knowledge before any search (the first verdict of the lexicon that holds), or
    /// null when it may be inside.
    /// </summary>
    public string? OffTopicReason { get; init; }

    /// <summary>Whether <see cref="OffTopicReason"/> is a learned verdict (a feature of the decision), not a final one.</summary>
    public bool OffTopicLearned { get; init; }
}
