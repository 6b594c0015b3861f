using B12Bot.Dialogs;
using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Dialogs;

/// <summary>Typed answers, nonsense, and a walkthrough that continues after a restart.</summary>
public sealed class CauseFinderAnswerTests(BotHost host) : IClassFixture<BotHost>
{
    private const string Start = "> help me de oorzaak vinden";
    private const string Q1 = "< Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";
    private const string Q2 = "< Hoe oud bent u? [Jonger dan 50|50 tot 65 jaar|65 jaar of ouder|Weet ik niet]";
    private const string Retry1 = "< Dat antwoord herken ik niet. Kies een van de knoppen, of typ 'help' voor uitleg. Hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]";

    [Theory]
    [InlineData("banaan")]
    [InlineData("asdfgh")]
    [InlineData("mijn kat heet Minoes en zij is de laatste van het nest")]
    [InlineData("7")]
    public async Task Nonsense_is_asked_again_with_the_buttons(string nonsense)
    {
        var harness = new Conversation(host.Bot);

        await harness.PlayAsync(Start, "< {intro}", Q1, "> " + nonsense, Retry1, "> Vegetarisch", Q2);
    }

    [Fact]
    public async Task After_three_unrecognised_answers_weet_ik_niet_is_noted_and_the_walkthrough_goes_on()
    {
        var harness = new Conversation(host.Bot);

        await harness.PlayAsync(
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
        var harness = new Conversation(host.Bot);
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { diet, age, "nee", "nee", "nee", "nee", "nee", "nee", "nee", "klopt" })
        {
            var replies = await harness.SendAsync(answer);
            Assert.DoesNotContain(replies, r => r.Text?.StartsWith("Dat antwoord herken ik niet", StringComparison.Ordinal) == true);
        }

        var titles = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => harness.Rules.FindCause(id)!.Title);
        Assert.Equal(titles, Conversation.CausesListed(harness.Last[0]));
        Assert.Contains(harness.Rules.Ending.GpReminder, harness.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_medicines_typed_at_once_are_both_noted_and_need_no_follow_up()
    {
        var harness = new Conversation(host.Bot);
        await harness.SendAsync(WalkthroughIntent.StartButtonText);
        foreach (var answer in new[] { "alles", "40", "nee", "nee", "nee" })
        {
            await harness.SendAsync(answer);
        }

        await harness.PlayAsync(
            "> ik slik omeprazol en metformine",
            "< Drinkt u al langere tijd veel alcohol? [Ja|Nee|Weet ik niet]");
    }

    [Fact]
    public async Task A_walkthrough_continues_after_a_restart_from_plain_json_state()
    {
        var storage = new MemoryStateStorage();
        using var first = Conversation.BotOver(storage);
        var before = new Conversation(first);
        await before.PlayAsync(
            Start, "< {intro}", Q1, "> Veganistisch", Q2, "> 65 jaar of ouder", "<~ Heeft u ooit een operatie aan uw maag of darmen gehad?");

        var json = storage.GetStoredJson(before.Key);
        Assert.NotNull(json);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.Contains("veganistisch", json, StringComparison.Ordinal);

        // A new process: new dialog objects, the same store and conversation.
        using var second = Conversation.BotOver(storage);
        var after = before.ContinuedBy(second);
        await after.PlayAsync(
            "> Gastric bypass",
            "<~ Heeft u daarnaast nog een van deze operaties gehad?",
            "> terug",
            "< We gaan een vraag terug.",
            "<~ Heeft u ooit een operatie aan uw maag of darmen gehad?",
            "> Gastric bypass",
            "<~ Heeft u daarnaast nog een van deze operaties gehad?");
        foreach (var answer in new[] { "Nee, verder niets", "Nee", "Nee, geen van deze", "Nee, geen van deze", "Nee", "Nee", "Nee, geen van deze", "klopt" })
        {
            await after.SendAsync(answer);
        }

        Assert.Equal(["Een operatie aan de maag", "Weinig of geen B12 uit voeding", "Minder maagzuur op oudere leeftijd"], Conversation.CausesListed(after.Last[0]));
    }

    [Fact]
    public async Task A_waiting_question_is_persisted_by_ids_not_as_whole_activities()
    {
        var harness = new Conversation(host.Bot);
        await harness.PlayAsync(Start, "< {intro}", Q1);

        var json = ((MemoryStateStorage)harness.Storage).GetStoredJson(harness.Key);
        Assert.NotNull(json);
        var options = JObject.Parse(json).SelectTokens("$..options").OfType<JObject>().Single(o => o["validations"] is not null);
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
        var harness = new Conversation(host.Bot);
        var storage = (MemoryStateStorage)harness.Storage;
        await harness.PlayAsync(Start, "< {intro}", Q1);

        // Put the prompt back in the earlier shape: the question, its retry and its choices stored in full.
        var state = JObject.Parse(storage.GetStoredJson(harness.Key)!);
        var options = state.SelectTokens("$..options").OfType<JObject>().Single(o => o["validations"] is not null);
        options["prompt"] = JObject.FromObject(new { type = "message", text = "Hoe eet u meestal?", locale = "nl-NL" });
        options["retryPrompt"] = JObject.FromObject(new { type = "message", text = "Nog eens: hoe eet u meestal?", locale = "nl-NL" });
        options["choices"] = JArray.FromObject(new[] { "Veganistisch", "Vegetarisch", "Ik eet alles", "Weet ik niet" }.Select(v => new { value = v }));
        await storage.WriteAsync(new Dictionary<string, object> { [harness.Key] = state });

        await harness.PlayAsync(
            "> banaan",
            "< Nog eens: hoe eet u meestal? [Veganistisch|Vegetarisch|Ik eet alles|Weet ik niet]",
            "> Vegetarisch",
            Q2);
    }

    [Fact]
    public async Task In_a_Teams_channel_the_choices_are_buttons_on_a_card()
    {
        var harness = new Conversation(host.Bot, channelId: "msteams", conversationType: "channel");

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
