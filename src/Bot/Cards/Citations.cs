using System.Collections.Concurrent;
using B12Bot.Knowledge;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Cards;

/// <summary>
/// Builds the schema.org <c>Message</c> entity that says which entries of the article a reply quotes.
/// Teams and Web Chat render its <c>Claim</c>s as citations; <c>citation[0]</c> is the entry answered from.
/// </summary>
public sealed class Citations(KnowledgeBase knowledge)
{
    private const string MessageType = "https://schema.org/Message";
    /// <summary>Teams refuses a citation whose name is longer than 80 characters or whose abstract is longer than 160.</summary>
    public const int NameLength = 80;

    /// <inheritdoc cref="NameLength"/>
    public const int AbstractLength = 160;

    /// <summary>Each entry's claim texts, made once: every answer cites one of a few entries.</summary>
    private readonly ConcurrentDictionary<KnowledgeEntry, Source> _sources = new(ReferenceEqualityComparer.Instance);

    /// <summary>The entity for a reply that quotes <paramref name="entries"/>, the first being the answer's source.</summary>
    public Entity For(IEnumerable<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var claims = new JArray();
        var position = 1;
        foreach (var entry in entries)
        {
            var source = SourceOf(entry);
            claims.Add(new JObject
            {
                ["@type"] = "Claim",
                ["position"] = position++,
                ["appearance"] = new JObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = source.ClaimName,
                    ["url"] = source.Url,
                    ["abstract"] = source.Abstract,
                },
            });
        }

        var entity = new Entity(MessageType);
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["citation"] = claims;
        return entity;
    }

    /// <summary>How a source is named to people: the article, then the section or question.</summary>
    public string SourceName(KnowledgeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return SourceOf(entry).Name;
    }

    private Source SourceOf(KnowledgeEntry entry) => _sources.GetOrAdd(entry, static (e, self) => self.Describe(e), this);

    private Source Describe(KnowledgeEntry entry) => new(
        entry.Kind == EntryKind.Faq ? $"{knowledge.Article.Title}, veelgestelde vraag: {entry.Title}" : $"{knowledge.Article.Title}, {entry.Title}",
        ClaimName(entry),
        knowledge.CitationUrl(entry),
        Abstract(entry));

    /// <summary>
    /// A citation's name: the section or question first, so that a list of sources stays tellable apart, then the
    /// publisher. A long title is cut after a whole word (its start names the section) to fit Teams' 80 characters.
    /// </summary>
    private string ClaimName(KnowledgeEntry entry)
    {
        var publisher = knowledge.Article.Publisher is { Length: > 0 and <= 30 } p ? $" ({p})" : string.Empty;
        return Shorten(entry.Title, NameLength - publisher.Length) + publisher;
    }

    private static string Abstract(KnowledgeEntry entry) =>
        Shorten(entry.Paragraphs.Count > 0 ? entry.Paragraphs[0] : entry.Title, AbstractLength);

    /// <summary>The text as it is when it fits; otherwise cut after the last whole word that fits, with "…".</summary>
    internal static string Shorten(string text, int maxLength)
    {
        text = text.Trim();
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength - 1);
        var kept = (cut > maxLength / 2 ? text[..cut] : text[..(maxLength - 1)]).TrimEnd(' ', ',', ':', ';', '-', '–');
        return kept + "…";
    }

    private sealed record Source(string Name, string ClaimName, string Url, string Abstract);
}
