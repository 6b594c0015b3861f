using System.Net;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Walkthrough;

/// <summary>
/// The walkthrough driven over HTTP as a person would: start it from the welcome's button and answer every
/// question by choosing one of the offered buttons, until the result arrives with its citations.
/// </summary>
public sealed class WalkthroughOverHttpTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    private const int MaxTurns = 30;

    /// <summary>Per person: for a question containing the key, the button to choose; every other question gets "no".</summary>
    public static TheoryData<string, Dictionary<string, string>, string> People => new()
    {
        { "vegan", new() { ["eet u"] = "Veganistisch" }, "faq-02" },
        { "gastric bypass", new() { ["operatie"] = "Gastric bypass" }, "maagoperaties" },
        { "Crohn", new() { ["darmziekte"] = "Ziekte van Crohn" }, "malabsorptie" },
        { "raw freshwater fish", new() { ["zoetwatervis"] = "Ja" }, "parasieten" },
        { "pernicious anaemia", new() { ["vastgesteld"] = "Pernicieuze anemie (Biermer)" }, "pernicieuze-anemie" },
        { "aged 75", new() { ["oud bent u"] = "65 jaar of ouder" }, "faq-08" },
        { "omeprazol", new() { ["medicijnen"] = "Maagzuurremmer (zoals omeprazol)" }, "waarom-het-ertoe-doet" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Choosing_only_offered_buttons_reaches_the_result_citing_the_matching_section(
        string person, Dictionary<string, string> choices, string expectedEntry)
    {
        using var client = factory.CreateClient();
        var conversation = "walk-" + Guid.NewGuid().ToString("N");

        var (welcomeResponse, welcome) = await PostAsync(client, ConversationUpdate(conversation));
        Assert.Equal(HttpStatusCode.OK, welcomeResponse.StatusCode);
        var start = Buttons(welcome).Single(b => b.Contains("B12 laag", StringComparison.Ordinal));

        var replies = await SayAsync(client, conversation, start);
        for (var turn = 0; turn < MaxTurns && Cited.Ids(replies).Count == 0; turn++)
        {
            var buttons = Buttons(replies);
            Assert.True(buttons.Count > 0, $"{person}: a question came without buttons: {string.Join(" | ", BotHttp.Texts(replies))}");
            var question = string.Join(" ", BotHttp.Texts(replies));
            replies = await SayAsync(client, conversation, Choose(question, buttons, choices));
        }

        var cited = Cited.Ids(replies);
        Assert.True(cited.Contains(expectedEntry), $"{person}: expected {expectedEntry} among {string.Join(", ", cited)}");
        Assert.Contains(BotHttp.Texts(replies), t => t.Contains("huisarts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_applies_ends_saying_so_and_naming_the_general_causes()
    {
        using var client = factory.CreateClient();
        var conversation = "walk-none-" + Guid.NewGuid().ToString("N");
        var replies = await SayAsync(client, conversation, "Waarom is mijn B12 laag?");
        for (var turn = 0; turn < MaxTurns && Cited.Ids(replies).Count == 0 && Buttons(replies).Count > 0; turn++)
        {
            replies = await SayAsync(client, conversation, Choose(string.Join(" ", BotHttp.Texts(replies)), Buttons(replies), []));
        }

        var text = string.Join("\n", BotHttp.Texts(replies));
        Assert.Contains("huisarts", text, StringComparison.Ordinal);
        Assert.NotEmpty(Cited.Ids(replies));
    }

    private static string Choose(string question, IReadOnlyList<string> buttons, Dictionary<string, string> choices)
    {
        foreach (var (key, title) in choices)
        {
            if (question.Contains(key, StringComparison.OrdinalIgnoreCase) && buttons.Contains(title))
            {
                return title;
            }
        }

        string[] defaults = ["Klopt, toon de uitkomst", "Nee", "Ik eet alles", "Jonger dan 50"];
        foreach (var preferred in defaults)
        {
            var match = buttons.FirstOrDefault(b => b.StartsWith(preferred, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }

        return buttons[^1];
    }

    private static async Task<JArray> SayAsync(HttpClient client, string conversation, string text)
    {
        var (response, replies) = await PostAsync(client, BotHttp.Message(text, conversation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return replies;
    }

    private static Task<(HttpResponseMessage, JArray)> PostAsync(HttpClient client, JObject activity) => BotHttp.PostAsync(client, activity);

    private static JObject ConversationUpdate(string conversation)
    {
        var activity = BotHttp.Message(null, conversation);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JArray { new JObject { ["id"] = "user-1", ["name"] = "Gebruiker" } };
        return activity;
    }

    private static List<string> Buttons(JArray activities)
    {
        var titles = new List<string>();
        foreach (var activity in activities)
        {
            foreach (var action in activity["suggestedActions"]?["actions"] as JArray ?? [])
            {
                titles.Add((string?)action["title"] ?? string.Empty);
            }

            foreach (var attachment in activity["attachments"] as JArray ?? [])
            {
                foreach (var button in attachment["content"]?["buttons"] as JArray ?? [])
                {
                    titles.Add((string?)button["title"] ?? string.Empty);
                }
            }
        }

        return titles;
    }
}
