using System.Text.RegularExpressions;
using B12Bot.Cards;
using B12Bot.Knowledge;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Teams;

/// <summary>
/// Citations as Teams requires them (it answers a malformed one with 400): names of at most 80 characters and
/// abstracts of at most 160, still telling entries apart; one root Message entity; every [n] in the text a claim's
/// position and every claim's position an [n] in the text.
/// </summary>
public sealed partial class TeamsCitationTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    public static TheoryData<string> Questions => new()
    {
        "Welke ziekten veroorzaken een daling van vitamine B12?",
        "Wat is malabsorptie?",
        "Hoe verlaagt een maagoperatie mijn B12?",
        "Wat is pernicieuze anemie?",
        "Welke producten zijn rijk aan B12?",
        "Kun je te veel B12 innemen?",
        "Wat is de belangrijkste oorzaak van vitamine B12-tekort?",
        "ik kan niet meer goed lopen, is dat B12?",
    };

    [Fact]
    public void Every_entry_has_a_citation_name_and_abstract_within_Teams_limits_and_the_names_differ()
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var citations = factory.Services.GetRequiredService<Citations>();
        var names = new List<string>();
        foreach (var entry in knowledge.Entries)
        {
            var claim = (JObject)((JArray)citations.For([entry]).Properties["citation"]!)[0];
            var name = (string)claim["appearance"]!["name"]!;
            var summary = (string)claim["appearance"]!["abstract"]!;
            Assert.InRange(name.Length, 1, Citations.NameLength);
            Assert.InRange(summary.Length, 1, Citations.AbstractLength);

            // Shortened after a whole word: the name starts like the title, and a cut ends in "…" after a word.
            var title = name.EndsWith(" (Topvitamine)", StringComparison.Ordinal) ? name[..^" (Topvitamine)".Length] : name;
            Assert.StartsWith(title.TrimEnd('…'), entry.Title, StringComparison.Ordinal);
            if (title.EndsWith('…'))
            {
                Assert.Equal(' ', entry.Title[title.Length - 1]);
            }

            names.Add(name);
        }

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("kort", 10, "kort")]
    [InlineData("een twee drie vier", 12, "een twee…")]
    [InlineData("Malabsorptiesyndromen: gastro-intestinale aandoeningen", 30, "Malabsorptiesyndromen…")]
    [InlineData("Onafgebrokenwoordzonderspaties", 10, "Onafgebro…")]
    public void Shortening_keeps_whole_words_and_marks_the_cut(string text, int max, string expected)
    {
        var shortened = Citations.Shorten(text, max);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Every_reply_in_Teams_has_one_root_message_entity_whose_claims_match_the_markers(string question)
    {
        using var client = factory.CreateClient();
        var activity = BotHttp.Message(question, "a:1personal-" + Guid.NewGuid().ToString("N"), channelId: "msteams", userId: "29:1-user");
        activity["conversation"]!["conversationType"] = "personal";
        activity["serviceUrl"] = "http://127.0.0.1:9/teams/";

        var (_, replies) = await BotHttp.PostAsync(client, activity);

        Assert.NotEmpty(replies);
        var cited = 0;
        foreach (var reply in replies)
        {
            var roots = (reply["entities"] as JArray ?? []).Where(e => (string?)e["type"] == "https://schema.org/Message").ToList();
            var markers = Marker().Matches((string?)reply["text"] ?? string.Empty).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            if (roots.Count == 0)
            {
                Assert.Empty(markers);
                continue;
            }

            cited++;
            var root = Assert.Single(roots);
            Assert.Equal(string.Empty, (string?)root["@id"]);
            var claims = (JArray)root["citation"]!;
            Assert.InRange(claims.Count, 1, 20);
            var positions = claims.Select(c => (int)c["position"]!).ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
            Assert.Equal(markers.Order(), positions.Order());
            Assert.All(claims, c =>
            {
                Assert.True(((string)c["appearance"]!["name"]!).Length <= Citations.NameLength);
                Assert.True(((string)c["appearance"]!["abstract"]!).Length <= Citations.AbstractLength);
                Assert.True(((c["appearance"]!["keywords"] as JArray)?.Count ?? 0) <= 3);
            });
        }

        Assert.True(cited > 0, "Expected at least one reply quoting the article.");
    }

    [GeneratedRegex(@"\[(\d+)\](?!\()")]
    private static partial Regex Marker();
}
