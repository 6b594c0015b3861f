using B12Bot.Bots;
using B12Bot.Cards;
using B12Bot.Editors;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using B12Bot.Privacy;
using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// The root dialog: every message goes through it. With no walkthrough under way it routes the message, in this
/// order: a red-flag symptom (the urgent advice first, then the message is handled as usual), "vergeet mij", the
/// huisarts summary, the start of the walkthrough (asked for, or a sentence about one's own low B12 with facts it
/// can use), small talk, and otherwise a free question answered from the
/// knowledge; all but the walkthrough end in the same turn, so such a turn stores no dialog. While the walkthrough
/// is under way "vergeet mij" still comes first, and everything else goes to the walkthrough, which handles its own
/// red flags, commands and free questions. Ends with the walkthrough's <see cref="CauseFinderResult"/>, or null.
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    public const string DialogId = "main";

    private static readonly Dictionary<string, IReadOnlyCollection<string>> NoAnswers = new(StringComparer.Ordinal);

    private readonly CauseFinderRules _rules;
    private readonly RedFlagDetector _redFlags;
    private readonly FreeQuestionAnswerer _answerer;
    private readonly GpSummary _summary;
    private readonly KnowledgeBase _knowledge;
    private readonly IStorage _storage;
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;
    private readonly IEnumerable<IPersonalDataEraser> _erasers;
    private readonly AnswerRenderer _renderer;
    private readonly EditorsRecorder _editors;
    private readonly ILogger<MainDialog> _logger;

    public MainDialog(
        CauseFinderDialog causeFinder,
        CauseFinderRules rules,
        RedFlagDetector redFlags,
        FreeQuestionAnswerer answerer,
        GpSummary summary,
        KnowledgeBase knowledge,
        IStorage storage,
        ConversationState conversationState,
        UserState userState,
        IEnumerable<IPersonalDataEraser> erasers,
        AnswerRenderer renderer,
        EditorsRecorder editors,
        ILogger<MainDialog> logger)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(causeFinder);
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _redFlags = redFlags ?? throw new ArgumentNullException(nameof(redFlags));
        _answerer = answerer ?? throw new ArgumentNullException(nameof(answerer));
        _summary = summary ?? throw new ArgumentNullException(nameof(summary));
        _knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _conversationState = conversationState ?? throw new ArgumentNullException(nameof(conversationState));
        _userState = userState ?? throw new ArgumentNullException(nameof(userState));
        _erasers = erasers ?? throw new ArgumentNullException(nameof(erasers));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _editors = editors ?? throw new ArgumentNullException(nameof(editors));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        AddDialog(causeFinder);
    }

    /// <summary>A turn handled without a walkthrough: the dialog ends at once, so nothing is stored for it.</summary>
    private static readonly DialogTurnResult Done = new(DialogTurnStatus.Complete);

    /// <summary>A message with no walkthrough under way: route it.</summary>
    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var context = innerDc.Context;
        var text = context.Activity?.Text?.Trim();
        if (context.Activity?.Type != ActivityTypes.Message || string.IsNullOrEmpty(text))
        {
            return Done;
        }

        if (GpSummary.IsRequest(context.Activity))
        {
            await context.SendActivityAsync(_summary.For(context.Activity), cancellationToken);
            return Done;
        }

        await SendRedFlagAdviceAsync(context, text, cancellationToken);

        if (PrivacyIntent.IsForgetMe(text))
        {
            await ForgetAsync(context, cancellationToken);
            return Done;
        }

        var request = WalkthroughIntent.Classify(text);
        if (request != WalkthroughRequest.None)
        {
            // A why-question ("waarom is mijn B12 laag?") is also one the article answers: that answer first (without
            // follow-up buttons, which would compete with the walkthrough's). A request for help gets the walkthrough.
            if (request == WalkthroughRequest.Why
                && !string.Equals(text, Replies.StartWalkthrough, StringComparison.OrdinalIgnoreCase)
                && _answerer.Ask(text) is { Outcome: AnswerOutcome.Answer } answered)
            {
                BotLog.Answered(_logger, answered.Outcome, answered.Entry?.Id, answered.Score);
                await context.SendActivityAsync(_answerer.AnswerWithoutRelated(answered, context.Activity).Reply, cancellationToken);
            }

            // The walkthrough reads the starting message for answers ("… ik ben 78 en slik omeprazol").
            return await innerDc.BeginDialogAsync(CauseFinderDialog.DialogId, text, cancellationToken);
        }

        if (WalkthroughIntent.TellsOwnLowB12(text) && !AnswerReader.Read(_rules, NoAnswers, asked: null, text).IsEmpty)
        {
            // "Mijn B12 is te laag; ik ben 67 en eet geen vlees": what was told starts the walkthrough with it. When the
            // message also asks what the article answers ("ik ben altijd moe, kan dat een B12-tekort zijn"), that
            // answer comes first, as for a why-question.
            if (AlsoAsks(text) && _answerer.Ask(text) is { Outcome: AnswerOutcome.Answer } told)
            {
                BotLog.Answered(_logger, told.Outcome, told.Entry?.Id, told.Score);
                await context.SendActivityAsync(_answerer.AnswerWithoutRelated(told, context.Activity).Reply, cancellationToken);
            }

            return await innerDc.BeginDialogAsync(CauseFinderDialog.DialogId, text, cancellationToken);
        }

        if (SmallTalk.Recognize(text) is { } kind)
        {
            await context.SendActivityAsync(SmallTalkReply(kind, context.Activity), cancellationToken);
            return Done;
        }

        var (reply, answer) = _answerer.Answer(text, context.Activity, AboutThemselves(text));
        BotLog.Answered(_logger, answer.Outcome, answer.Entry?.Id, answer.Score);
        await context.SendActivityAsync(reply, cancellationToken);

        // Counted for the editors' report; the text of an unanswered question is kept (scrubbed) only when collecting is on.
        await _editors.RecordAnswerAsync(context.Activity.ChannelId, context.Activity.Conversation?.Id, text, answer, cancellationToken);
        return Done;
    }

    /// <summary>A message while the walkthrough is under way: "vergeet mij" and the summary first, the rest to the walkthrough.</summary>
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var context = innerDc.Context;
        var text = context.Activity?.Type == ActivityTypes.Message ? context.Activity.Text?.Trim() : null;
        if (!string.IsNullOrEmpty(text) && PrivacyIntent.IsForgetMe(text))
        {
            await ForgetAsync(context, cancellationToken);
            return await innerDc.CancelAllDialogsAsync(cancellationToken);
        }

        if (context.Activity is { } activity && GpSummary.IsRequest(activity))
        {
            await context.SendActivityAsync(_summary.For(activity), cancellationToken);
            await innerDc.RepromptDialogAsync(cancellationToken);
            return EndOfTurn;
        }

        return await innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>"Vergeet mij": the conversation and user state and every other store's part, then the confirmation.</summary>
    private Task ForgetAsync(ITurnContext context, CancellationToken cancellationToken) =>
        ForgetMe.RunAsync(context, _storage, [_conversationState, _userState], _erasers, _logger, cancellationToken);

    /// <summary>Sends the urgent advice first when the text names a red-flag symptom; the message is still handled.</summary>
    private async Task SendRedFlagAdviceAsync(ITurnContext context, string text, CancellationToken cancellationToken)
    {
        var sign = _redFlags.Detect(text);
        if (sign is null)
        {
            return;
        }

        BotLog.RedFlag(_logger, sign);
        await context.SendActivityAsync(_renderer.RedFlagAdvice(_redFlags.Advice), cancellationToken);

        // A walkthrough begun in this same turn must not send the advice a second time.
        context.TurnState[CauseFinderDialog.RedFlagAdviceSentKey] = true;
    }

    private IMessageActivity SmallTalkReply(SmallTalkKind kind, IActivity incoming)
    {
        var (text, offerTopics) = kind switch
        {
            SmallTalkKind.Greeting => (Replies.WelcomeText(_editors.Options.CollectUnanswered, _editors.Options.Retention), true),
            SmallTalkKind.Thanks => (Replies.Thanks, false),
            SmallTalkKind.WhoAreYou => (Replies.WhoAreYou, true),
            SmallTalkKind.Goodbye => (Replies.Goodbye, false),
            _ => (Replies.WhatCanYouDo, true),
        };
        var reply = Replies.Text(text);
        if (offerTopics)
        {
            Buttons.Offer(reply, incoming, Replies.TopicQuestions(_knowledge));
        }

        return reply;
    }

    /// <summary>
    /// Whether a message about one's own low B12 also asks something: a '?', a clause that opens as a question
    /// ("…, kan dat een tekort zijn", "…, zou dat door … komen") or a question word anywhere. One that only tells
    /// ("Mijn B12 is te laag. Ik ben 67 en eet geen vlees.") starts the walkthrough without an article answer, however
    /// well an entry matches its words.
    /// </summary>
    private static bool AlsoAsks(string text) =>
        text.Contains('?', StringComparison.Ordinal)
        || text.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(clause => Interruption.LooksLikeQuestion(clause) || Interruption.AsksYesOrNo(TextTokens.Of(clause)))
        || Interruption.HasQuestionWord(text);

    private static readonly char[] ClauseBreaks = ['.', ',', ';', '!', '\n'];

    /// <summary>Whether the person writes about themselves ("ik", "mijn"): then the answer says it is no diagnosis.</summary>
    private static bool AboutThemselves(string text)
    {
        var words = SmallTalk.Normalize(text).Split(' ');
        return words.Any(w => w is "ik" or "mijn" or "me" or "mij" or "heb" or "ben");
    }
}
