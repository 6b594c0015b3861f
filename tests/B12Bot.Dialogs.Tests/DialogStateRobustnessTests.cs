using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs.Tests;

/// <summary>State saved by an older version, or damaged, must fail with DialogStateException, never a null or cast error.</summary>
public class DialogStateRobustnessTests
{
    private static ComponentDialog Questions()
    {
        return new ComponentDialog("vragen")
            .AddDialog(new WaterfallDialog("stappen")
                .AddStep((step, ct) => step.BeginDialogAsync("vraag", null, ct))
                .AddStep(async (step, ct) =>
                {
                    step.Values["antwoord"] = step.Result;
                    await step.Context.SendActivityAsync("Tweede vraag?", cancellationToken: ct);
                    return Dialog.EndOfTurn;
                })
                .AddStep((step, ct) => step.EndDialogAsync(step.GetValue<string>("antwoord"), ct)))
            .AddDialog(new AskDialog("vraag", "Eerste vraag?"));
    }

    /// <summary>Each damage is applied to the saved JSON while the waterfall waits after its second step.</summary>
    public static TheoryData<string> Damages => new()
    {
        "outer dialog id unknown",
        "inner dialog id unknown",
        "step index beyond the steps",
        "step index negative",
        "step index not a number",
        "step index missing",
        "values not an object",
        "inner stack not an object",
        "inner stack entries not a list",
        "inner stack missing",
        "stack entry without id",
        "stack entry null",
        "dialog state is a string",
        "dialog stack is null",
    };

    private static void Damage(string damage, JObject saved)
    {
        var outer = (JObject)saved["DialogState"]!["dialogStack"]![0]!;
        var inner = (JObject)outer["state"]!["dialogs"]!;
        var waterfall = (JObject)inner["dialogStack"]![0]!;
        switch (damage)
        {
            case "outer dialog id unknown":
                outer["id"] = "vragen-v0";
                break;
            case "inner dialog id unknown":
                waterfall["id"] = "oude-stappen";
                break;
            case "step index beyond the steps":
                waterfall["state"]!["stepIndex"] = 7;
                break;
            case "step index negative":
                waterfall["state"]!["stepIndex"] = -2;
                break;
            case "step index not a number":
                waterfall["state"]!["stepIndex"] = "twee";
                break;
            case "step index missing":
                ((JObject)waterfall["state"]!).Remove("stepIndex");
                break;
            case "values not an object":
                waterfall["state"]!["values"] = new JArray(1, 2);
                break;
            case "inner stack not an object":
                outer["state"]!["dialogs"] = "kapot";
                break;
            case "inner stack entries not a list":
                inner["dialogStack"] = new JObject { ["id"] = "stappen" };
                break;
            case "inner stack missing":
                ((JObject)outer["state"]!).Remove("dialogs");
                break;
            case "stack entry without id":
                ((JObject)waterfall).Remove("id");
                break;
            case "stack entry null":
                ((JArray)inner["dialogStack"]!)[0] = JValue.CreateNull();
                break;
            case "dialog state is a string":
                saved["DialogState"] = "kapot";
                break;
            case "dialog stack is null":
                saved["DialogState"]!["dialogStack"] = JValue.CreateNull();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, "Unknown damage.");
        }
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Damaged_state_raises_DialogStateException(string damage)
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", Questions(), storage: storage);
        await TranscriptPlayer.PlayAsync(client, "> start", "< Eerste vraag?", "> a", "< Tweede vraag?");

        var saved = JObject.Parse(storage.GetJson(client.StateKey)!);
        Damage(damage, saved);
        storage.SetJson(client.StateKey, saved.ToString());

