using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>
/// Drives one dialog turn by turn, like Microsoft.Bot.Builder.Testing.DialogTestClient: a TestAdapter, the
/// dialog as root, conversation state saved after every turn.
/// </summary>
public class DialogTestClient
{
    private readonly Dialog _dialog;
    private readonly object? _initialDialogOptions;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;

    public DialogTestClient(
        string channelId,
        Dialog targetDialog,
        object? initialDialogOptions = null,
        IStorage? storage = null,
        string? conversationType = null)
    {
        ArgumentNullException.ThrowIfNull(targetDialog);
        _dialog = targetDialog;
        _initialDialogOptions = initialDialogOptions;

        var reference = TestAdapter.CreateConversation("dialogtest");
        reference.ChannelId = channelId;
        if (conversationType is not null)
        {
            reference.Conversation.ConversationType = conversationType;
        }

        Storage = storage ?? new MemoryStorage();
        ConversationState = new ConversationState(Storage);
        _dialogState = ConversationState.CreateProperty<DialogState>("DialogState");
        Adapter = new TestAdapter(reference) { Locale = "nl-NL" };
    }

    public TestAdapter Adapter { get; }

    public IStorage Storage { get; }

    public ConversationState ConversationState { get; }

    /// <summary>The result of the last turn.</summary>
    public DialogTurnResult? DialogTurnResult { get; private set; }

    /// <summary>The dialog context of the last turn.</summary>
    public DialogContext? DialogContext { get; private set; }

    /// <summary>Runs a message turn and returns the first reply (or null when the bot said nothing).</summary>
    public async Task<T?> SendActivityAsync<T>(string text, CancellationToken cancellationToken = default)
        where T : IActivity
    {
        await Adapter.SendTextToBotAsync(text, RunTurnAsync, cancellationToken);
        return GetNextReply<T>();
    }

    /// <summary>Runs a turn with any activity and returns the first reply (or null).</summary>
    public async Task<T?> SendActivityAsync<T>(Activity activity, CancellationToken cancellationToken = default)
        where T : IActivity
    {
        await Adapter.ProcessActivityAsync(activity, RunTurnAsync, cancellationToken);
        return GetNextReply<T>();
    }

    /// <summary>The next reply not yet read, or null.</summary>
    public T? GetNextReply<T>()
        where T : IActivity
    {
        return (T?)Adapter.GetNextReply();
    }

    /// <summary>The next reply not yet read, or null.</summary>
    public IActivity? GetNextReply() => Adapter.GetNextReply();

    /// <summary>Every reply not yet read, in order.</summary>
    public IReadOnlyList<IMessageActivity> GetAllReplies()
    {
        var replies = new List<IMessageActivity>();
        while (Adapter.GetNextReply() is IMessageActivity reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    /// <summary>The key of this conversation's state in <see cref="Storage"/>.</summary>
    public string StateKey
    {
        get
        {
            var reference = Adapter.Conversation;
            return $"{reference.ChannelId}/conversations/{reference.Conversation.Id}";
        }
    }

    private async Task RunTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dialogSet = new DialogSet(_dialogState).Add(_dialog);
        DialogContext = await dialogSet.CreateContextAsync(turnContext, cancellationToken);
        DialogTurnResult = await DialogContext.ContinueDialogAsync(cancellationToken);
        if (DialogTurnResult.Status == DialogTurnStatus.Empty)
        {
            DialogTurnResult = await DialogContext.BeginDialogAsync(_dialog.Id, _initialDialogOptions, cancellationToken);
        }

        await ConversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }
}
