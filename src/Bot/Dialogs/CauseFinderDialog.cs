using B12Bot.Cards;
using B12Bot.Dialogs.Choices;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// The guided "waarom is mijn B12 laag?" walkthrough: one plain opening sentence, then the questions of
/// <c>knowledge/causefinder.json</c> one at a time, and an ending with the causes that fit, most likely first, each
/// with why and its citation; what to discuss with the GP, the treatments the article names, that only a GP can
/// diagnose, and a "Samenvatting voor uw huisarts" button.
/// Every message, the one that starts it included, is read for answers to every question not yet answered: what was
/// told is confirmed in one line ("Genoteerd: …") and its question skipped; the question asked is asked again when
/// the message answered only others. A follow-up ("daarnaast nog …?") offers only the answers that could still change
/// the result, and a question none of whose answers could is skipped. "nee wacht, …" corrects an earlier answer.
/// Before the result the answers are shown, each with a button to change it.
/// The progress travels in the options of the questions' waterfall (plain JSON), so the walkthrough survives a restart.
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

    /// <summary>Key of the waterfall's options in its persisted state (where the progress travels).</summary>
    private const string WaterfallOptionsKey = "options";

    /// <summary>After this many answers that are not recognised, "weet ik niet" is noted and the walkthrough moves on.</summary>
    private const int MaxAttempts = 3;

    private readonly CauseFinderRules _rules;
    private readonly FreeQuestionAnswerer _answerer;
    private readonly RedFlagDetector _redFlags;
    private readonly CauseFinderReplies _replies;
    private readonly AnswerRenderer _renderer;

    /// <param name="rules">The cause-finder data, loaded with <see cref="CauseFinderLoader.Load(string, KnowledgeBase)"/>.</param>
    /// <param name="knowledge">The knowledge the causes cite.</param>
    /// <param name="answerer">Answers free questions asked during the walkthrough, as everywhere else in the bot.</param>
    /// <param name="citations">Builds the citation entity of the ending's messages.</param>
    /// <param name="redFlags">Recognises red-flag symptoms in what is typed, and holds the urgent advice.</param>
    /// <param name="renderer">Adds how to reach the pharmacy to the result and the urgent advice.</param>
    public CauseFinderDialog(
        CauseFinderRules rules,
        KnowledgeBase knowledge,
        FreeQuestionAnswerer answerer,
        Citations citations,
        RedFlagDetector redFlags,
        AnswerRenderer renderer)
        : base(DialogId)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(citations);
        _answerer = answerer ?? throw new ArgumentNullException(nameof(answerer));
        _redFlags = redFlags ?? throw new ArgumentNullException(nameof(redFlags));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _replies = new CauseFinderReplies(rules, knowledge, citations);

        AddDialog(new WaterfallDialog(QuestionsDialogId, [AskStepAsync, RecordStepAsync]));
        AddDialog(new CauseFinderPrompt(AnswerPromptId, rules));
        InitialDialogId = QuestionsDialogId;
    }

    /// <summary>
    /// Opens the walkthrough: the opening sentence, what the starting message already told ("Ik ben 78 en slik
    /// omeprazol"), then the first question still open. <paramref name="options"/> may be the starting message's text.
    /// </summary>
    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var progress = new CauseFinderProgress { IntroShown = true };
        await innerDc.Context.SendActivityAsync(Replies.Text(_rules.Intro), cancellationToken);

        var text = options as string ?? innerDc.Context.Activity?.Text;
        var reading = AnswerReader.Read(_rules, progress.Answers(_rules), asked: null, text);
        var noted = new List<string>();
        foreach (var told in reading.Told)
        {
            progress.Record(told.Question.Id, told.Options.Select(o => o.Id));
            noted.AddRange(told.Options.Select(o => CauseFinderReplies.Noted(told.Question, o)));
        }

        if (noted.Count > 0)
        {
            await innerDc.Context.SendActivityAsync(Replies.Text(Texts.Noted + string.Join(", ", noted) + "."), cancellationToken);
        }

        if (reading.Told.SelectMany(t => t.Options).Any(o => o.Urgent))
        {
            await SendUrgentAsync(innerDc, progress, cancellationToken);
        }

        return await innerDc.BeginDialogAsync(QuestionsDialogId, progress, cancellationToken);
    }

    // ---- The steps: the waterfall runs once per question and replaces itself, with the progress as its options.

    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var progress = Progress(stepContext);
        var next = progress.Next(_rules);
        if (next is not null)
        {
            return await stepContext.PromptAsync(AnswerPromptId, CauseFinderPrompt.OptionsFor(next, MaxAttempts), cancellationToken);
        }

        var answers = progress.Answers(_rules);
        if (!progress.Reviewed)
        {
            // Before the result: the answers given, each of which can still be changed.
            await stepContext.Context.SendActivityAsync(_replies.Review(answers), cancellationToken);
            var answered = _rules.Questions.Where(q => answers.ContainsKey(q.Id)).Select(q => q.Id);
            return await stepContext.PromptAsync(AnswerPromptId, CauseFinderPrompt.ReviewOptionsFor(answered, MaxAttempts), cancellationToken);
        }

        var outcome = CauseFinderEvaluator.Evaluate(_rules, answers);
        var (messages, result) = _replies.Ending(outcome, urgent: progress.UrgentShown, answers);
        _renderer.AddPharmacyContact(messages[^1]);
        foreach (var message in messages)
        {
            await stepContext.Context.SendActivityAsync(message, cancellationToken);
        }

        return await stepContext.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> RecordStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        var progress = Progress(stepContext);
        var next = progress.Next(_rules);
        var context = stepContext.Context;
        var chosen = new List<AnswerOption>();

        if (stepContext.Result is PromptFailedResult)
        {
            if (next is null)
            {
                // The review gave up: show the result as the answers stand.
                progress.Reviewed = true;
            }
            else
            {
                // The question gave up: note "weet ik niet" and go on rather than ask forever.
                await context.SendActivityAsync(Replies.Text(Texts.GaveUp), cancellationToken);
                progress.Record(next.Question.Id, [_rules.DontKnow.Id]);
            }

            return await stepContext.ReplaceDialogAsync(QuestionsDialogId, progress, cancellationToken);
        }

        var answer = StateValue.To<WalkthroughAnswer>(stepContext.Result) ?? new WalkthroughAnswer();
        if (answer.Which && next is not null)
        {
            await context.SendActivityAsync(Replies.Text(Texts.Which), cancellationToken);
            return await stepContext.ReplaceDialogAsync(QuestionsDialogId, progress, cancellationToken);
        }

        var lines = new List<string>();
        if (next is null)
        {
            if (answer.Change is { } change && _rules.FindQuestion(change) is { } question)
            {
                progress.Forget(question.Id);
                lines.Add(Texts.Change + question.Label.ToLowerInvariant() + ".");
            }
            else if (answer.Confirm)
            {
                progress.Reviewed = true;
            }
        }

        var (noted, changed, conflicting) = ApplyTold(progress, answer, correcting: answer.Correction || next is null, chosen);
        if (noted.Count > 0)
        {
            lines.Add(Texts.Noted + string.Join(", ", noted) + ".");
        }

        if (changed.Count > 0)
        {
            lines.Add(Texts.Changed + string.Join(", ", changed) + ".");
        }

        if (next is not null && answer.Asked.Count > 0)
        {
            // Recorded last, so that "terug" goes back to the question just asked.
            var options = answer.Asked.Select(id => next.Offered.FirstOrDefault(o => o.Id == id)).OfType<AnswerOption>().ToList();
            progress.Record(next.Question.Id, options.Select(o => o.Id));
            chosen.AddRange(options);
        }
        else if (next is not null && noted.Count == 0 && changed.Count == 0)
        {
            // Only what was already known, or another answer to an answered question: say so before asking again.
            lines.Add(conflicting.Count > 0 ? Texts.ChangeHow(conflicting) : Texts.AlreadyKnown);
        }

        if (lines.Count > 0)
        {
            await context.SendActivityAsync(Replies.Text(string.Join(" ", lines)), cancellationToken);
        }

        if (chosen.Any(o => o.Urgent))
        {
            await SendUrgentAsync(stepContext, progress, cancellationToken);
        }

        return await stepContext.ReplaceDialogAsync(QuestionsDialogId, progress, cancellationToken);
    }

    /// <summary>
    /// Records the answers to other questions: a question not yet answered gets its answer ("Genoteerd"); an answered
    /// one is changed only when the message corrects (or at the review), and then replaced, or added to with "ook".
    /// </summary>
    private (List<string> Noted, List<string> Changed, List<string> Conflicting) ApplyTold(
        CauseFinderProgress progress, WalkthroughAnswer answer, bool correcting, List<AnswerOption> chosen)
    {
        var noted = new List<string>();
        var changed = new List<string>();
        var conflicting = new List<string>();
        var answers = progress.Answers(_rules);
        foreach (var (questionId, ids) in answer.Told)
        {
            var question = _rules.FindQuestion(questionId);
            if (question is null)
            {
                continue;
            }

            var options = ids.Select(question.FindOption).OfType<AnswerOption>().ToList();
            if (options.Count == 0)
            {
                continue;
            }

            if (!answers.TryGetValue(question.Id, out var before))
            {
                progress.Record(question.Id, options.Select(o => o.Id));
                noted.AddRange(options.Select(o => CauseFinderReplies.Noted(question, o)));
                chosen.AddRange(options);
                continue;
            }

            if (before.Count == options.Count && options.All(o => before.Contains(o.Id)))
            {
                continue;
            }

            var addable = question.Multiple && options.All(o => !o.Exclusive) && before.All(id => question.FindOption(id) is { Exclusive: false });
            if (!correcting && before.All(id => id == _rules.DontKnow.Id))
            {
                // "Weet ik niet" earlier, and now the answer after all: it is new, not a change.
                progress.Replace(question.Id, options.Select(o => o.Id));
                noted.AddRange(options.Select(o => CauseFinderReplies.Noted(question, o)));
                chosen.AddRange(options);
                continue;
            }

            if (!correcting)
            {
                // Told again with more ("omeprazol en metformine" after metformine): the new ones are added.
                var added = options.Where(o => !before.Contains(o.Id)).ToList();
                if (addable && added.Count > 0)
                {
                    progress.Replace(question.Id, before.Concat(added.Select(o => o.Id)));
                    noted.AddRange(added.Select(o => CauseFinderReplies.Noted(question, o)));
                    chosen.AddRange(added);
                }
                else if (added.Count > 0)
                {
                    // Another answer than before, without saying it corrects: ask rather than guess.
                    conflicting.Add(question.Label.ToLowerInvariant());
                }

                continue;
            }

            var adds = answer.Adds && addable;
            var now = adds ? before.Concat(options.Select(o => o.Id)).Distinct(StringComparer.Ordinal).ToList() : options.Select(o => o.Id).ToList();
            progress.Replace(question.Id, now);
            changed.AddRange(options.Select(o => CauseFinderReplies.Noted(question, o)));
            chosen.AddRange(options);
        }

        return (noted, changed, conflicting);
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
        return asks || AnswerReader.Read(_rules, Progress(innerDc).Answers(_rules), next, text).IsEmpty;
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
        var progress = Progress(innerDc);
        var went = progress.Back();
        await innerDc.Context.SendActivityAsync(Replies.Text(went ? Texts.WentBack : Texts.AtFirstQuestion), cancellationToken);
        return await AskAgainAsync(innerDc, progress, cancellationToken);
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
        await innerDc.Context.SendActivityAsync(Replies.Text(Texts.Restarted), cancellationToken);
        return await AskAgainAsync(innerDc, new CauseFinderProgress { IntroShown = true }, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnQuestionAsync(DialogContext innerDc, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        if (WalkthroughIntent.IsStartRequest(text))
        {
            await innerDc.Context.SendActivityAsync(Replies.Text(Texts.AlreadyBusy), cancellationToken);
            return await AskSameAgainAsync(innerDc, cancellationToken);
        }

        await innerDc.Context.SendActivityAsync(_answerer.AnswerDuringWalkthrough(text, innerDc.Context.Activity), cancellationToken);
        await innerDc.Context.SendActivityAsync(Replies.Text(Texts.BackToQuestions), cancellationToken);
        return await AskSameAgainAsync(innerDc, cancellationToken);
    }

    // ---- Shared by the steps and the interruptions.

    /// <summary>Asks the current question afresh (after back or a restart), with the progress given.</summary>
    private static async Task<DialogTurnResult> AskAgainAsync(DialogContext innerDc, CauseFinderProgress progress, CancellationToken cancellationToken)
    {
        await innerDc.CancelAllDialogsAsync(cancellationToken);
        return await innerDc.BeginDialogAsync(QuestionsDialogId, progress, cancellationToken);
    }

    /// <summary>
    /// Asks the waiting question once more, as it is (after help or an answered question): the prompt repeats
    /// itself and the state stays as it was, so such a turn needs no save.
    /// </summary>
    private static async Task<DialogTurnResult> AskSameAgainAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog?.Id != AnswerPromptId)
        {
            return await AskAgainAsync(innerDc, Progress(innerDc), cancellationToken);
        }

        await innerDc.RepromptDialogAsync(cancellationToken);
        return Dialog.EndOfTurn;
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

    /// <summary>
    /// The progress: the options of the questions' waterfall (on the inner stack), typed again after a load from
    /// storage and put back, so that what changes this turn is saved.
    /// </summary>
    private static CauseFinderProgress Progress(DialogContext dc)
    {
        var instance = dc.Stack.FirstOrDefault(i => string.Equals(i.Id, QuestionsDialogId, StringComparison.Ordinal))
            ?? throw new DialogStateException("The walkthrough has no questions under way.");
        instance.State.TryGetValue(WaterfallOptionsKey, out var raw);
        var progress = (raw is JObject loaded ? ReadPlainProgress(loaded) : null)
            ?? StateValue.To<CauseFinderProgress>(raw)
            ?? throw new DialogStateException("The walkthrough's questions have no progress.");
        instance.State[WaterfallOptionsKey] = progress;
        return progress;
    }

    /// <summary>
    /// The progress read straight from its loaded JSON when it has the shape the serialiser writes (its four properties
    /// by their names; steps of a question id and option ids), as the serialiser would read it; null for any other
    /// shape, which the serialiser reads, with its errors. Read at every walkthrough turn, so it skips the serialiser's
    /// contracts.
    /// </summary>
    internal static CauseFinderProgress? ReadPlainProgress(JObject loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var progress = new CauseFinderProgress();
        foreach (var property in loaded.Properties())
        {
            switch (property.Name, property.Value)
            {
                case (nameof(CauseFinderProgress.IntroShown), JValue { Type: JTokenType.Boolean, Value: bool intro }):
                    progress.IntroShown = intro;
                    break;
                case (nameof(CauseFinderProgress.UrgentShown), JValue { Type: JTokenType.Boolean, Value: bool urgent }):
                    progress.UrgentShown = urgent;
                    break;
                case (nameof(CauseFinderProgress.Reviewed), JValue { Type: JTokenType.Boolean, Value: bool reviewed }):
                    progress.Reviewed = reviewed;
                    break;
                case (nameof(CauseFinderProgress.Steps), JArray steps) when ReadPlainSteps(steps) is { } read:
                    progress.Steps = read;
                    break;
                default:
                    return null;
            }
        }

        return progress;
    }

    private static List<AnsweredStep>? ReadPlainSteps(JArray steps)
    {
        var read = new List<AnsweredStep>(steps.Count);
        foreach (var item in steps)
        {
            if (item is not JObject { Count: 2 } step
                || step[nameof(AnsweredStep.Question)] is not JValue { Type: JTokenType.String, Value: string question }
                || step[nameof(AnsweredStep.Options)] is not JArray options)
            {
                return null;
            }

            var ids = new List<string>(options.Count);
            foreach (var option in options)
            {
                if (option is not JValue { Type: JTokenType.String, Value: string id })
                {
                    return null;
                }

                ids.Add(id);
            }

            read.Add(new AnsweredStep { Question = question, Options = ids });
        }

        return read;
    }

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
        public const string Noted = "Genoteerd: ";
        public const string Changed = "Aangepast: ";
        public const string Change = "Goed, dan vraag ik opnieuw naar ";
        public const string AlreadyKnown = "Dat had u al verteld.";
        public const string Which = "Welke? Kies wat bij u past, of typ het; meer dan één mag ook.";

        public static string ChangeHow(IReadOnlyList<string> labels) =>
            "U gaf eerder een ander antwoord over " + CauseFinderEvaluator.JoinDutch(labels)
            + ". Wilt u dat wijzigen, typ dan bijvoorbeeld 'nee wacht, …', of wijzig het straks in het overzicht van uw antwoorden.";
    }
}
