using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace B12Bot.Dialogs.Tests;

public class DialogContextTests
{
    private readonly List<string> _log = [];

    private async Task<DialogContext> CreateContextAsync(params Dialog[] extra)
    {
        var adapter = new TestAdapter();
        var activity = adapter.MakeActivity("hallo");
        activity.ChannelId = adapter.Conversation.ChannelId;
        var turnContext = new TurnContext(adapter, activity);
        var state = new ConversationState(new MemoryStorage());
        var dialogs = new DialogSet(state.CreateProperty<DialogState>("DialogState"))
            .Add(new RecordingDialog("a", _log))
            .Add(new RecordingDialog("b", _log))
            .Add(new RecordingDialog("c", _log));
        foreach (var dialog in extra)
        {
            dialogs.Add(dialog);
        }

        return await dialogs.CreateContextAsync(turnContext);
    }

    private static string Ids(DialogContext dc) => string.Join(",", dc.Stack.Select(i => i.Id));

    [Fact]
    public async Task Begin_pushes_on_top_at_index_zero_and_calls_begin_with_options()
    {
        var dc = await CreateContextAsync();

        var first = await dc.BeginDialogAsync("a", "opties");
        var second = await dc.BeginDialogAsync("b");

        Assert.Equal(DialogTurnStatus.Waiting, first.Status);
        Assert.Equal(DialogTurnStatus.Waiting, second.Status);
        Assert.Equal("b,a", Ids(dc));
        Assert.Equal("b", dc.ActiveDialog!.Id);
        Assert.Equal(["begin a opties", "begin b"], _log);
    }

    [Fact]
    public async Task End_pops_and_resumes_the_parent_with_the_result()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");
        await dc.BeginDialogAsync("b");

        var result = await dc.EndDialogAsync("klaar");

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
        Assert.Equal("a", Ids(dc));
        Assert.Equal(["begin a", "begin b", "end b EndCalled", "resume a EndCalled klaar"], _log);
    }

    [Fact]
    public async Task End_at_the_bottom_completes_with_the_result()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");

        var result = await dc.EndDialogAsync(42);

        Assert.Equal(DialogTurnStatus.Complete, result.Status);
        Assert.Equal(42, result.Result);
        Assert.Empty(dc.Stack);
        Assert.Null(dc.ActiveDialog);
    }

    [Fact]
    public async Task Replace_pops_without_resuming_the_parent_and_begins_the_new_dialog()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");
        await dc.BeginDialogAsync("b");

        var result = await dc.ReplaceDialogAsync("c", "nieuw");

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
        Assert.Equal("c,a", Ids(dc));
        Assert.Equal(["begin a", "begin b", "end b ReplaceCalled", "begin c nieuw"], _log);
    }

    [Fact]
    public async Task CancelAll_pops_every_dialog_top_first_and_reports_cancelled()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");
        await dc.BeginDialogAsync("b");
        await dc.BeginDialogAsync("c");

        var result = await dc.CancelAllDialogsAsync();

        Assert.Equal(DialogTurnStatus.Cancelled, result.Status);
        Assert.Empty(dc.Stack);
        Assert.Equal(["end c CancelCalled", "end b CancelCalled", "end a CancelCalled"], _log.Skip(3));
    }

    [Fact]
    public async Task CancelAll_and_Continue_on_an_empty_stack_report_empty()
    {
        var dc = await CreateContextAsync();

        Assert.Equal(DialogTurnStatus.Empty, (await dc.CancelAllDialogsAsync()).Status);
        Assert.Equal(DialogTurnStatus.Empty, (await dc.ContinueDialogAsync()).Status);
        Assert.Empty(_log);
    }

    [Fact]
    public async Task Continue_and_reprompt_go_to_the_active_dialog_only()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");
        await dc.BeginDialogAsync("b");

        await dc.ContinueDialogAsync();
        await dc.RepromptDialogAsync();

        Assert.Equal(["begin a", "begin b", "continue b", "reprompt b"], _log);
    }

    [Fact]
    public async Task Begin_of_an_unknown_dialog_is_a_programming_error_and_leaves_the_stack_alone()
    {
        var dc = await CreateContextAsync();
        await dc.BeginDialogAsync("a");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => dc.BeginDialogAsync("onbekend"));

        Assert.IsNotType<DialogStateException>(error);
        Assert.Equal("a", Ids(dc));
    }

    [Fact]
    public async Task PromptAsync_insists_on_options()
    {
        var dc = await CreateContextAsync();

        await Assert.ThrowsAsync<ArgumentNullException>(() => dc.PromptAsync("a", null!));
    }

    [Fact]
    public void DialogSet_rejects_a_duplicate_id_and_finds_by_id()
    {
        var set = new DialogSet().Add(new RecordingDialog("a", _log));

        Assert.Throws<ArgumentException>(() => set.Add(new RecordingDialog("a", _log)));
        Assert.Equal("a", set.Find("a")!.Id);
        Assert.Null(set.Find("b"));
        Assert.Null(set.Find(string.Empty));
    }

    [Fact]
    public void Dialog_EndOfTurn_is_waiting()
    {
        Assert.Equal(DialogTurnStatus.Waiting, Dialog.EndOfTurn.Status);
        Assert.Null(Dialog.EndOfTurn.Result);
    }
}
