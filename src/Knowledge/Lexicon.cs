namespace B12Bot.Knowledge;

/// <summary>One synonym rule: each of <see cref="Words"/> (a word or a phrase) also means every term of <see cref="Means"/>.</summary>
public sealed record SynonymRule
{
    public required IReadOnlyList<string> Words { get; init; }

    public required IReadOnlyList<string> Means { get; init; }
}

/// <summary>
/// How people say things, as the analysis needs it (knowledge/synonyms.json): synonyms for lay words, Belgian
/// variants and medicine names; the parts domain compounds are split into; stems the stemmer gets wrong; the words
/// that say a question is about B12 (core) or about the article's wider topic; the words that say it is not
/// (shop questions, other nutrients); and the words the query planner reads a question's shape by (a complaint beside
/// a cause, food weighed against another cause, harm of a tekort). All words are plain text; the analysis folds and
/// stems them itself.
/// </summary>
public sealed record Lexicon
{
    public static Lexicon Empty { get; } = new();

    public IReadOnlyList<SynonymRule> Synonyms { get; init; } = [];

    /// <summary>Known parts of domain compounds (maag, operatie, bloed, armoede …).</summary>
    public IReadOnlyList<string> CompoundParts { get; init; } = [];

    /// <summary>Word → stem, for words the Dutch stemmer gets wrong.</summary>
    public IReadOnlyDictionary<string, string> StemOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>Words that are about B12 itself (b12, pernicieuze anemie, coeliakie …).</summary>
    public IReadOnlyList<string> CoreTerms { get; init; } = [];

    /// <summary>Words of the article's wider topic (symptoms, food, risk groups …); enough with nothing off-topic.</summary>
    public IReadOnlyList<string> TopicTerms { get; init; } = [];

    /// <summary>
    /// Words of the topic that fit any medicine or vitamin as well (supplementen, injecties, operatie, tekort): one
    /// of them alone does not make a question one about the article; two of them, or one with a core or topic word, do.
    /// </summary>
    public IReadOnlyList<string> GenericTerms { get; init; } = [];

    /// <summary>Words of shop questions (prices, delivery, opening hours): the article never answers those.</summary>
    public IReadOnlyList<string> ShopTerms { get; init; } = [];

    /// <summary>Other vitamins, minerals and supplements: without a core word the question is not about B12.</summary>
    public IReadOnlyList<string> NutrientTerms { get; init; } = [];

    /// <summary>
    /// Words of care-service questions (prescription, reimbursement, availability): the article never answers those,
    /// whatever else the question names.
    /// </summary>
    public IReadOnlyList<string> ServiceTerms { get; init; } = [];

    /// <summary>
    /// Named medicines (metformine, maagzuurremmers): the article only says they can lower B12, so a question about
    /// one of them is answered only when it also names a core B12 word; their other effects are not in the article.
    /// </summary>
    public IReadOnlyList<string> MedicineTerms { get; init; } = [];

    /// <summary>The pharmacy or chemist (apotheek, drogist): off topic together with a word of <see cref="PharmacyActTerms"/>.</summary>
    public IReadOnlyList<string> PharmacyTerms { get; init; } = [];

    /// <summary>What a pharmacy may do for someone (meten, testen, prikken, zetten): a service the article does not describe.</summary>
    public IReadOnlyList<string> PharmacyActTerms { get; init; } = [];

    /// <summary>
    /// Groceries (boodschappen, supermarkt): a shop word beside one asks what food to buy ("wat moet ik kopen voor mijn
    /// boodschappen"), not about the shop, unless it also names taking B12 (<see cref="ExcessTerms"/>: supplementen).
    /// </summary>
    public IReadOnlyList<string> GroceryTerms { get; init; } = [];

    /// <summary>Ordinary words that are not in the article but must never be "corrected" into one of its words.</summary>
    public IReadOnlyList<string> KnownWords { get; init; } = [];

    /// <summary>
    /// Named causes and conditions of a low B12 (bypass, maagzuurremmers, crohn, veganist …): beside a complaint of
    /// <see cref="SymptomTerms"/> ("sinds mijn sleeve vergeetachtig") the cause carries the question.
    /// </summary>
    public IReadOnlyList<string> NamedCauseTerms { get; init; } = [];

    /// <summary>Complaints (moe, tintelingen, vergeetachtig, klachten …): they count less beside a named cause.</summary>
    public IReadOnlyList<string> SymptomTerms { get; init; } = [];

    /// <summary>
    /// Causes the article names only in general (operatie, medicijnen): a complaint after one of them ("moe na mijn
    /// operatie aan de knie") is about that cause, so without a B12 word the complaint does not make it one about ours.
    /// </summary>
    public IReadOnlyList<string> UnnamedCauseTerms { get; init; } = [];

