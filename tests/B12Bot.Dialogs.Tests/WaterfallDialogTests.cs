using System.Globalization;
using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests;

public class WaterfallDialogTests
{
    public sealed record ProfileOptions(string Greeting, string[] Topics);

    /// <summary>Asks name and age on plain text turns, keeps them in Values, ends with a summary.</summary>
    private static WaterfallDialog ProfileDialog()
    {
        return new WaterfallDialog("profiel")
            .AddStep(async (step, ct) =>
            {
                var options = step.GetOptions<ProfileOptions>();
                await step.Context.SendActivityAsync($"{options?.Greeting ?? "Hallo"}! Hoe heet u?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                step.Values["naam"] = (string)step.Result!;
                step.Values["stappen"] = new List<int> { step.Index };
                await step.Context.SendActivityAsync("Hoe oud bent u?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                var age = int.Parse((string)step.Result!, CultureInfo.InvariantCulture);
                step.Values["leeftijd"] = age;
                var steps = step.GetValue<List<int>>("stappen")!;
                steps.Add(step.Index);
                step.Values["stappen"] = steps;
                await step.Context.SendActivityAsync("Klopt dat?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                var name = step.GetValue<string>("naam");
                var age = step.GetValue<int>("leeftijd");
                var topics = step.GetOptions<ProfileOptions>()?.Topics ?? [];
                var steps = step.GetValue<List<int>>("stappen")!;
                await step.Context.SendActivityAsync(
                    $"{name}, {age} jaar, stappen {string.Join("+", steps)}, onderwerpen {string.Join("/", topics)}, antwoord {step.Result}.",
                    cancellationToken: ct);
                return await step.EndDialogAsync(name, ct);
            });
    }

    [Theory]
    [MemberData(nameof(Storages.All), MemberType = typeof(Storages))]
    public async Task Steps_run_in_order_and_values_and_options_survive_every_turn(string storage)
    {
        var client = new DialogTestClient(
            "test",
            ProfileDialog(),
            new ProfileOptions("Goedemiddag", ["dieet", "medicijnen"]),
            Storages.Create(storage));

        await TranscriptPlayer.PlayAsync(
            client,
            "> hoi",
            "< Goedemiddag! Hoe heet u?",
            "> Anna",
            "< Hoe oud bent u?",
            "> 75",
            "< Klopt dat?",
            "> ja",
            "< Anna, 75 jaar, stappen 1+2, onderwerpen dieet/medicijnen, antwoord ja.");

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal("Anna", client.DialogTurnResult.Result);
        Assert.Empty(client.DialogContext!.Stack);
    }

    [Fact]
    public async Task Step_index_is_persisted_before_each_step_with_options_values_and_instance_id()
    {
        var client = new DialogTestClient("test", ProfileDialog(), new ProfileOptions("Dag", []));

        await client.SendActivityAsync<IMessageActivity>("hoi");
        var afterFirst = client.DialogContext!.ActiveDialog!.State;
        Assert.Equal(0, StateValue.To<int>(afterFirst["stepIndex"]));
        Assert.False(string.IsNullOrEmpty(StateValue.To<string>(afterFirst["instanceId"])));
        Assert.Equal("Dag", StateValue.To<ProfileOptions>(afterFirst["options"])!.Greeting);

        await client.SendActivityAsync<IMessageActivity>("Bram");
        var afterSecond = client.DialogContext!.ActiveDialog!.State;
        Assert.Equal(1, StateValue.To<int>(afterSecond["stepIndex"]));
        Assert.Equal("Bram", StateValue.To<Dictionary<string, object>>(afterSecond["values"])!["naam"]);
    }

    [Fact]
    public async Task A_waterfall_ends_with_the_last_result_when_the_last_step_waits_and_then_gets_an_answer()
    {
        var dialog = new WaterfallDialog("kort")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Zeg iets.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            });
        var client = new DialogTestClient("test", dialog);

        await TranscriptPlayer.PlayAsync(client, "> start", "< Zeg iets.", "> iets");

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal("iets", client.DialogTurnResult.Result);
    }

    [Theory]
    [InlineData("overslaan", "Resultaat: overgeslagen (NextCalled)")]
    [InlineData("vragen", "Wat is uw antwoord?")]
    public async Task NextAsync_skips_to_the_next_step_with_its_result(string mode, string expectedFirstReply)
    {
        var dialog = new WaterfallDialog("volgende")
            .AddStep(async (step, ct) =>
            {
                if (step.GetOptions<string>() == "overslaan")
                {
                    return await step.NextAsync("overgeslagen", ct);
                }

                await step.Context.SendActivityAsync("Wat is uw antwoord?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Resultaat: {step.Result} ({step.Reason})", cancellationToken: ct);
                return Dialog.EndOfTurn;
            });
        var client = new DialogTestClient("test", dialog, mode);

        var reply = await client.SendActivityAsync<IMessageActivity>("start");

        Assert.Equal(expectedFirstReply, reply!.Text);
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult!.Status);
    }

