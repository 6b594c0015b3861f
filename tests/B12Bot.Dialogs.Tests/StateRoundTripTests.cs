using B12Bot.Dialogs.Choices;
using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs.Tests;

/// <summary>
/// The whole dialog state goes through JSON text without type names after every turn, and a multi-turn
/// conversation with every kind of prompt, a retry and an interruption still works.
/// </summary>
public class StateRoundTripTests
{
    public sealed record IntakeOptions(string Topic, int MaxQuestions);

    private sealed class Intake : ComponentDialog
    {
        public Intake()
            : base("intake")
        {
            AddDialog(new WaterfallDialog("stappen")
                .AddStep(NameStepAsync)
                .AddStep(DietStepAsync)
                .AddStep(SupplementStepAsync)
                .AddStep(SummaryStepAsync));
            AddDialog(new TextPrompt("tekst"));
            AddDialog(new ChoicePrompt("keuze"));
            AddDialog(new ConfirmPrompt("bevestig"));
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
        {
            if (DutchText.Normalize(innerDc.Context.Activity.Text) == "help")
            {
                await innerDc.Context.SendActivityAsync("Ik stel een paar vragen over uw B12.", cancellationToken: cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return EndOfTurn;
            }

            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }

        private static Task<DialogTurnResult> NameStepAsync(WaterfallStepContext step, CancellationToken ct)
        {
            var options = step.GetOptions<IntakeOptions>()!;
            return step.PromptAsync("tekst", new PromptOptions { Prompt = MessageFactory.Text($"Over {options.Topic}: hoe mag ik u noemen?") }, ct);
        }

        private static Task<DialogTurnResult> DietStepAsync(WaterfallStepContext step, CancellationToken ct)
        {
            step.Values["naam"] = step.Result;
            return step.PromptAsync(
                "keuze",
                new PromptOptions
                {
                    Prompt = MessageFactory.Text("Wat eet u?"),
                    RetryPrompt = MessageFactory.Text("Kiest u een van de mogelijkheden?"),
                    Choices =
                    [
                        new Choice("Veganistisch") { Synonyms = ["vegan", "plantaardig"] },
                        new Choice("Vegetarisch") { Synonyms = ["geen vlees"] },
                        new Choice("Alles") { Synonyms = ["omnivoor"] },
                    ],
                    Validations = new Dictionary<string, object> { ["bron"] = "test" },
                    Style = ListStyle.SuggestedAction,
                },
                ct);
        }

        private static Task<DialogTurnResult> SupplementStepAsync(WaterfallStepContext step, CancellationToken ct)
        {
            step.Values["dieet"] = step.Result;
            return step.PromptAsync("bevestig", new PromptOptions { Prompt = MessageFactory.Text("Slikt u B12?"), MaxAttempts = 3 }, ct);
        }

        private static async Task<DialogTurnResult> SummaryStepAsync(WaterfallStepContext step, CancellationToken ct)
        {
            var name = step.GetValue<string>("naam");
            var diet = step.GetValue<FoundChoice>("dieet")!;
            var supplement = (bool)step.Result!;
            var options = step.GetOptions<IntakeOptions>()!;
            await step.Context.SendActivityAsync(
                $"{name}: {diet.Value} (keuze {diet.Index + 1}), B12 {(supplement ? "ja" : "nee")}, max {options.MaxQuestions}.",
                cancellationToken: ct);
            return await step.EndDialogAsync(diet.Value, ct);
        }
    }

    [Theory]
    [InlineData(JsonReadMode.Newtonsoft)]
    [InlineData(JsonReadMode.SystemTextJson)]
    public async Task A_conversation_with_prompts_survives_plain_JSON_between_every_turn(JsonReadMode mode)
    {
        var storage = new JsonTextStorage(mode);
        var client = new DialogTestClient("test", new Intake(), new IntakeOptions("vitamine B12", 3), storage);
        var turns = new (string User, string[] Bot)[]
        {
            ("hallo", ["Over vitamine B12: hoe mag ik u noemen?"]),
            ("Mevrouw Jansen", ["Wat eet u? [Veganistisch|Vegetarisch|Alles]"]),
            ("help", ["Ik stel een paar vragen over uw B12.", "Wat eet u? [Veganistisch|Vegetarisch|Alles]"]),
            ("pizza", ["Kiest u een van de mogelijkheden? [Veganistisch|Vegetarisch|Alles]"]),
            ("ik eet plantaardig", ["Slikt u B12? [Ja|Nee]"]),
            ("jawel", ["Mevrouw Jansen: Veganistisch (keuze 1), B12 ja, max 3."]),
        };

        var reads = 0;
        foreach (var (user, bot) in turns)
        {
            await TranscriptPlayer.PlayAsync(client, [$"> {user}", .. bot.Select(b => $"< {b}")]);

            var json = storage.GetJson(client.StateKey)!;
            Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
            Assert.IsType<JObject>(JToken.Parse(json));
            Assert.True(storage.ReadCount > reads || user == turns[0].User, $"state was not read back from JSON for '{user}'");
            reads = storage.ReadCount;
        }

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal("Veganistisch", client.DialogTurnResult.Result);
        Assert.Equal("[]", JObject.Parse(storage.GetJson(client.StateKey)!)["DialogState"]!["dialogStack"]!.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task The_saved_state_is_readable_plain_JSON_with_the_documented_keys()
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", new Intake(), new IntakeOptions("vitamine B12", 3), storage);
        await TranscriptPlayer.PlayAsync(client, "> hallo", "< Over vitamine B12: hoe mag ik u noemen?", "> Piet", "< Wat eet u? [Veganistisch|Vegetarisch|Alles]", "> hmm", "< Kiest u een van de mogelijkheden? [Veganistisch|Vegetarisch|Alles]");

        var saved = JObject.Parse(storage.GetJson(client.StateKey)!);
        var component = saved["DialogState"]!["dialogStack"]![0]!;
        var inner = component["state"]!["dialogs"]!["dialogStack"]!;
        var prompt = inner[0]!;
        var waterfall = inner[1]!;

        Assert.Equal("intake", (string?)component["id"]);
        Assert.Equal("keuze", (string?)prompt["id"]);
        Assert.Equal(1, (int)prompt["state"]!["state"]!["attemptCount"]!);
        Assert.Equal("Wat eet u?", (string?)prompt["state"]!["options"]!["prompt"]!["text"]);
        Assert.Equal("plantaardig", (string?)prompt["state"]!["options"]!["choices"]![0]!["synonyms"]![1]);
        Assert.Equal("SuggestedAction", (string?)prompt["state"]!["options"]!["style"]);
        Assert.Equal("stappen", (string?)waterfall["id"]);
        Assert.Equal(1, (int)waterfall["state"]!["stepIndex"]!);
        Assert.Equal("Piet", (string?)waterfall["state"]!["values"]!["naam"]);
        Assert.Equal("vitamine B12", (string?)waterfall["state"]!["options"]!["Topic"]);
        Assert.False(string.IsNullOrEmpty((string?)waterfall["state"]!["instanceId"]));
    }

    [Fact]
    public async Task A_damaged_prompt_state_raises_DialogStateException()
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", new Intake(), new IntakeOptions("vitamine B12", 3), storage);
        await TranscriptPlayer.PlayAsync(client, "> hallo", "< Over vitamine B12: hoe mag ik u noemen?");

        foreach (var damage in new Action<JObject>[]
        {
            prompt => prompt["state"]!["options"] = "kapot",
            prompt => prompt["state"]!["state"] = new JArray(),
            prompt => prompt["state"]!["state"]!["attemptCount"] = "veel",
            prompt => prompt["state"]!["state"]!["attemptCount"] = -1,
            prompt => ((JObject)prompt["state"]!).Remove("options"),
        })
        {
            var saved = JObject.Parse(storage.GetJson(client.StateKey)!);
            var copy = (JObject)saved.DeepClone();
            damage((JObject)copy["DialogState"]!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]![0]!);
            storage.SetJson(client.StateKey, copy.ToString());

            await Assert.ThrowsAsync<DialogStateException>(() => client.SendActivityAsync<Microsoft.Bot.Schema.IMessageActivity>("Piet"));

            storage.SetJson(client.StateKey, saved.ToString());
        }
    }
}
