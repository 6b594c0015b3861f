namespace B12Bot.Knowledge;

/// <summary>
/// The weights and thresholds of <see cref="LuceneAnswerer"/>. The defaults are measured on the project's question
/// tuning sets (tests/questions/tuning*.jsonl), not guessed: <c>bench/B12Bot.Eval --sweep</c> replays the decision over
/// a grid and the defaults sit in the middle of the best band (unknown 2.0–2.5, text 0.7, answer 0.30–0.40,
/// topic-only ≈ 0.45, clarify ratio 0.97, sure 0.7). Change them only with a new measurement.
/// </summary>
public sealed record AnswererOptions
{
    /// <summary>Field weight of an entry's question and its hand-written variants: the strongest evidence.</summary>
    public float QuestionBoost { get; init; } = 1.0f;

    /// <summary>Field weight of a section heading.</summary>
    public float TitleBoost { get; init; } = 0.9f;

    /// <summary>Field weight of an entry keyword.</summary>
    public float KeywordBoost { get; init; } = 0.8f;

    /// <summary>Field weight of a paragraph of the article's text: a word in a long section says least.</summary>
    public float TextBoost { get; init; } = 0.7f;

    /// <summary>How much a lexicon synonym counts against the word itself.</summary>
    public float SynonymBoost { get; init; } = 0.95f;

    /// <summary>
    /// How much a compound part counts: a part of the question's word when the whole word is known too, or a word
    /// of the question found only as a part of a unit's word ("vis" in "vislintworm").
    /// </summary>
    public float PartBoost { get; init; } = 0.5f;

    /// <summary>How much a word corrected for a typo counts.</summary>
    public float CorrectedBoost { get; init; } = 0.85f;

    /// <summary>The weight of a word the knowledge never uses: how strongly it pulls a question away from it.</summary>
    public float UnknownWeight { get; init; } = 2.5f;

    /// <summary>
    /// How a question unit's match is judged: coverage of the question to this power times coverage of the unit to
    /// the rest (0.5: geometric mean; higher: what the user said matters more than what the unit also says).
    /// </summary>
    public float QuestionCoverageExponent { get; init; } = 0.6f;

    /// <summary>
    /// How much matched weight a paragraph needs before its coverage of the question counts in full (about one
    /// specific word): a paragraph that only shares common words with the question proves little.
    /// </summary>
    public float TextEvidence { get; init; } = 1.5f;

    /// <summary>An entry's score is its best field's score plus this share of its second-best field's score.</summary>
    public float CorroborationShare { get; init; } = 0.15f;

    /// <summary>
    /// Terms weighing less than this (those nearly every entry uses: "b12", "tekort") are not searched for but
    /// counted on the units the other terms find; a question of only such terms searches them all. This changes
    /// speed, not scores (a unit sharing only such terms with a question never wins).
    /// </summary>
    public float CommonTermWeight { get; init; } = 0.5f;

    /// <summary>
    /// What a complaint ("moe", "tintelingen") weighs beside a named cause ("na mijn bypass", "ik slik omeprazol"):
    /// this share of its own weight, so that the cause's entry answers, not the list of symptoms. Measured: 0.15–0.45
    /// answer the tuning sets alike; from 0.6 on the symptom entry wins again.
    /// </summary>
    public float SymptomBesideCauseShare { get; init; } = 0.3f;

    /// <summary>
    /// What food or diet weighs when it is offered as one cause against another ("door mijn eten of door een
    /// ziekte"): this share of its own weight, so that the causes answer, not the food sources (measured like
    /// <see cref="SymptomBesideCauseShare"/>).
    /// </summary>
    public float DietAlternativeShare { get; init; } = 0.3f;

    /// <summary>
    /// What who the asker is (a diet, a condition) weighs beside a word of an entry's own topic ("ik ben veganist, hoe
    /// vaak moet ik testen" asks how often).
    /// </summary>
    public float GroupBesideTopicShare { get; init; } = 0.3f;

    /// <summary>
    /// A number in this range, without an amount word, is a measured value ("mijn b12 is 180"): the article gives no
    /// reference values. Ages stay below it, years above it.
    /// </summary>
    public int MeasuredValueFrom { get; init; } = 111;

    /// <summary>The highest number read as a measured value (see <see cref="MeasuredValueFrom"/>).</summary>
    public int MeasuredValueTo { get; init; } = 1500;

    /// <summary>Below this score nothing is answered.</summary>
    /// <summary>
    /// A message with at least this many concepts is a story ("ik ben 45, heb 2 jaar geleden …"): its words we do not
    /// know weigh only <see cref="StoryUnknownShare"/> of an unknown word, so that the named cause still answers.
    /// </summary>
    public int StoryConcepts { get; init; } = 12;

    /// <summary>The share an unknown word weighs in a story (see <see cref="StoryConcepts"/>).</summary>
    public float StoryUnknownShare { get; init; } = 0.3f;

    public float AnswerThreshold { get; init; } = 0.35f;

    /// <summary>
    /// Below this score a question without any B12 word (only words of the wider topic: "moe", "tintelingen") is not
    /// answered: such a question needs a closer match to be about the article.
    /// </summary>
    public float TopicOnlyThreshold { get; init; } = 0.45f;

    /// <summary>When the runner-up scores at least this fraction of the best (and the best is not sure), clarify.</summary>
    public float ClarifyRatio { get; init; } = 0.97f;

    /// <summary>From this score on the best entry is answered even when another is close.</summary>
    public float SureThreshold { get; init; } = 0.7f;

    /// <summary>A section's paragraph is shown when it matches at least this fraction of the best paragraph.</summary>
    public float PassageRatio { get; init; } = 0.6f;

    /// <summary>At most this many paragraphs of a section are shown.</summary>
    public int MaxPassageParagraphs { get; init; } = 2;

    /// <summary>Longer questions are cut (at a word) to this many characters.</summary>
    public int MaxQuestionLength { get; init; } = 1000;

    /// <summary>At most this many words of a question are used.</summary>
    public int MaxConcepts { get; init; } = 32;
}
