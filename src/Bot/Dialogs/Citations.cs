using B12Bot.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// Builds the schema.org <c>Message</c> entity that carries a reply's citations (design.md, Contracts):
/// <c>type</c> https://schema.org/Message, <c>@type</c> Message, <c>@context</c> https://schema.org, and a
/// <c>citation</c> list of <c>Claim</c>s whose <c>appearance.url</c> is the article's URL plus
/// <c>#entry-id</c>. <c>citation[0]</c> is the entry the reply mainly comes from; a text refers to the
/// n-th claim with the marker "[n]" (Teams shows these as citation pills).
/// </summary>
public static class Citations
{
    public const string MessageEntityType = "https://schema.org/Message";

    /// <summary>Teams shows at most this many characters of a claim's abstract.</summary>
    private const int MaxAbstract = 160;

    /// <summary>The marker for the claim at a 1-based position: "[1]".</summary>
    public static string Marker(int position) => "[" + position.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>The entity for these entries, in order, each once.</summary>
    public static Entity MessageEntity(KnowledgeBase knowledge, IEnumerable<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(entries);

        var claims = new JArray();
        foreach (var entry in entries.DistinctBy(e => e.Id))
        {
            claims.Add(new JObject
            {
                ["@type"] = "Claim",
                ["position"] = claims.Count + 1,
                ["appearance"] = new JObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = entry.Title,
                    ["url"] = knowledge.CitationUrl(entry),
                    ["abstract"] = Abstract(entry),
                },
            });
        }

        return new Entity(MessageEntityType)
        {
            Properties = new JObject
            {
                ["@type"] = "Message",
                ["@context"] = "https://schema.org",
                ["@id"] = string.Empty,
                ["citation"] = claims,
            },
        };
    }

    /// <summary>A message with this text, citing these entries (the first is citation[0]).</summary>
    public static IMessageActivity CitedMessage(string text, KnowledgeBase knowledge, IEnumerable<KnowledgeEntry> entries)
    {
        var activity = MessageFactory.Text(text);
        activity.Entities ??= [];
        activity.Entities.Add(MessageEntity(knowledge, entries));
        return activity;
    }

    /// <summary>The entry ids cited by an activity, in citation order (empty when it cites nothing).</summary>
    public static IReadOnlyList<string> CitedEntryIds(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var ids = new List<string>();
        var message = activity.Entities?.FirstOrDefault(e => string.Equals(e.Type, MessageEntityType, StringComparison.Ordinal));
        if (message?.Properties?["citation"] is not JArray claims)
        {
            return ids;
        }

        foreach (var claim in claims)
        {
            var url = claim["appearance"]?["url"]?.Value<string>();
            var hash = url?.LastIndexOf('#') ?? -1;
            if (url is not null && hash >= 0)
            {
                ids.Add(url[(hash + 1)..]);
            }
        }

        return ids;
    }

    private static string Abstract(KnowledgeEntry entry)
    {
        var text = entry.Paragraphs.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)) ?? entry.Title;
        return text.Length <= MaxAbstract ? text : text[..(MaxAbstract - 1)].TrimEnd() + "…";
    }
}
