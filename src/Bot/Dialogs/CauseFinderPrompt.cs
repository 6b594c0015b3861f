using B12Bot.Cards;
using B12Bot.Dialogs.Choices;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs;

/// <summary>
/// The walkthrough's question: a <see cref="ChoicePrompt"/> whose persisted options hold only which question it
/// asks and which answers it offers (ids). The question, its retry and its buttons are built from the rules when
/// they are needed, so a walkthrough's state stays a few hundred bytes instead of carrying whole activities.
/// Options persisted in full (by an earlier version) are used as they are.
/// </summary>
public sealed class CauseFinderPrompt : ChoicePrompt
{
    private readonly CauseFinderRules _rules;

    public CauseFinderPrompt(string dialogId, CauseFinderRules rules, PromptValidator<FoundChoice> validator)
        : base(dialogId, validator)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>The sentence before the question when an answer was not recognised.</summary>
    public const string NotRecognised = "Dat antwoord herken ik niet. Kies een van de knoppen, of typ 'help' voor uitleg.";

    /// <summary>What to persist to ask <paramref name="next"/>: ids only.</summary>
    public static PromptOptions OptionsFor(NextQuestion next, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new PromptOptions
        {
            Validations = new Offered
            {
                Question = next.Question.Id,
                FollowUp = next.IsFollowUp,
                Options = next.Offered.Select(o => o.Id).ToList(),
            },
            MaxAttempts = maxAttempts,
        };
    }

    /// <summary>The question and the offered answers a prompt's options name, or null when the rules no longer have them.</summary>
    public NextQuestion? Resolve(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offered = StateValue.To<Offered>(options.Validations);
        var question = _rules.FindQuestion(offered?.Question);
        if (offered is null || question is null)
        {
            return null;
        }

        var answers = new List<AnswerOption>(offered.Options.Count);
        foreach (var id in offered.Options)
        {
            var option = question.FindOption(id)
                ?? (id == _rules.Done.Id ? _rules.Done : null)
                ?? (id == _rules.DontKnow.Id ? _rules.DontKnow : null);
            if (option is null)
            {
                return null;
            }

            answers.Add(option);
        }

        return new NextQuestion(question, offered.FollowUp, answers);
    }

    protected override Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default) =>
        base.OnPromptAsync(turnContext, state, Expand(options), isRetry, cancellationToken);

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default) =>
        base.OnRecognizeAsync(turnContext, state, Expand(options), cancellationToken);

    private PromptOptions Expand(PromptOptions options)
    {
        if (options.Prompt is not null)
        {
            return options;
        }

        var next = Resolve(options)
            ?? throw new DialogStateException($"Prompt '{Id}' asks a question the walkthrough no longer has.");
        return new PromptOptions
        {
            Prompt = (Activity)Replies.Text(next.Text),
            RetryPrompt = (Activity)Replies.Text(NotRecognised + " " + next.Text),
            Choices = next.Offered.Select(o => new Choice(o.Title) { Synonyms = [.. o.Synonyms] }).ToList(),
            Style = options.Style,
            Validations = options.Validations,
            MaxAttempts = options.MaxAttempts,
        };
    }

    /// <summary>What a prompt offers, persisted with it: the question, whether it is the follow-up, the option ids.</summary>
    public sealed class Offered
    {
        public string Question { get; set; } = string.Empty;

        public bool FollowUp { get; set; }

        public List<string> Options { get; set; } = [];
    }
}
