using B12Bot.Cards;
using B12Bot.Dialogs;
using B12Bot.Editors;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace B12Bot.Bots;

/// <summary>
/// The bot: welcomes people and runs every message through the root dialog (<see cref="MainDialog"/>), which
/// answers questions from the knowledge with the citation, walks people through the cause-finder, handles small talk
/// and "vergeet mij", and sends red-flag advice before anything else. Works the same in Web Chat, Direct Line, Teams
/// and the terminal.
/// </summary>
public class B12ActivityHandler(
    KnowledgeBase knowledge,
    ConversationState conversationState,
    UserState userState,
    MainDialog mainDialog,
    FeedbackActivities feedback,
    ILogger<B12ActivityHandler> logger) : DialogBot<MainDialog>(conversationState, userState, mainDialog), IDialogWaitReport
{
    /// <summary>Longer messages are not questions: the bot says so instead of searching them.</summary>
    public const int MaxTextLength = 2000;

    protected override Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Bot Framework reads every member's id: drop malformed (null) members first.
        var activity = turnContext.Activity;
        activity.MembersAdded = activity.MembersAdded?.Where(m => m?.Id is not null).ToList();
        activity.MembersRemoved = activity.MembersRemoved?.Where(m => m?.Id is not null).ToList();

        // The welcome needs no member details: in Teams, skip the base class's look-up of every member added (one
        // call to Teams per member, which fails the turn when Teams cannot be reached).
        if (activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams)
        {
            return activity.MembersAdded is { Count: > 0 } added ? OnMembersAddedAsync(added, turnContext, cancellationToken) : Task.CompletedTask;
        }

        return base.OnConversationUpdateActivityAsync(turnContext, cancellationToken);
    }

    /// <summary>👍/👎 from Web Chat and the terminal are stored for the editors; other events go on as before.</summary>
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (!await feedback.OnEventAsync(turnContext, cancellationToken))
        {
            await base.OnEventActivityAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>The bot offers no invoke features (task modules, card actions): it acknowledges them and does nothing.</summary>
    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (FeedbackActivities.IsTeamsFeedback(turnContext.Activity))
        {
            return feedback.OnTeamsFeedbackAsync(turnContext, cancellationToken);
        }

        BotLog.InvokeIgnored(logger, turnContext.Activity.ChannelId);
        return Task.FromResult(new InvokeResponse { Status = StatusCodes.Status200OK });
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);

        // A Teams team or group chat is welcomed once, when the bot joins it, not once for every member added.
        var shared = turnContext.Activity.Conversation?.ConversationType is "channel" or "groupChat";
        var botJoined = membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id);
        foreach (var member in shared ? (botJoined ? membersAdded.Take(1) : []) : membersAdded)
        {
            if (!shared && member.Id == turnContext.Activity.Recipient?.Id)
            {
                continue;
            }

            var welcome = Replies.Text(Replies.WelcomeText(feedback.Recorder.Options.CollectUnanswered, feedback.Recorder.Options.Retention));
            Buttons.Offer(welcome, turnContext.Activity, Replies.TopicQuestions(knowledge));
            await turnContext.SendActivityAsync(welcome, cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // In Teams channels the text starts with "<at>B12Bot</at>": remove it before anything reads the text.
        turnContext.Activity.Text = UserText.Clean(turnContext.Activity.Text);
        Mentions.RemoveRecipientMention(turnContext.Activity);

        var text = turnContext.Activity.Text?.Trim();

        if (string.IsNullOrEmpty(text))
        {
            BotLog.MessageWithoutText(logger, turnContext.Activity.Attachments?.Count ?? 0);
            await turnContext.SendActivityAsync(Replies.Text(Replies.OnlyText), cancellationToken);
            return;
        }

        if (text.Length > MaxTextLength)
        {
            BotLog.MessageTooLong(logger, text.Length);
            await turnContext.SendActivityAsync(Replies.Text(Replies.TooLong), cancellationToken);
            return;
        }

        await OnTextAsync(turnContext, cancellationToken);
    }

    /// <summary>Runs the root dialog for the message; state saved by an older version of a dialog gets an apology and a fresh start.</summary>
    protected virtual async Task OnTextAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        try
        {
            var result = await Dialog.RunAsync(turnContext, DialogStateAccessor, cancellationToken);
            DialogWaiting = result.Status == DialogTurnStatus.Waiting;
        }
        catch (DialogStateException ex)
        {
            // State saved by an older version of a dialog: apologise and start afresh rather than fail every turn.
            BotLog.StaleDialogState(logger, turnContext.Activity.ChannelId, ex);
            await DialogStateAccessor.DeleteAsync(turnContext, cancellationToken);
            var sorry = Replies.Text(Replies.StaleState);
            Buttons.Offer(sorry, turnContext.Activity, Replies.TopicQuestions(knowledge));
            await turnContext.SendActivityAsync(sorry, cancellationToken);
        }
    }

    /// <summary>Whether this turn left a dialog waiting for an answer: the safe-turn wrapper's hint during outages.</summary>
    public bool DialogWaiting { get; private set; }
}
