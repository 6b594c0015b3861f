using B12Bot.Cards;
using B12Bot.Dialogs;
using B12Bot.Editors;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Safety;
using B12Bot.Privacy;
using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace B12Bot.Bots;

/// <summary>
/// The bot: welcomes people, answers their questions from the knowledge with the citation, walks them through
/// the cause-finder, handles small talk, and sends red-flag advice before anything else. Works the same in
/// Web Chat, Direct Line, Teams and the terminal.
/// </summary>
public class B12ActivityHandler(
    IAnswerer answerer,
    AnswerRenderer renderer,
    RedFlagDetector redFlags,
    KnowledgeBase knowledge,
    ConversationState conversationState,
    UserState userState,
    CauseFinderDialog causeFinder,
    IStorage storage,
    IEnumerable<IPersonalDataEraser> erasers,
    FeedbackActivities feedback,
    ILogger<B12ActivityHandler> logger) : DialogBot<CauseFinderDialog>(conversationState, userState, causeFinder)
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

        await OnTextAsync(turnContext, text, cancellationToken);
    }

    /// <summary>
    /// Handles a message's text: a walkthrough in progress gets it first (it handles its own interruptions and red
    /// flags); otherwise red flags first, then "vergeet mij", the walkthrough's start, small talk, the knowledge.
    /// </summary>
    protected virtual async Task OnTextAsync(ITurnContext<IMessageActivity> turnContext, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (PrivacyIntent.IsForgetMe(text))
        {
            await storage.ForgetAsync(turnContext, [ConversationState, UserState], cancellationToken);
            var activity = turnContext.Activity;
            var owner = new PersonalDataOwner(activity.ChannelId, activity.Conversation?.Id ?? string.Empty, activity.From?.Id);
            foreach (var eraser in erasers)
            {
                await eraser.EraseAsync(owner, cancellationToken);
            }

            BotLog.Forgotten(logger, turnContext.Activity.ChannelId);
            await turnContext.SendActivityAsync(Replies.Text(Replies.Forgotten), cancellationToken);
            return;
        }

        try
        {
            if (await Dialogs.ContinueContextAsync(turnContext, cancellationToken) is { } dialogContext)
            {
                var result = await dialogContext.ContinueDialogAsync(cancellationToken);
                MarkDialog(turnContext, result);
                return;
            }
        }
        catch (DialogStateException ex)
        {
            // State saved by an older version of a dialog: apologise and start afresh rather than fail every turn.
            BotLog.StaleDialogState(logger, turnContext.Activity.ChannelId, ex);
            await DialogStateAccessor.DeleteAsync(turnContext, cancellationToken);
            var sorry = Replies.Text(Replies.StaleState);
            Buttons.Offer(sorry, turnContext.Activity, Replies.TopicQuestions(knowledge));
            await turnContext.SendActivityAsync(sorry, cancellationToken);
            return;
        }

        await SendRedFlagAdviceAsync(turnContext, text, cancellationToken);

        if (WalkthroughIntent.IsStartRequest(text))
        {
            // A typed "waarom is mijn B12 laag?" is also a question the article answers: quote that first
            // (without follow-up buttons, which would compete with the walkthrough's), then start the walkthrough.
            if (!string.Equals(text, Replies.StartWalkthrough, StringComparison.OrdinalIgnoreCase)
                && answerer.Ask(text) is { Outcome: AnswerOutcome.Answer } answer)
            {
                BotLog.Answered(logger, answer.Outcome, answer.Entry?.Id, answer.Score);
                await turnContext.SendActivityAsync(renderer.Render(answer with { Related = [] }, turnContext.Activity, aboutThemselves: true), cancellationToken);
            }

            var dialogContext = await Dialogs.CreateContextAsync(turnContext, cancellationToken);
            var result = await dialogContext.BeginDialogAsync(CauseFinderDialog.DialogId, cancellationToken: cancellationToken);
            MarkDialog(turnContext, result);
            return;
        }

        var smallTalk = SmallTalk.Recognize(text);
        if (smallTalk is { } kind)
        {
            await turnContext.SendActivityAsync(SmallTalkReply(kind, turnContext.Activity), cancellationToken);
            return;
        }

        await AnswerAsync(turnContext, text, cancellationToken);
    }

    /// <summary>Tells the safe-turn wrapper whether a dialog now waits for an answer (its hint during outages).</summary>
    private static void MarkDialog(ITurnContext turnContext, DialogTurnResult result) =>
        turnContext.TurnState[SafeTurnBot.DialogActiveKey] = result.Status == DialogTurnStatus.Waiting;

    /// <summary>Sends the urgent advice first when the text names a red-flag symptom; the question is still answered.</summary>
    protected async Task SendRedFlagAdviceAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var sign = redFlags.Detect(text);
        if (sign is null)
        {
            return;
        }

        BotLog.RedFlag(logger, sign);
        await turnContext.SendActivityAsync(renderer.RedFlagAdvice(redFlags.Advice), cancellationToken);

        // A walkthrough begun in this same turn must not send the advice a second time.
        turnContext.TurnState[CauseFinderDialog.RedFlagAdviceSentKey] = true;
    }

    /// <summary>Answers from the knowledge: the passage with its citation, a clarifying question, or "not in my information".</summary>
    protected async Task AnswerAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var answer = answerer.Ask(text);
        BotLog.Answered(logger, answer.Outcome, answer.Entry?.Id, answer.Score);
        var reply = renderer.Render(answer, turnContext.Activity, AboutThemselves(text));
        await turnContext.SendActivityAsync(reply, cancellationToken);
        await feedback.Recorder.RecordAnswerAsync(turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id, text, answer, cancellationToken);
    }

    private IMessageActivity SmallTalkReply(SmallTalkKind kind, IActivity incoming)
    {
        var (text, offerTopics) = kind switch
        {
            SmallTalkKind.Greeting => (Replies.WelcomeText(feedback.Recorder.Options.CollectUnanswered, feedback.Recorder.Options.Retention), true),
            SmallTalkKind.Thanks => (Replies.Thanks, false),
            SmallTalkKind.WhoAreYou => (Replies.WhoAreYou, true),
            SmallTalkKind.Goodbye => (Replies.Goodbye, false),
            _ => (Replies.WhatCanYouDo, true),
        };
        var reply = Replies.Text(text);
        if (offerTopics)
        {
            Buttons.Offer(reply, incoming, Replies.TopicQuestions(knowledge));
        }

        return reply;
    }

    /// <summary>Whether the person writes about themselves ("ik", "mijn"): then the answer says it is no diagnosis.</summary>
    private static bool AboutThemselves(string text)
    {
        var words = SmallTalk.Normalize(text).Split(' ');
        return words.Any(w => w is "ik" or "mijn" or "me" or "mij" or "heb" or "ben");
    }
}
