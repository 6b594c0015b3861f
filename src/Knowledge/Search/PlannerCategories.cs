namespace B12Bot.Knowledge.Search;

/// <summary>
/// The one place where code names term categories (knowledge/synonyms.json, categories): the few the query planner's
/// rules of a question's shape read, and the flags of that shape a verdict may name ('@…'). Every other category is
/// only data: a feature of the learned decision, and whatever the verdicts make of it. The loader refuses a lexicon
/// that lacks one of these.
/// </summary>
internal static class PlannerCategories
{
    public const string Core = "core";
    public const string Topic = "topic";
    public const string Generic = "generic";
    public const string Medicines = "medicines";
    public const string NamedCauses = "namedCauses";
    public const string Symptoms = "symptoms";
    public const string UnnamedCauses = "unnamedCauses";
    public const string Harm = "harm";
    public const string Deficiency = "deficiency";
    public const string Excess = "excess";
    public const string Complications = "complications";
    public const string HarmfulDiets = "harmfulDiets";
    public const string DietRisk = "dietRisk";
    public const string Diet = "diet";
    public const string OtherCauses = "otherCauses";
    public const string Joiners = "joiners";
    public const string CauseMarkers = "causeMarkers";
    public const string CauseMeaning = "causeMeaning";
    public const string GroupTopics = "groupTopics";
    public const string Groups = "groups";

    /// <summary>Words that ask about complaints in general ("symptomen", "klachten"); optional.</summary>
    public const string SymptomWords = "symptomWords";

    /// <summary>Who has the complaint ("oma", "moeder"), as typed; optional.</summary>
    public const string Persons = "persons";

    /// <summary>Words that ask about age itself ("ouderen", "leeftijd"), as typed and as terms; optional.</summary>
    public const string AgeAsked = "ageAsked";

    /// <summary>A number too high for an age and too low for a year: a measured value ("mijn b12 is 180").</summary>
    public const string MeasuredValueFlag = "@measured-value";

    /// <summary>The question weighs food against another cause (<see cref="QueryPlan.DietOrOtherCauseRule"/>).</summary>
    public const string DietOrOtherCauseFlag = "@diet-or-other-cause";

    /// <summary>Besides a medicine, a core, topic or generic word, or the medicine's name alone.</summary>
    public const string CoreBesidesMedicineFlag = "@core-besides-medicine";

    /// <summary>A word of the wider topic (or two generic ones) that counts (see <see cref="QueryPlan.HasTopic"/>).</summary>
    public const string TopicFlag = "@topic";

    /// <summary>The consequences of something that is neither B12 nor a tekort.</summary>
    public const string OtherConsequenceFlag = "@other-consequence";

    public static IReadOnlyList<string> Required { get; } =
    [
        Core, Topic, Generic, Medicines, NamedCauses, Symptoms, UnnamedCauses, Harm, Deficiency, Excess, Complications,
        HarmfulDiets, DietRisk, Diet, OtherCauses, Joiners, CauseMarkers, CauseMeaning, GroupTopics, Groups,
    ];

    public static IReadOnlyList<string> Flags { get; } =
        [MeasuredValueFlag, DietOrOtherCauseFlag, CoreBesidesMedicineFlag, TopicFlag, OtherConsequenceFlag];
}
