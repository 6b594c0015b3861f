using B12Bot.Dialogs.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace B12Bot.Dialogs.Tests;

/// <summary>
/// A conversation with no dialog under way keeps no stack in its state: <see cref="DialogSet.ContinueContextAsync"/>
/// adds nothing, and <see cref="DialogSet.ForgetEmptyStackAsync"/> drops a stack that emptied this turn.
/// </summary>
public class DialogSetStackTests
{
    private const string StateKey = "test/conversations/gesprek";

    private readonly List<string> _log = [];
    private readonly JsonTextStorage _storage = new();
    private readonly ConversationState _state;
    private readonly DialogSet _dialogs;

    public DialogSetStackTests()
    {
        _state = new ConversationState(_storage);
        _dialogs = new DialogSet(_state.CreateProperty<DialogState>("DialogState"))
            .Add(new RecordingDialog("a", _log));
    }

    [Fact]
    public async Task Without_a_dialog_under_way_there_is_no_context_and_nothing_is_stored()
    {
        var turn = NewTurn();

        var dc = await _dialogs.ContinueContextAsync(turn);
        await _dialogs.ForgetEmptyStackAsync(turn);
        await _state.SaveChangesAsync(turn);

        Assert.Null(dc);
        Assert.Null(_storage.GetJson(StateKey));
        Assert.Equal(0, _storage.WriteCount);
    }

    [Fact]
    public async Task A_dialog_under_way_is_continued_and_its_stack_is_kept()
    {
        var first = NewTurn();
        await (await _dialogs.CreateContextAsync(first)).BeginDialogAsync("a");
        await _dialogs.ForgetEmptyStackAsync(first);
        await _state.SaveChangesAsync(first);

        var second = NewTurn();
        var dc = await _dialogs.ContinueContextAsync(second);
        await dc!.ContinueDialogAsync();

        Assert.Equal("a", dc.ActiveDialog!.Id);
        Assert.Equal(["begin a", "continue a"], _log);
        Assert.Contains("\"dialogStack\":[{\"id\":\"a\"", _storage.GetJson(StateKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_emptied_this_turn_is_removed_before_saving()
    {
        var first = NewTurn();
        await (await _dialogs.CreateContextAsync(first)).BeginDialogAsync("a");
        await _state.SaveChangesAsync(first);

        var second = NewTurn();
        var dc = await _dialogs.ContinueContextAsync(second);
        await dc!.EndDialogAsync();
        await _dialogs.ForgetEmptyStackAsync(second);
        await _state.SaveChangesAsync(second);

        Assert.DoesNotContain("DialogState", _storage.GetJson(StateKey), StringComparison.Ordinal);
        Assert.Null(await _dialogs.ContinueContextAsync(NewTurn()));
    }

    [Fact]
    public async Task An_empty_stack_stored_by_an_earlier_version_is_dropped_on_the_next_save()
    {
        _storage.SetJson(StateKey, """{"DialogState":{"dialogStack":[]}}""");
        var turn = NewTurn();

        Assert.Null(await _dialogs.ContinueContextAsync(turn));
        await _dialogs.ForgetEmptyStackAsync(turn);
        await _state.SaveChangesAsync(turn);

        Assert.Equal("{}", _storage.GetJson(StateKey));
    }

    [Fact]
    public async Task A_turn_that_never_read_the_stack_does_not_load_state_to_forget_it()
    {
        _storage.SetJson(StateKey, """{"DialogState":{"dialogStack":[]}}""");
        var turn = NewTurn();

        await _dialogs.ForgetEmptyStackAsync(turn);
        await _state.SaveChangesAsync(turn);

        Assert.Equal(0, _storage.ReadCount);
        Assert.Equal(0, _storage.WriteCount);
    }

    [Fact]
    public async Task An_unreadable_stack_is_reported_by_continue_and_left_alone_by_forget()
    {
        const string damaged = """{"DialogState":{"dialogStack":"geen lijst"}}""";
        _storage.SetJson(StateKey, damaged);
        var turn = NewTurn();

        await Assert.ThrowsAsync<DialogStateException>(() => _dialogs.ContinueContextAsync(turn));
        await _dialogs.ForgetEmptyStackAsync(turn);
        await _state.SaveChangesAsync(turn);

        Assert.Equal(damaged, _storage.GetJson(StateKey));
    }

    [Fact]
    public async Task RunAsync_puts_a_stack_in_the_state_only_when_the_dialog_it_began_is_left_waiting()
    {
        var accessor = new CountingAccessor(_state.CreateProperty<DialogState>("DialogState"));
        var endsAtOnce = new WaterfallDialog("klaar", [(step, ct) => step.EndDialogAsync(null, ct)]);

        var first = NewTurn();
        var ended = await endsAtOnce.RunAsync(first, accessor);
        await _dialogs.ForgetEmptyStackAsync(first);
        await _state.SaveChangesAsync(first);

        Assert.Equal(DialogTurnStatus.Complete, ended.Status);
        Assert.Equal((0, 0), (accessor.Sets, accessor.Deletes));
        Assert.Equal(0, _storage.WriteCount);
        Assert.Null(_storage.GetJson(StateKey));

        var second = NewTurn();
        var waiting = await new RecordingDialog("a", _log).RunAsync(second, accessor);
        await _dialogs.ForgetEmptyStackAsync(second);
        await _state.SaveChangesAsync(second);

        Assert.Equal(DialogTurnStatus.Waiting, waiting.Status);
        Assert.Equal((1, 0), (accessor.Sets, accessor.Deletes));
        Assert.Contains("\"dialogStack\":[{\"id\":\"a\"", _storage.GetJson(StateKey), StringComparison.Ordinal);

        var third = NewTurn();
        await new RecordingDialog("a", _log).RunAsync(third, accessor);

        Assert.Equal(["begin a", "continue a"], _log);
    }

    /// <summary>Counts what is put in and taken out of the turn's state through the accessor.</summary>
    private sealed class CountingAccessor(IStatePropertyAccessor<DialogState> inner) : IStatePropertyAccessor<DialogState>
    {
        public int Sets { get; private set; }

        public int Deletes { get; private set; }

        public string Name => inner.Name;

        public Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Deletes++;
            return inner.DeleteAsync(turnContext, cancellationToken);
        }

        public Task<DialogState> GetAsync(ITurnContext turnContext, Func<DialogState>? defaultValueFactory = null, CancellationToken cancellationToken = default) =>
            inner.GetAsync(turnContext, defaultValueFactory, cancellationToken);

        public Task SetAsync(ITurnContext turnContext, DialogState value, CancellationToken cancellationToken = default)
        {
            Sets++;
            return inner.SetAsync(turnContext, value, cancellationToken);
        }
    }

    private static TurnContext NewTurn()
    {
        var adapter = new TestAdapter("test");
        var activity = adapter.MakeActivity("hallo");
        activity.ChannelId = "test";
        activity.Conversation.Id = "gesprek";
        return new TurnContext(adapter, activity);
    }
}
