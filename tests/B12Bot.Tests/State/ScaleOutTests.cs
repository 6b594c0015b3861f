namespace B12Bot.Tests.State;

/// <summary>
/// Two bot processes on different ports share one Azurite container, as two instances behind a load balancer:
/// a conversation whose turns alternate between them reaches exactly what it reaches on one instance.
/// </summary>
[Collection(StateBotsGroup.Name)]
public sealed class ScaleOutTests(StateBotsFixture bots)
{
    /// <summary>Per person: question id → the button chosen (other questions get their "no"), and the causes' entries expected.</summary>
    public static TheoryData<string, Dictionary<string, string>, string[]> People => new()
    {
        {
            "vegetarian over 50 after a gastric bypass, on metformin, tired",
            new()
            {
                ["dieet"] = "Vegetarisch",
                ["leeftijd"] = "50 tot 65 jaar",
                ["operatie"] = "Gastric bypass",
                ["medicijnen"] = "Metformine",
                ["klachten"] = "Vermoeidheid",
            },
            ["maagoperaties", "waarom-het-ertoe-doet", "faq-08"]
        },
        {
            "vegan with Crohn who eats raw freshwater fish",
            new()
            {
                ["dieet"] = "Veganistisch",
                ["darmziekte"] = "Ziekte van Crohn",
                ["vis"] = "Ja",
            },
            ["malabsorptie", "parasieten", "faq-02"]
        },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Turns_alternating_between_two_instances_reach_the_same_result_as_on_one(
        string person, Dictionary<string, string> choices, string[] expectedCauseEntries)
    {
        var (markA, markB) = (bots.A.Mark(), bots.B.Mark());
        using var a = bots.A.CreateClient();
        using var b = bots.B.CreateClient();
        var script = bots.Script;

        var oneInstance = await RunAsync(new Chat("one"), choices, _ => a);
        var alternating = await RunAsync(new Chat("alternating"), choices, turn => turn % 2 == 0 ? a : b);

        // Every turn said the same, and the ending cites the same entries with the same texts.
        Assert.True(oneInstance.Count > 4, $"{person}: too short a walkthrough to prove anything ({oneInstance.Count} turns).");
        Assert.Equal(oneInstance.Select(r => r.Transcript), alternating.Select(r => r.Transcript));
        var ending = alternating[^1];
        Assert.True(script.IsEnding(ending), $"{person}: the alternating run did not end: {ending.AllText}");
        Assert.Equal(oneInstance[^1].CitedIds, ending.CitedIds);
        Assert.Equal(oneInstance[^1].Texts, ending.Texts);

        // And that result is the one these answers call for: the causes they point to, each cited.
        var causes = ending.Messages.First(m => ((string?)m["text"] ?? string.Empty).StartsWith(script.Rules.Ending.ResultIntro, StringComparison.Ordinal));
        Assert.Equal(expectedCauseEntries.Order(), new Reply([causes]).CitedIds.Order());

        await bots.A.AssertNothingFailedAsync(markA);
        await bots.B.AssertNothingFailedAsync(markB);
    }

    /// <summary>Starts the walkthrough and answers by buttons until the ending; turn n goes to <paramref name="clientForTurn"/>(n).</summary>
    private async Task<IReadOnlyList<Reply>> RunAsync(Chat chat, Dictionary<string, string> choices, Func<int, HttpClient> clientForTurn)
    {
        var first = await chat.SayAsync(clientForTurn(0), WalkthroughScript.Start);
        Assert.Same(bots.Script.QuestionAt(0), bots.Script.Asked(first));
        var rest = await bots.Script.FinishAsync(chat, first, choices, clientForTurn, firstTurn: 1);
        return [first, .. rest];
    }
}