        await Assert.ThrowsAsync<DialogStateException>(() => client.SendActivityAsync<IMessageActivity>("b"));
    }

    [Fact]
    public async Task The_last_step_index_still_ends_the_waterfall_normally()
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", Questions(), storage: storage);
        await TranscriptPlayer.PlayAsync(client, "> start", "< Eerste vraag?", "> a", "< Tweede vraag?");

        var saved = JObject.Parse(storage.GetJson(client.StateKey)!);
        saved["DialogState"]!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]![0]!["state"]!["stepIndex"] = 2;
        storage.SetJson(client.StateKey, saved.ToString());
        await client.SendActivityAsync<IMessageActivity>("b");

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal("b", client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task Typed_reads_of_damaged_values_raise_DialogStateException()
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", Questions(), storage: storage);
        await TranscriptPlayer.PlayAsync(client, "> start", "< Eerste vraag?", "> a", "< Tweede vraag?");

        var saved = JObject.Parse(storage.GetJson(client.StateKey)!);
        saved["DialogState"]!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]![0]!["state"]!["values"]!["antwoord"] = new JObject { ["x"] = 1 };
        storage.SetJson(client.StateKey, saved.ToString());

        await Assert.ThrowsAsync<DialogStateException>(() => client.SendActivityAsync<IMessageActivity>("b"));
    }

    [Fact]
    public async Task A_bot_can_catch_the_exception_apologise_clear_the_state_and_start_fresh()
    {
        var storage = new JsonTextStorage();
        var conversationState = new ConversationState(storage);
        var accessor = conversationState.CreateProperty<DialogState>("DialogState");
        var dialog = Questions();
        var adapter = new TestAdapter();

        async Task BotTurnAsync(ITurnContext turnContext, CancellationToken ct)
        {
            try
            {
                await dialog.RunAsync(turnContext, accessor, ct);
            }
            catch (DialogStateException)
            {
                await turnContext.SendActivityAsync("Excuses, ik ben de draad kwijt. We beginnen opnieuw.", cancellationToken: ct);
                await accessor.DeleteAsync(turnContext, ct);
                await dialog.RunAsync(turnContext, accessor, ct);
            }

            await conversationState.SaveChangesAsync(turnContext, false, ct);
        }

        await adapter.SendTextToBotAsync("start", BotTurnAsync, default);
        Assert.Equal("Eerste vraag?", adapter.GetNextReply().AsMessageActivity().Text);

        var key = storage.Keys.Single();
        storage.SetJson(key, storage.GetJson(key)!.Replace("\"vragen\"", "\"vragen-uit-2023\"", StringComparison.Ordinal));
        await adapter.SendTextToBotAsync("a", BotTurnAsync, default);

        Assert.Equal("Excuses, ik ben de draad kwijt. We beginnen opnieuw.", adapter.GetNextReply().AsMessageActivity().Text);
        Assert.Equal("Eerste vraag?", adapter.GetNextReply().AsMessageActivity().Text);
        Assert.Contains("\"vragen\"", storage.GetJson(key), StringComparison.Ordinal);
        Assert.DoesNotContain("vragen-uit-2023", storage.GetJson(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_still_works_when_the_active_dialog_is_unknown()
    {
        var storage = new JsonTextStorage();
        var client = new DialogTestClient("test", Questions(), storage: storage);
        await TranscriptPlayer.PlayAsync(client, "> start", "< Eerste vraag?");
        storage.SetJson(client.StateKey, storage.GetJson(client.StateKey)!.Replace("\"vragen\"", "\"weg\"", StringComparison.Ordinal));

        var adapter = new TestAdapter(client.Adapter.Conversation);
        var accessor = client.ConversationState.CreateProperty<DialogState>("DialogState");
        DialogTurnResult? result = null;
        await adapter.SendTextToBotAsync(
            "stop",
            async (turnContext, ct) =>
            {
                var dc = await new DialogSet(accessor).Add(Questions()).CreateContextAsync(turnContext, ct);
                result = await dc.CancelAllDialogsAsync(ct);
            },
            default);

        Assert.Equal(DialogTurnStatus.Cancelled, result!.Status);
    }
}
