using System.Net;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// In the middle of the walkthrough, answers that match no button (or are hostile) get a polite reply, never an
/// error, and the walkthrough still reaches its result when the person then uses the buttons.
/// </summary>
public sealed class WalkthroughHostileTests(HostileAppFactory factory) : IClassFixture<HostileAppFactory>
{
    private const int MaxSteps = 40;

    public static TheoryData<string, string?, string?> Answers => new()
    {
        { "a text that is no option", "Optie Z van het menu", null },
        { "a number past the last option", "99", null },
        { "a negative number", "-1", null },
        { "Lucene syntax", "AND ( \"veganistisch\"~2 OR *", null },
        { "a script tag", "<script>alert(1)</script>", null },
        { "emoji only", "🥦🥩🧀", null },
        { "control characters", "\u0000\u0001\u001b[31m", null },
        { "a very long answer", new string('x', 3000), null },
        { "null text with a value that matches nothing", null, """{"keuze":"bestaat-niet"}""" },
        { "null text with a number as value", null, "7" },
        { "a question instead of an answer", "Welke voedingsmiddelen zijn rijk aan vitamine B12?", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task An_answer_that_matches_no_button_gets_a_polite_reply_and_the_walkthrough_still_reaches_its_result(string why, string? text, string? value)
    {
        using var client = factory.CreateClient();
        var conversation = "walk-" + Guid.NewGuid().ToString("N");
        factory.Logs.Clear();

        var (start, first) = await BotHttp.PostAsync(client, BotHttp.Message(Replies.StartWalkthrough, conversation));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.NotEmpty(Buttons(first));

        var odd = BotHttp.Message(text, conversation);
        if (value is not null)
        {
            odd["value"] = JToken.Parse(value);
        }

        var (response, replies) = await BotHttp.PostAsync(client, odd);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: HTTP {(int)response.StatusCode}");
        var texts = BotHttp.Texts(replies).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.DoesNotContain(texts, t => t.Contains(Replies.TurnFailed, StringComparison.Ordinal));
        Assert.DoesNotContain("<script", replies.ToString(), StringComparison.OrdinalIgnoreCase);

        // Then the buttons, always the first one offered, until a reply cites the article. When the reply to the odd
        // answer offers no buttons, the person types the first option of the question still open.
        var current = replies;
        var offered = Buttons(first);
        for (var step = 0; step < MaxSteps && Cited.Ids(current).Count == 0; step++)
        {
            var buttons = Buttons(current);
            if (buttons.Count == 0 && step == 0)
            {
                buttons = offered;
            }

            Assert.True(buttons.Count > 0, $"{why}: step {step} offers no button and no result: {string.Join(" / ", BotHttp.Texts(current))}");
            (response, current) = await BotHttp.PostAsync(client, BotHttp.Message(buttons[0], conversation));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotEmpty(Cited.Ids(current));
        Assert.True(factory.Logs.Errors.Count == 0, string.Join(Environment.NewLine, factory.Logs.Errors));
    }

    /// <summary>What the buttons of a turn's replies send: suggested actions and hero-card buttons (imBack values).</summary>
    private static List<string> Buttons(JArray activities)
    {
        var buttons = new List<string>();
        foreach (var activity in activities)
        {
            foreach (var action in activity["suggestedActions"]?["actions"] as JArray ?? [])
            {
                buttons.Add((string?)action["value"] ?? (string?)action["title"] ?? string.Empty);
            }

            foreach (var attachment in activity["attachments"] as JArray ?? [])
            {
                foreach (var button in attachment["content"]?["buttons"] as JArray ?? [])
                {
                    buttons.Add((string?)button["value"] ?? (string?)button["title"] ?? string.Empty);
                }
            }
        }

        return buttons;
    }
}
