using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Testing;

/// <summary>Reads the schema.org citations of replies, as ask.py and Teams do.</summary>
public static class Cited
{
    /// <summary>The entry ids cited by one activity, in order (the anchors of citation[].appearance.url).</summary>
    public static IReadOnlyList<string> Ids(IActivity activity)
    {
        var ids = new List<string>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type != "https://schema.org/Message")
            {
                continue;
            }

            if (entity.Properties["citation"] is not JArray claims)
            {
                continue;
            }

            foreach (var claim in claims)
            {
                var url = (string?)claim["appearance"]?["url"] ?? string.Empty;
                var hash = url.LastIndexOf('#');
                if (hash >= 0)
                {
                    ids.Add(url[(hash + 1)..]);
                }
            }
        }

        return ids;
    }

    /// <summary>The entry an activity answers from (citation[0]), or null.</summary>
    public static string? Top(IActivity activity) => Ids(activity) is [var first, ..] ? first : null;

    /// <summary>The entry a JSON activity list answers from, or null.</summary>
    public static string? Top(JArray activities) => Ids(activities) is [var first, ..] ? first : null;

    /// <summary>The entry ids cited by a JSON activity list (an expectReplies body).</summary>
    public static IReadOnlyList<string> Ids(JArray activities)
    {
        var ids = new List<string>();
        foreach (var activity in activities)
        {
            foreach (var entity in activity["entities"] as JArray ?? [])
            {
                if ((string?)entity["type"] != "https://schema.org/Message")
                {
                    continue;
                }

                foreach (var claim in entity["citation"] as JArray ?? [])
                {
                    var url = (string?)claim["appearance"]?["url"] ?? string.Empty;
                    var hash = url.LastIndexOf('#');
                    if (hash >= 0)
                    {
                        ids.Add(url[(hash + 1)..]);
                    }
                }
            }
        }

        return ids;
    }

    public static IReadOnlyList<string> ButtonTitles(IActivity activity)
    {
        var titles = activity.AsMessageActivity()?.SuggestedActions?.Actions?.Select(a => a.Title).ToList() ?? [];
        foreach (var attachment in activity.AsMessageActivity()?.Attachments ?? [])
        {
            if (attachment.Content is HeroCard hero)
            {
                titles.AddRange(hero.Buttons.Select(b => b.Title));
            }
        }

        return titles;
    }
}
