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

    [JsonPropertyName("knownWords")]
    public List<string?>? KnownWords { get; set; }

    [JsonPropertyName("categories")]
    public Dictionary<string, CategoryDto?>? Categories { get; set; }

    [JsonPropertyName("verdicts")]
    public List<VerdictDto?>? Verdicts { get; set; }
}

internal sealed class SynonymDto
{
    [JsonPropertyName("words")]
    public List<string?>? Words { get; set; }

    [JsonPropertyName("means")]
    public List<string?>? Means { get; set; }
}

internal sealed class CategoryDto
{
    [JsonPropertyName("about")]
    public string? About { get; set; }

    /// <summary>true: the article covers it; false: never covered; absent: a word of the question's shape.</summary>
    [JsonPropertyName("covered")]
    public bool? Covered { get; set; }

    /// <summary>"any", "trusted" or "whole".</summary>
    [JsonPropertyName("counts")]
    public string? Counts { get; set; }

    /// <summary>"stem" (default), "typed" or "both".</summary>
    [JsonPropertyName("match")]
    public string? Match { get; set; }

    [JsonPropertyName("exceptBeside")]
    public List<string?>? ExceptBeside { get; set; }

    [JsonPropertyName("words")]
    public List<string?>? Words { get; set; }
}

internal sealed class VerdictDto
{
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("all")]
    public List<string?>? All { get; set; }

    [JsonPropertyName("none")]
    public List<string?>? None { get; set; }

    [JsonPropertyName("learned")]
    public bool? Learned { get; set; }
}
