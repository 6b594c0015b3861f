using B12Bot.Cards;
using B12Bot.Dialogs.Choices;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// The guided "waarom is mijn B12 laag?" walkthrough: one plain opening sentence, then the questions of
/// <c>knowledge/causefinder.json</c> one at a time (with a follow-up for questions that allow more than one
/// answer), and an ending with the causes that fit, most likely first, each with why and its citation;
/// what to discuss with the GP, the treatments the article names, and that only a GP can diagnose.
/// The answers so far are kept in the dialog's own state (plain JSON), so the walkthrough survives a restart.
/// Ends with a <see cref="CauseFinderResult"/>, or null when stopped.
/// </summary>
public sealed class CauseFinderDialog : InterruptibleDialog
{
    /// <summary>The id to begin this dialog with.</summary>
    public const string DialogId = "causeFinder";

    /// <summary>
    /// Turn-state key set when the red-flag advice was sent this turn. The dialog sets it and checks it, so
    /// a bot that sends the advice itself before passing the turn on can set it too and avoid a repeat.
    /// </summary>
    public const string RedFlagAdviceSentKey = "B12Bot.RedFlagAdviceSent";

    private const string QuestionsDialogId = "causeFinder.questions";
    private const string AnswerPromptId = "causeFinder.answer";

    /// <summary>Key of the progress in the component's persisted state.</summary>
    private const string ProgressKey = "progress";

    /// <summary>After this many answers that are not recognised, "weet ik niet" is noted and the walkthrough moves on.</summary>
    private const int MaxAttempts = 3;

    /// <summary>Longer answers count only when our own matcher recognises them.</summary>
    private const int MaxWordsForPromptRecognition = 4;

    private readonly CauseFinderRules _rules;
    private readonly IAnswerer _answerer;
    private readonly AnswerRenderer _renderer;
    private readonly RedFlagDetector _redFlags;
    private readonly CauseFinderReplies _replies;
    private readonly CauseFinderPrompt _prompt;

    /// <param name="rules">The cause-finder data, loaded with <see cref="CauseFinderLoader.Load(string, KnowledgeBase)"/>.</param>
    /// <param name="knowledge">The knowledge the causes cite.</param>
    /// <param name="answerer">Answers free questions asked during the walkthrough.</param>
    /// <param name="renderer">Shows those answers as everywhere else in the bot.</param>
    /// <param name="citations">Builds the citation entity of the ending's messages.</param>
    /// <param name="redFlags">Recognises red-flag symptoms in what is typed, and holds the urgent advice.</param>
    public CauseFinderDialog(
        CauseFinderRules rules,
        KnowledgeBase knowledge,
        IAnswerer answerer,
        AnswerRenderer renderer,
        Citations citations,
        RedFlagDetector redFlags)
        : base(DialogId)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(citations);
        _answerer = answerer ?? throw new ArgumentNullException(nameof(answerer));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _redFlags = redFlags ?? throw new ArgumentNullException(nameof(redFlags));
        _replies = new CauseFinderReplies(rules, knowledge, citations);