    /// <summary>What a word of harm means in general (toxiciteit, veilig: "is b12 gevaarlijk" asks about too much).</summary>
    public IReadOnlyList<string> HarmTerms { get; init; } = [];

    /// <summary>Words of a deficiency (tekort, laag): beside them, harm asks what a tekort does (<see cref="HarmOfDeficiencyMeans"/>).</summary>
    public IReadOnlyList<string> DeficiencyTerms { get; init; } = [];

    /// <summary>Words of too much or of taking B12 (teveel, supplementen, dosis): harm beside them keeps its general meaning.</summary>
    public IReadOnlyList<string> ExcessTerms { get; init; } = [];

    /// <summary>What harm beside a deficiency means (complicaties).</summary>
    public IReadOnlyList<string> HarmOfDeficiencyMeans { get; init; } = [];

    /// <summary>
    /// Diets that can lead to a tekort (veganist, vegetarier): harm beside one and no word of <see cref="ExcessTerms"/>
    /// ("is veganisme gevaarlijk voor je b12") asks whether the diet puts one at risk (<see cref="HarmOfDietMeans"/>).
    /// </summary>
    public IReadOnlyList<string> HarmOfDietTerms { get; init; } = [];

    /// <summary>What harm beside a diet means (tekort, risico).</summary>
    public IReadOnlyList<string> HarmOfDietMeans { get; init; } = [];

    /// <summary>
    /// Food and diet (eten, voeding, dieet …): offered as one of two causes ("door mijn eten of door een ziekte"),
    /// they are an alternative, not the topic, and the question asks for the cause.
    /// </summary>
    public IReadOnlyList<string> DietTerms { get; init; } = [];

    /// <summary>What food is weighed against in such a question (ziekte, aandoening, opname, iets anders …).</summary>
    public IReadOnlyList<string> OtherCauseTerms { get; init; } = [];

    /// <summary>Words that offer two alternatives (of, ofwel, or), looked for as typed.</summary>
    public IReadOnlyList<string> AlternativeWords { get; init; } = [];

    /// <summary>
    /// Words that open an alternative as a cause when they follow a word of <see cref="AlternativeWords"/> ("… of door
    /// mijn voeding", "… of aan een ziekte"), looked for as typed.
    /// </summary>
    public IReadOnlyList<string> CauseMarkerWords { get; init; } = [];

    /// <summary>What a question that weighs food against another cause asks for (oorzaak).</summary>
    public IReadOnlyList<string> DietOrOtherCauseMeans { get; init; } = [];

    /// <summary>
    /// Words that ask for an amount (microgram, dagelijks, behoefte): the article gives no amounts or doses, so such a
    /// question is not answered unless it also names a word of <see cref="AmountExceptionTerms"/> (too much, safe).
    /// </summary>
    public IReadOnlyList<string> AmountTerms { get; init; } = [];

    /// <summary>Words that turn a question about an amount into one about too much (teveel, veilig, maximum).</summary>
    public IReadOnlyList<string> AmountExceptionTerms { get; init; } = [];

    /// <summary>
    /// Subjects the article says nothing about (pets, pregnancy, children, weight loss, the contraceptive pill,
    /// interactions): a question about one is not answered unless it also names a cause of <see cref="NamedCauseTerms"/>
    /// ("ik ben zwanger en veganist", "afgevallen na mijn bypass").
    /// </summary>
    public IReadOnlyList<string> UncoveredSubjectTerms { get; init; } = [];

    /// <summary>Words of pain: beside a treatment of <see cref="PainOfTerms"/> ("doet een injectie pijn") not answered.</summary>
    public IReadOnlyList<string> PainTerms { get; init; } = [];

    /// <summary>Treatments whose pain the article does not describe (injecties).</summary>
    public IReadOnlyList<string> PainOfTerms { get; init; } = [];

    /// <summary>
    /// Subjects the article does not cover even beside a named cause (pets, reference values, how soon a treatment
    /// works, hair and skin, energy drinks, other blood values): "lintworm bij mijn hond" is not answered.
    /// </summary>
    public IReadOnlyList<string> UncoveredAlwaysTerms { get; init; } = [];

    /// <summary>
    /// Words of an entry's own topic (how often, old age, food, too much, a medicine): beside a word of
    /// <see cref="GroupTerms"/> ("ik ben veganist, hoe vaak laten prikken") the topic decides.
    /// </summary>
    public IReadOnlyList<string> GroupTopicTerms { get; init; } = [];

    /// <summary>Who the asker is (a diet, a condition), which weighs only a share beside a word of <see cref="GroupTopicTerms"/>.</summary>
    public IReadOnlyList<string> GroupTerms { get; init; } = [];
}
