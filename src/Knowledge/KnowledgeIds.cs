namespace B12Bot.Knowledge;

/// <summary>The entry ids of the knowledge: stable forever (citation anchors, evaluation sets and buttons use them).</summary>
public static class KnowledgeIds
{
    /// <summary>The article's sections, in article order.</summary>
    public static IReadOnlyList<string> Sections { get; } =
    [
        "samenvatting",
        "inleiding",
        "waarom-het-ertoe-doet",
        "pernicieuze-anemie",
        "malabsorptie",
        "maagoperaties",
        "auto-immuun",
        "parasieten",
        "aandachtspunten",
    ];

    /// <summary>The article's ten FAQs, in article order.</summary>
    public static IReadOnlyList<string> Faqs { get; } =
        [.. Enumerable.Range(1, 10).Select(n => $"faq-{n:00}")];

    /// <summary>Every id, sections first, in article order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Sections, .. Faqs];
}