        AddDialog(new WaterfallDialog(QuestionsDialogId, [IntroStepAsync, AskStepAsync, RecordStepAsync, SummaryStepAsync]));
        _prompt = new CauseFinderPrompt(AnswerPromptId, rules, ValidateAnswerAsync);
        AddDialog(_prompt);
        InitialDialogId = QuestionsDialogId;
    }

    protected override Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        ComponentState(innerDc)[ProgressKey] = new CauseFinderProgress();
        return base.OnBeginDialogAsync(innerDc, options, cancellationToken);
    }

    // ---- The steps: the waterfall runs once per question and replaces itself until every question is answered.

    private async Task<DialogTurnResult> IntroStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var progress = Progress(stepContext);
        if (!progress.IntroShown)
        {
            progress.IntroShown = true;
            await stepContext.Context.SendActivityAsync(Replies.Text(_rules.Intro), cancellationToken);
        }

        return await stepContext.NextAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var next = Progress(stepContext).Next(_rules);
        if (next is null)
        {
            return await stepContext.NextAsync(null, cancellationToken);
        }

        return await stepContext.PromptAsync(AnswerPromptId, CauseFinderPrompt.OptionsFor(next, MaxAttempts), cancellationToken);
    }

    private async Task<DialogTurnResult> RecordStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var progress = Progress(stepContext);
        var next = progress.Next(_rules);
        if (next is not null)
        {
            var chosen = Chosen(next, stepContext.Context.Activity?.Text, stepContext.Result);
            if (chosen.Count == 0)
            {
                // The prompt gave up: note "weet ik niet" and go on rather than ask forever.
                chosen = [_rules.DontKnow];
                await stepContext.Context.SendActivityAsync(Replies.Text(Texts.GaveUp), cancellationToken);
            }

            progress.Record(next.Question.Id, chosen.Select(o => o.Id));
            if (chosen.Any(o => o.Urgent))
            {
                await SendUrgentAsync(stepContext, progress, cancellationToken);
            }

            if (progress.Next(_rules) is not null)
            {
                return await stepContext.ReplaceDialogAsync(QuestionsDialogId, null, cancellationToken);
            }
        }

        return await stepContext.NextAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> SummaryStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var progress = Progress(stepContext);
        var outcome = CauseFinderEvaluator.Evaluate(_rules, progress.Answers(_rules));
        var (messages, result) = _replies.Ending(outcome, urgent: progress.UrgentShown);
        _renderer.AddPharmacyContact(messages[^1]);
        foreach (var message in messages)
        {
            await stepContext.Context.SendActivityAsync(message, cancellationToken);
        }

        return await stepContext.EndDialogAsync(result, cancellationToken);
    }

    // ---- Interruptions (see InterruptibleDialog).

    protected override bool IsRedFlag(string text) => _redFlags.Detect(text) is not null;

    protected override bool IsQuestion(DialogContext innerDc, string text)
    {
        if (WalkthroughIntent.IsStartRequest(text))
        {
            return true;
        }

        if (!Interruption.LooksLikeQuestion(text))
        {
            return false;
        }

        var next = Progress(innerDc).Next(_rules);
        if (next is null)
        {
            return true;
        }

        // "Weet ik niet?" or "Metformine?" answers; "wat is metformine?" asks.
        var words = TextTokens.Of(text);
        var isPlainOption = next.Offered
            .SelectMany(o => o.Synonyms.Prepend(o.Title))
            .Any(p => TextTokens.OfPhrase(p).SequenceEqual(words, StringComparer.Ordinal));
        if (isPlainOption)
        {
            return false;
        }

        // "is niet van toepassing" opens with a verb but answers; a question word or "?" always asks.
        var asks = text.TrimEnd().EndsWith('?') || Interruption.StartsWithQuestionWord(text);
        return asks || AnswerMatcher.Match(next.Offered, text, next.Multiple).Count == 0;
    }

    protected override Task OnRedFlagAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return SendUrgentAsync(innerDc, Progress(innerDc), cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnCancelAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        await innerDc.Context.SendActivityAsync(Replies.Text(Texts.Stopped), cancellationToken);
        return await innerDc.CancelAllDialogsAsync(cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnBackAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var went = Progress(innerDc).Back();
        await innerDc.Context.SendActivityAsync(Replies.Text(went ? Texts.WentBack : Texts.AtFirstQuestion), cancellationToken);
        return await AskAgainAsync(innerDc, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnHelpAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var next = Progress(innerDc).Next(_rules);
        var help = next is null ? Texts.Commands : next.Question.Help + "\n\n" + Texts.Commands;
        await innerDc.Context.SendActivityAsync(Replies.Text(help), cancellationToken);
        return await AskSameAgainAsync(innerDc, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnRestartAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        ComponentState(innerDc)[ProgressKey] = new CauseFinderProgress { IntroShown = true };
        await innerDc.Context.SendActivityAsync(Replies.Text(Texts.Restarted), cancellationToken);
        return await AskAgainAsync(innerDc, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnQuestionAsync(DialogContext innerDc, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        if (WalkthroughIntent.IsStartRequest(text))
        {
            await innerDc.Context.SendActivityAsync(Replies.Text(Texts.AlreadyBusy), cancellationToken);
            return await AskSameAgainAsync(innerDc, cancellationToken);
        }

        await innerDc.Context.SendActivityAsync(AnswerTo(innerDc.Context, text), cancellationToken);
        await innerDc.Context.SendActivityAsync(Replies.Text(Texts.BackToQuestions), cancellationToken);
        return await AskSameAgainAsync(innerDc, cancellationToken);
    }

    // ---- Shared by the steps and the interruptions.

    /// <summary>Asks the current question afresh (after help, back, a restart or an answered question).</summary>
    private static async Task<DialogTurnResult> AskAgainAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        return await innerDc.BeginDialogAsync(QuestionsDialogId, null, cancellationToken);
    }

    /// <summary>
    /// Asks the waiting question once more, as it is (after help or an answered question): the prompt repeats
    /// itself and the state stays as it was, so such a turn needs no save.
    /// </summary>
    private static async Task<DialogTurnResult> AskSameAgainAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog?.Id != AnswerPromptId)
        {
            return await AskAgainAsync(innerDc, cancellationToken);
        }

        await innerDc.RepromptDialogAsync(cancellationToken);
        return Dialog.EndOfTurn;
    }

    private IMessageActivity AnswerTo(ITurnContext turnContext, string question)
    {
        var answer = _answerer.Ask(question);
        if (answer.Outcome == AnswerOutcome.Clarify)
        {
            // Buttons to pick a topic would be replaced by the question's own at once: name the topics instead.
            var topics = CauseFinderEvaluator.JoinDutch(answer.Alternatives.Take(3).Select(a => "\"" + a.Question + "\"").ToList());
            return Replies.Text(Texts.ClarifyStart + topics + Texts.ClarifyEnd);
        }

        // Follow-up buttons would compete with the question asked next: the answer goes without them.
        var reply = _renderer.Render(answer, turnContext.Activity, aboutThemselves: false);
        reply.SuggestedActions = null;
        if (reply.Attachments is { } attachments)
        {
            reply.Attachments = attachments.Where(a => a.Content is not HeroCard).ToList();
        }

        return reply;
    }

    private static IReadOnlyList<AnswerOption> Chosen(NextQuestion next, string? text, object? promptResult)
    {
        var matched = AnswerMatcher.Match(next.Offered, text, next.Multiple);
        if (matched.Count > 0)
        {
            return matched;
        }

        if (promptResult is FoundChoice found && found.Index >= 0 && found.Index < next.Offered.Count)
        {
            return [next.Offered[found.Index]];
        }

        return [];
    }

    private Task<bool> ValidateAnswerAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken cancellationToken)
    {
        var text = prompt.Context.Activity?.Text;

        // The prompt's own recognition (positions, ordinals, small typos) is trusted for short answers only:
        // in a sentence, "de laatste tijd" is no choice of the last button.
        if (prompt.Recognized.Succeeded && TextTokens.Of(text).Count <= MaxWordsForPromptRecognition)
        {
            return Task.FromResult(true);
        }

        // Our own matcher also knows ages ("75") and several answers at once ("omeprazol en metformine").
        var next = _prompt.Resolve(prompt.Options);
        return Task.FromResult(next is not null && AnswerMatcher.Match(next.Offered, text, next.Multiple).Count > 0);
    }

    /// <summary>The urgent advice, at most once per turn (the bot may already have sent it this turn).</summary>
    private async Task SendUrgentAsync(DialogContext dc, CauseFinderProgress progress, CancellationToken cancellationToken)
    {
        progress.UrgentShown = true;
        if (dc.Context.TurnState.ContainsKey(RedFlagAdviceSentKey))
        {
            return;
        }

        dc.Context.TurnState[RedFlagAdviceSentKey] = true;
        await dc.Context.SendActivityAsync(_renderer.RedFlagAdvice(_redFlags.Advice), cancellationToken);
    }

    /// <summary>The progress in the component's state, typed again after a load from storage.</summary>
    private static CauseFinderProgress Progress(DialogContext innerDc)
    {
        var state = ComponentState(innerDc);
        state.TryGetValue(ProgressKey, out var raw);
        var progress = StateValue.To<CauseFinderProgress>(raw) ?? new CauseFinderProgress();
        state[ProgressKey] = progress;
        return progress;
    }

    /// <summary>This component's own instance state (the inner context's parent has it on top).</summary>
    private static IDictionary<string, object?> ComponentState(DialogContext innerDc) =>
        innerDc.Parent?.ActiveDialog?.State
        ?? throw new InvalidOperationException("The cause-finder's steps run only inside the cause-finder dialog.");

    /// <summary>The walkthrough's own sentences.</summary>
    private static class Texts
    {
        public const string Stopped = "Goed, we stoppen met de vragen. U kunt altijd opnieuw beginnen, of mij een vraag stellen over vitamine B12.";
        public const string WentBack = "We gaan een vraag terug.";
        public const string AtFirstQuestion = "Dit is de eerste vraag; verder terug kan niet.";
        public const string Restarted = "We beginnen opnieuw.";
        public const string Commands = "U kunt ook typen: 'terug' voor de vorige vraag, 'opnieuw' om opnieuw te beginnen of 'stop' om te stoppen.";
        public const string AlreadyBusy = "We zijn al bezig met de vragen over mogelijke oorzaken. Typ 'opnieuw' om opnieuw te beginnen.";
        public const string BackToQuestions = "Dan gaan we verder met de vragen.";
        public const string GaveUp = "Ik noteer 'Weet ik niet' en ga verder met de volgende vraag.";
        public const string ClarifyStart = "Uw vraag kan over meerdere onderwerpen gaan: ";
        public const string ClarifyEnd = ". Stel hem na de vragenlijst gerust nog eens wat preciezer.";
    }
}