    [Fact]
    public async Task NextAsync_may_be_called_only_once_per_step()
    {
        InvalidOperationException? second = null;
        var dialog = new WaterfallDialog("tweemaal")
            .AddStep(async (step, ct) =>
            {
                var result = await step.NextAsync("eerste", ct);
                second = await Assert.ThrowsAsync<InvalidOperationException>(() => step.NextAsync("tweede", ct));
                return result;
            })
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Stap 2 met {step.Result}", cancellationToken: ct);
                return Dialog.EndOfTurn;
            });
        var client = new DialogTestClient("test", dialog);

        var reply = await client.SendActivityAsync<IMessageActivity>("start");

        Assert.Equal("Stap 2 met eerste", reply!.Text);
        Assert.NotNull(second);
        Assert.IsNotType<DialogStateException>(second);
    }

    [Fact]
    public async Task Non_message_activities_do_not_move_the_waterfall()
    {
        var client = new DialogTestClient("test", ProfileDialog());
        await client.SendActivityAsync<IMessageActivity>("hoi");

        var typing = client.Adapter.MakeActivity();
        typing.Type = ActivityTypes.Typing;
        var reply = await client.SendActivityAsync<IMessageActivity>(typing);

        Assert.Null(reply);
        Assert.Equal(DialogTurnStatus.Waiting, client.DialogTurnResult!.Status);
        Assert.Equal(0, StateValue.To<int>(client.DialogContext!.ActiveDialog!.State["stepIndex"]));
        Assert.Equal("Hoe oud bent u?", (await client.SendActivityAsync<IMessageActivity>("Anna"))!.Text);
    }

    [Fact]
    public async Task A_child_result_resumes_the_parent_at_its_next_step()
    {
        var child = new WaterfallDialog("kind")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Kind vraagt.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep((step, ct) => step.EndDialogAsync($"kind zegt {step.Result}", ct));
        var parent = new WaterfallDialog("ouder")
            .AddStep((step, ct) => step.BeginDialogAsync("kind", null, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Ouder kreeg: {step.Result} ({step.Reason})", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            });
        var root = new ComponentDialog("wortel").AddDialog(parent).AddDialog(child);
        var client = new DialogTestClient("test", root);

        await TranscriptPlayer.PlayAsync(client, "> start", "< Kind vraagt.", "> hallo", "< Ouder kreeg: kind zegt hallo (EndCalled)");

        Assert.Equal(DialogTurnStatus.Complete, client.DialogTurnResult!.Status);
        Assert.Equal("kind zegt hallo", client.DialogTurnResult.Result);
    }

    [Fact]
    public async Task Replace_restarts_a_waterfall_as_a_loop_without_resuming_the_parent()
    {
        var loop = new WaterfallDialog("lus")
            .AddStep(async (step, ct) =>
            {
                var round = step.GetOptions<int>();
                await step.Context.SendActivityAsync($"Ronde {round}. Nog een keer?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                var round = step.GetOptions<int>();
                if ((string?)step.Result == "ja")
                {
                    return await step.ReplaceDialogAsync("lus", round + 1, ct);
                }

                return await step.EndDialogAsync(round, ct);
            });
        var parent = new WaterfallDialog("ouder")
            .AddStep((step, ct) => step.BeginDialogAsync("lus", 1, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Klaar na {step.Result} rondes.", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            });
        var client = new DialogTestClient("test", new ComponentDialog("wortel").AddDialog(parent).AddDialog(loop), storage: new JsonTextStorage());

        await TranscriptPlayer.PlayAsync(
            client,
            "> start",
            "< Ronde 1. Nog een keer?",
            "> ja",
            "< Ronde 2. Nog een keer?",
            "> ja",
            "< Ronde 3. Nog een keer?",
            "> nee",
            "< Klaar na 3 rondes.");
    }

    [Fact]
    public async Task RunAsync_begins_when_nothing_is_active_continues_otherwise_and_begins_again_after_completion()
    {
        var client = new RunAsyncHarness(new WaterfallDialog("twee")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Eerste vraag?", cancellationToken: ct);
                return Dialog.EndOfTurn;
            })
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"U zei {step.Result}.", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            }));

        Assert.Equal(("Eerste vraag?", DialogTurnStatus.Waiting), await client.SendAsync("a"));
        Assert.Equal(("U zei b.", DialogTurnStatus.Complete), await client.SendAsync("b"));
        Assert.Equal(("Eerste vraag?", DialogTurnStatus.Waiting), await client.SendAsync("c"));
    }

    /// <summary>Runs a dialog through <see cref="DialogExtensions.RunAsync"/> the way a bot does.</summary>
    private sealed class RunAsyncHarness
    {
        private readonly Dialog _dialog;
        private readonly Microsoft.Bot.Builder.Adapters.TestAdapter _adapter = new();
        private readonly ConversationState _state = new(new JsonTextStorage());

        public RunAsyncHarness(Dialog dialog)
        {
            _dialog = dialog;
        }

        public async Task<(string? Reply, DialogTurnStatus Status)> SendAsync(string text)
        {
            var status = DialogTurnStatus.Empty;
            await _adapter.SendTextToBotAsync(
                text,
                async (turnContext, ct) =>
                {
                    var result = await _dialog.RunAsync(turnContext, _state.CreateProperty<DialogState>("DialogState"), ct);
                    status = result.Status;
                    await _state.SaveChangesAsync(turnContext, false, ct);
                },
                CancellationToken.None);
            return (_adapter.GetNextReply()?.AsMessageActivity()?.Text, status);
        }
    }
}
