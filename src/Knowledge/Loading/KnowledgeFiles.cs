using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Loading;

// The shapes of knowledge/faq.json and knowledge/synonyms.json as they are on disk. Everything is nullable
// so that the loader, not the serializer, decides what is missing and says so in words.

internal sealed class FaqFile
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("article")]
    public ArticleDto? Article { get; set; }

    [JsonPropertyName("keywords")]
    public List<string?>? Keywords { get; set; }

    [JsonPropertyName("entries")]
    public List<EntryDto?>? Entries { get; set; }
}

internal sealed class ArticleDto
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("publisher")]
    public string? Publisher { get; set; }

    [JsonPropertyName("published")]
    public string? Published { get; set; }

    [JsonPropertyName("faqHeading")]
    public string? FaqHeading { get; set; }
}

internal sealed class EntryDto
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("question")]
    public string? Question { get; set; }

    [JsonPropertyName("bulleted")]
    public bool Bulleted { get; set; }

    [JsonPropertyName("paragraphs")]
    public List<string?>? Paragraphs { get; set; }

    [JsonPropertyName("variants")]
    public List<string?>? Variants { get; set; }

    [JsonPropertyName("keywords")]
    public List<string?>? Keywords { get; set; }

    [JsonPropertyName("related")]
    public List<string?>? Related { get; set; }
}

internal sealed class LexiconFile
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("synonyms")]
    public List<SynonymDto?>? Synonyms { get; set; }

    [JsonPropertyName("compoundParts")]
    public List<string?>? CompoundParts { get; set; }

    [JsonPropertyName("stemOverrides")]
    public Dictionary<string, string?>? StemOverrides { get; set; }

    [JsonPropertyName("domainTerms")]
    public DomainTermsDto? DomainTerms { get; set; }

    [JsonPropertyName("offTopic")]
    public OffTopicDto? OffTopic { get; set; }

    [JsonPropertyName("knownWords")]
    public List<string?>? KnownWords { get; set; }

    [JsonPropertyName("questionRules")]
    public QuestionRulesDto? QuestionRules { get; set; }
}

internal sealed class SynonymDto
{
    [JsonPropertyName("words")]
    public List<string?>? Words { get; set; }

    [JsonPropertyName("means")]
    public List<string?>? Means { get; set; }
}

internal sealed class DomainTermsDto
{
    [JsonPropertyName("core")]
    public List<string?>? Core { get; set; }

    [JsonPropertyName("topic")]
    public List<string?>? Topic { get; set; }

    [JsonPropertyName("generic")]
    public List<string?>? Generic { get; set; }
}

internal sealed class OffTopicDto
{
    [JsonPropertyName("shop")]
    public List<string?>? Shop { get; set; }

    [JsonPropertyName("nutrients")]
    public List<string?>? Nutrients { get; set; }

    [JsonPropertyName("service")]
    public List<string?>? Service { get; set; }

    [JsonPropertyName("medicines")]
    public List<string?>? Medicines { get; set; }

    [JsonPropertyName("pharmacy")]
    public List<string?>? Pharmacy { get; set; }

    [JsonPropertyName("pharmacyActs")]
    public List<string?>? PharmacyActs { get; set; }

    [JsonPropertyName("groceries")]
    public List<string?>? Groceries { get; set; }
}

internal sealed class QuestionRulesDto
{
    [JsonPropertyName("symptomBesideCause")]
    public SymptomBesideCauseDto? SymptomBesideCause { get; set; }

    [JsonPropertyName("dietOrOtherCause")]
    public DietOrOtherCauseDto? DietOrOtherCause { get; set; }

    [JsonPropertyName("harmOfDeficiency")]
    public HarmOfDeficiencyDto? HarmOfDeficiency { get; set; }

    [JsonPropertyName("notCovered")]
    public NotCoveredDto? NotCovered { get; set; }

    [JsonPropertyName("topicBesideGroup")]
    public TopicBesideGroupDto? TopicBesideGroup { get; set; }
}

internal sealed class TopicBesideGroupDto
{
    [JsonPropertyName("topics")]
    public List<string?>? Topics { get; set; }

    [JsonPropertyName("groups")]
    public List<string?>? Groups { get; set; }
}

internal sealed class NotCoveredDto
{
    [JsonPropertyName("amounts")]
    public List<string?>? Amounts { get; set; }

    [JsonPropertyName("amountsUnless")]
    public List<string?>? AmountsUnless { get; set; }

    [JsonPropertyName("subjects")]
    public List<string?>? Subjects { get; set; }

    [JsonPropertyName("pain")]
    public List<string?>? Pain { get; set; }

    [JsonPropertyName("painOf")]
    public List<string?>? PainOf { get; set; }

    [JsonPropertyName("always")]
    public List<string?>? Always { get; set; }
}

internal sealed class SymptomBesideCauseDto
{
    [JsonPropertyName("causes")]
    public List<string?>? Causes { get; set; }

    [JsonPropertyName("symptoms")]
    public List<string?>? Symptoms { get; set; }

    [JsonPropertyName("unnamedCauses")]
    public List<string?>? UnnamedCauses { get; set; }
}

internal sealed class DietOrOtherCauseDto
{
    [JsonPropertyName("diet")]
    public List<string?>? Diet { get; set; }

    [JsonPropertyName("otherCauses")]
    public List<string?>? OtherCauses { get; set; }

    [JsonPropertyName("joiners")]
    public List<string?>? Joiners { get; set; }

    [JsonPropertyName("markers")]
    public List<string?>? Markers { get; set; }

    [JsonPropertyName("means")]
    public List<string?>? Means { get; set; }
}

internal sealed class HarmOfDeficiencyDto
{
    [JsonPropertyName("harm")]
    public List<string?>? Harm { get; set; }

    [JsonPropertyName("deficiency")]
    public List<string?>? Deficiency { get; set; }

    [JsonPropertyName("excess")]
    public List<string?>? Excess { get; set; }

    [JsonPropertyName("means")]
    public List<string?>? Means { get; set; }

    [JsonPropertyName("diets")]
    public List<string?>? Diets { get; set; }

    [JsonPropertyName("dietMeans")]
    public List<string?>? DietMeans { get; set; }
}
