using B12Bot.Dialogs;
using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Dialogs;

/// <summary>Typed answers, nonsense, and a walkthrough that continues after a restart.</summary>
public sealed class CauseFinderAnswerTests
{
    private const string Start = "> help me de oorzaak vinden";
    private const string Q1 = "< Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";
    private const string Q2 = "< Hoe oud bent u? [Jonger dan 50|50 tot 65 jaar|65 jaar of ouder|Weet ik niet]";
    private const string ConversationKey = "directline/conversations/causefinder-directline";
    private const string Retry1 = "< Dat antwoord herken ik niet. Kies een van de knoppen, of typ 'help' voor uitleg. Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";

    [Theory]
    [InlineData("banaan")]
    [InlineData("asdfgh")]
    [InlineData("mijn kat heet Minoes en zij is de laatste van het nest")]
    [InlineData("7")]
    public async Task Nonsense_is_asked_again_with_the_buttons(string nonsense)
    {
        var harness = new CauseFinderHarness();

        await Transcript.PlayAsync(harness, Start, "< {intro}", Q1, "> " + nonsense, Retry1, "> Vegetarisch", Q2);
    }

    [Fact]
    public async Task After_three_unrecognised_answers_weet_ik_niet_is_noted_and_the_walkthrough_goes_on()
    {
        var harness = new CauseFinderHarness();

        await Transcript.PlayAsync(
            harness,
            Start, "< {intro}", Q1,
            "> banaan", Retry1,
            "> appel", Retry1,
            "> peer",
            "< Ik noteer 'Weet ik niet' en ga verder met de volgende vraag.",
            Q2);
    }

    /// <summary>What is typed at the first two questions → the cause ids that follow (all else "nee").</summary>
    [Theory]
    [InlineData("ik ben veganist", "ik ben 75", "veganistisch-dieet leeftijd")]
    [InlineData("de tweede", "75", "leeftijd vegetarisch-dieet")]
    [InlineData("2", "3", "leeftijd vegetarisch-dieet")]
    [InlineData("vegetarier", "58 jaar", "vegetarisch-dieet leeftijd")]
    [InlineData("ik eet geen vlees", "jonger dan vijftig", "vegetarisch-dieet")]
    [InlineData("Ik eet alles", "weet ik niet", "")]
    public async Task Typed_answers_count_like_buttons(string diet, string age, string expected)
    {
        var harness = new CauseFinderHarness();
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { diet, age, "nee", "nee", "nee", "nee", "nee", "nee", "nee" })
        {
            var replies = await harness.SendAsync(answer);
            Assert.DoesNotContain(replies, r => r.Text?.StartsWith("Dat antwoord herken ik niet", StringComparison.Ordinal) == true);
        }

