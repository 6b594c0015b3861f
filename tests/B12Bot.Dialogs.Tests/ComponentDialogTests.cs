using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace B12Bot.Dialogs.Tests;

public class ComponentDialogTests
{
    /// <summary>Two questions in an inner waterfall; "help", "stop" and "opnieuw" handled once for all of them.</summary>
    private sealed class InterruptibleComponent : ComponentDialog
    {
        public InterruptibleComponent()
            : base("vragenlijst")
        {
            AddDialog(new WaterfallDialog("stappen")
                .AddStep((step, ct) => step.BeginDialogAsync("vraag1", null, ct))
                .AddStep((step, ct) =>
                {
                    step.Values["eerste"] = step.Result;
                    return step.BeginDialogAsync("vraag2", null, ct);
                })
                .AddStep((step, ct) => step.EndDialogAsync($"{step.GetValue<string>("eerste")}+{step.Result}", ct)));
            AddDialog(new AskDialog("vraag1", "Vraag 1?"));
            AddDialog(new AskDialog("vraag2", "Vraag 2?"));
        }

        protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
        {
            switch (innerDc.Context.Activity.Text?.Trim().ToLowerInvariant())
            {
                case "help":
                    await innerDc.Context.SendActivityAsync("Ik help u graag.", cancellationToken: cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return EndOfTurn;
                case "stop":
                    await innerDc.Context.SendActivityAsync("Gestopt.", cancellationToken: cancellationToken);
                    return await innerDc.CancelAllDialogsAsync(cancellationToken);
                case "opnieuw":
                    await innerDc.CancelAllDialogsAsync(cancellationToken);
                    return await innerDc.BeginDialogAsync(InitialDialogId!, null, cancellationToken);
                default:
                    return await base.OnContinueDialogAsync(innerDc, cancellationToken);
            }
        }
    }

    public static TheoryData<string, string[], DialogTurnStatus, string?> Conversations => new()
    {
        {
            "two answers complete the component with the inner result",
            ["> start", "< Vraag 1?", "> a", "< Vraag 2?", "> b"],
            DialogTurnStatus.Complete,
            "a+b"
        },
        {
            "help replies, repeats the question and keeps waiting",
            ["> start", "< Vraag 1?", "> help", "< Ik help u graag.", "< Vraag 1?"],
            DialogTurnStatus.Waiting,
            null
        },
        {
            "help on the second question repeats that question and keeps the first answer",
            ["> start", "< Vraag 1?", "> a", "< Vraag 2?", "> Help", "< Ik help u graag.", "< Vraag 2?", "> c"],
            DialogTurnStatus.Complete,
            "a+c"
        },
        {
            "stop cancels the inner stack and the component ends with no result",
            ["> start", "< Vraag 1?", "> a", "< Vraag 2?", "> stop", "< Gestopt."],
            DialogTurnStatus.Complete,
            null
        },
        {
            "opnieuw starts the inner waterfall again and forgets earlier answers",
            ["> start", "< Vraag 1?", "> a", "< Vraag 2?", "> opnieuw", "< Vraag 1?", "> x", "< Vraag 2?", "> y"],
            DialogTurnStatus.Complete,
            "x+y"
        },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Interruptions_are_handled_once_in_OnContinueDialogAsync(string why, string[] transcript, DialogTurnStatus status, string? result)
    {
        foreach (var storage in new[] { "memory", "json-newtonsoft", "json-system-text-json" })
        {
            var client = new DialogTestClient("test", new InterruptibleComponent(), storage: Storages.Create(storage));

            await TranscriptPlayer.PlayAsync(client, transcript);

            Assert.True(status == client.DialogTurnResult!.Status, $"{why} ({storage}): status {client.DialogTurnResult.Status}");
            Assert.Equal(result, client.DialogTurnResult.Result);
            Assert.Equal(status == DialogTurnStatus.Waiting ? 1 : 0, client.DialogContext!.Stack.Count);
        }
    }

    [Fact]
    public async Task The_inner_stack_is_kept_in_the_component_state_under_dialogs()
    {
        var client = new DialogTestClient("test", new InterruptibleComponent(), storage: new JsonTextStorage());
        await TranscriptPlayer.PlayAsync(client, "> start", "< Vraag 1?", "> a", "< Vraag 2?");

        var outer = Assert.Single(client.DialogContext!.Stack);
        Assert.Equal("vragenlijst", outer.Id);
        var inner = StateValue.To<DialogState>(outer.State["dialogs"])!;
        Assert.Equal(["vraag2", "stappen"], inner.DialogStack.Select(i => i.Id));
    }

    [Fact]
    public async Task A_parent_waterfall_is_resumed_with_the_component_result()
    {
        var root = new ComponentDialog("wortel")
            .AddDialog(new WaterfallDialog("hoofd")
                .AddStep((step, ct) => step.BeginDialogAsync("vragenlijst", null, ct))
                .AddStep(async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Uitkomst: {step.Result ?? "geen"}", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                }))
            .AddDialog(new InterruptibleComponent());

        var finished = new DialogTestClient("test", root, storage: new JsonTextStorage());
        await TranscriptPlayer.PlayAsync(finished, "> start", "< Vraag 1?", "> a", "< Vraag 2?", "> b", "< Uitkomst: a+b");

        var stopped = new DialogTestClient("test", root, storage: new JsonTextStorage());
        await TranscriptPlayer.PlayAsync(stopped, "> start", "< Vraag 1?", "> stop", "< Gestopt.", "< Uitkomst: geen");
    }

    [Fact]
    public async Task Cancelling_the_outer_stack_cancels_the_inner_dialogs_too()
    {
        var log = new List<string>();
        var component = new ComponentDialog("component").AddDialog(new RecordingDialog("binnen", log));
        var adapter = new TestAdapter();
        var activity = adapter.MakeActivity("hallo");
        activity.ChannelId = adapter.Conversation.ChannelId;
        var turnContext = new TurnContext(adapter, activity);
        var state = new ConversationState(new MemoryStorage());
        var dc = await new DialogSet(state.CreateProperty<DialogState>("DialogState")).Add(component).CreateContextAsync(turnContext);

        var begun = await dc.BeginDialogAsync("component", "opties");
        var cancelled = await dc.CancelAllDialogsAsync();

        Assert.Equal(DialogTurnStatus.Waiting, begun.Status);
        Assert.Equal(DialogTurnStatus.Cancelled, cancelled.Status);
        Assert.Equal(["begin binnen opties", "end binnen CancelCalled"], log);
        Assert.Empty(dc.Stack);
    }

    [Fact]
    public void The_first_added_dialog_is_the_initial_one_unless_set()
    {
        var component = new ComponentDialog("c")
            .AddDialog(new AskDialog("eerste", "?"))
            .AddDialog(new AskDialog("tweede", "?"));

        Assert.Equal("eerste", component.InitialDialogId);
        Assert.NotNull(component.FindDialog("tweede"));
        Assert.Null(component.FindDialog("derde"));
    }
}