        var result = Assert.IsType<CauseFinderResult>(harness.LastResult!.Result);
        Assert.Equal(expected, string.Join(' ', result.Causes.Select(c => c.Id)));
    }

    [Fact]
    public async Task Two_medicines_typed_at_once_are_both_noted_and_need_no_follow_up()
    {
        var harness = new CauseFinderHarness();
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { "alles", "40", "nee", "nee", "nee" })
        {
            await harness.SendAsync(answer);
        }

        await Transcript.PlayAsync(
            harness,
            "> ik slik omeprazol en metformine",
            "< Drinkt u al langere tijd veel alcohol? [Ja|Nee|Weet ik niet]");
    }

    [Fact]
    public async Task A_walkthrough_continues_after_a_restart_from_plain_json_state()
    {
        var storage = new MemoryStateStorage();
        var before = new CauseFinderHarness(storage);
        await Transcript.PlayAsync(
            before, Start, "< {intro}", Q1, "> Veganistisch", Q2, "> 65 jaar of ouder", "<~ Heeft u ooit een operatie aan uw maag of darmen gehad?");

        var json = storage.GetStoredJson("directline/conversations/causefinder-directline");
        Assert.NotNull(json);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Contains("veganistisch", json, StringComparison.Ordinal);

        // A new process: new dialog objects, the same store and conversation.
        var after = new CauseFinderHarness(storage);
        await Transcript.PlayAsync(
            after,
            "> Gastric bypass",
            "<~ Heeft u daarnaast nog een van deze operaties gehad?",
            "> terug",
            "< We gaan een vraag terug.",
            "<~ Heeft u ooit een operatie aan uw maag of darmen gehad?",
            "> Gastric bypass",
            "<~ Heeft u daarnaast nog een van deze operaties gehad?");
        foreach (var answer in new[] { "Nee, verder niets", "Nee", "Nee, geen van deze", "Nee, geen van deze", "Nee", "Nee", "Nee, geen van deze" })
        {
            await after.SendAsync(answer);
        }

        var result = Assert.IsType<CauseFinderResult>(after.LastResult!.Result);
        Assert.Equal(["maagoperatie", "veganistisch-dieet", "leeftijd"], result.Causes.Select(c => c.Id));
    }

    [Fact]
    public async Task A_waiting_question_is_persisted_by_ids_not_as_whole_activities()
    {
        var storage = new MemoryStateStorage();
        var harness = new CauseFinderHarness(storage);
        await Transcript.PlayAsync(harness, Start, "< {intro}", Q1);

        var json = storage.GetStoredJson(ConversationKey);
        Assert.NotNull(json);
        var options = JObject.Parse(json).SelectTokens("$..options").OfType<JObject>().Single();
        Assert.Null(options["prompt"]);
        Assert.Null(options["retryPrompt"]);
        Assert.Null(options["choices"]);
        Assert.Equal("dieet", (string?)options["validations"]?["Question"]);
        Assert.Equal(4, options["validations"]?["Options"]?.Count());
        Assert.DoesNotContain("Hoe eet u meestal", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_persisted_whole_by_an_earlier_version_is_still_answered()
    {
        var storage = new MemoryStateStorage();
        await Transcript.PlayAsync(new CauseFinderHarness(storage), Start, "< {intro}", Q1);

        // Put the prompt back in the earlier shape: the question, its retry and its choices stored in full.
        var state = JObject.Parse(storage.GetStoredJson(ConversationKey)!);
        var options = state.SelectTokens("$..options").OfType<JObject>().Single();
        options["prompt"] = JObject.FromObject(new { type = "message", text = "Hoe eet u meestal?", locale = "nl-NL" });
        options["retryPrompt"] = JObject.FromObject(new { type = "message", text = "Nog eens: hoe eet u meestal?", locale = "nl-NL" });
        options["choices"] = JArray.FromObject(new[] { "Veganistisch", "Vegetarisch", "Ik eet alles", "Weet ik niet" }.Select(v => new { value = v }));
        await storage.WriteAsync(new Dictionary<string, object> { [ConversationKey] = state });

        await Transcript.PlayAsync(
            new CauseFinderHarness(storage),
            "> banaan",
            "< Nog eens: hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]",
            "> Vegetarisch",
            Q2);
    }

    [Fact]
    public async Task In_a_Teams_channel_the_choices_are_buttons_on_a_card()
    {
        var harness = new CauseFinderHarness(channelId: "msteams", conversationType: "channel");

        var replies = await harness.SendAsync(WalkthroughIntent.StartButtonText);

        var question = replies[^1];
        Assert.Contains(question.Attachments, a => a.Content is HeroCard);
        Assert.Equal(["Veganistisch", "Vegetarisch", "Ik eet alles", "Weet ik niet"], Cited.ButtonTitles(question));
        replies = await harness.SendAsync("Ik eet alles");
        Assert.Equal("Hoe oud bent u?", TextOf(replies[^1]));
    }

    private static string? TextOf(IMessageActivity reply) =>
        string.IsNullOrEmpty(reply.Text) ? reply.Attachments?.Select(a => a.Content).OfType<HeroCard>().FirstOrDefault()?.Text : reply.Text;
}
