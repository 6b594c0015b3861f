using B12Bot.Cards;
using B12Bot.Dialogs.Choices;
using B12Bot.Knowledge.CauseFinder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Dialogs;

/// <summary>
/// The walkthrough's question. Its persisted options hold only which question it asks and which answers it offers
/// (ids); the question, its retry and its buttons are built from the rules when needed, so a walkthrough's state
/// stays a few hundred bytes. It reads every answer the message gives (<see cref="AnswerReader"/>), to the question
/// asked and to the others, and the position of a button ("2", "de tweede"), and ends with the ids it recognised:
/// a <see cref="WalkthroughAnswer"/>, or a <see cref="PromptFailedResult"/> after too many answers it could not read.
/// The review before the result is this prompt too, with the answers given and a button to change each.
/// </summary>
public sealed class CauseFinderPrompt : Prompt<WalkthroughAnswer>
{
    /// <summary>The id the review persists in place of a question's.</summary>
    public const string ReviewId = "controle";

    /// <summary>The review's answer that shows the result.</summary>
    public const string ConfirmId = "klopt";

    /// <summary>The review's answers that change the answer to a question: this prefix and the question's id.</summary>
    public const string ChangePrefix = "wijzig:";

    /// <summary>The sentence before the question when an answer was not recognised.</summary>
    public const string NotRecognised = "Dat antwoord herken ik niet. Kies een van de knoppen, of typ 'help' voor uitleg.";

    /// <summary>The review's button that shows the result.</summary>
    public const string ConfirmTitle = "Klopt, toon de uitkomst";

    /// <summary>Longer answers count only when the answer reader recognises them, not by a button's position or spelling.</summary>
    private const int MaxWordsForChoiceRecognition = 4;

    private static readonly HashSet<string> ChangeWords = new(StringComparer.Ordinal)
    {
        "wijzig", "wijzigen", "verander", "veranderen", "aanpassen", "pas", "anders", "corrigeer", "corrigeren", "verbeter", "verbeteren",
    };

    private static readonly HashSet<string> ConfirmWords = new(StringComparer.Ordinal)
    {
        "klopt", "ja", "jawel", "goed", "prima", "oke", "ok", "uitkomst", "resultaat", "toon", "verder", "akkoord", "correct", "juist",
    };

    private static readonly HashSet<string> PlainYes = new(StringComparer.Ordinal) { "ja", "jawel", "jazeker", "zeker", "jep", "hoor", "wel" };

    /// <summary>At most this many built prompts are kept (the rules' questions and follow-ups need far fewer).</summary>
    private const int MaxExpanded = 1024;

    private readonly CauseFinderRules _rules;

    /// <summary>
    /// Each question's prompt, retry and buttons for a set of offered answers, built from the rules once: a walkthrough
    /// asks its question again after every free question. Shared by every turn, so never changed once built (a prompt
    /// is copied before it is sent, and the buttons are only read).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PromptOptions> _expanded = new(StringComparer.Ordinal);

    public CauseFinderPrompt(string dialogId, CauseFinderRules rules)
        : base(dialogId)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

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

    /// <summary>What to persist for the review: the question ids answered (the text is built from the progress when asked).</summary>
    public static PromptOptions ReviewOptionsFor(IEnumerable<string> answeredQuestionIds, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(answeredQuestionIds);
        return new PromptOptions
        {
            Validations = new Offered
            {
                Question = ReviewId,
                Options = [ConfirmId, .. answeredQuestionIds.Select(id => ChangePrefix + id)],
            },
            MaxAttempts = maxAttempts,
        };
    }

    /// <summary>The question and the offered answers a prompt's options name, or null for the review or when the rules no longer have them.</summary>
    public NextQuestion? Resolve(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var offered = OfferedOf(options);
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

    /// <summary>True when the options are the review's.</summary>
    public static bool IsReview(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OfferedOf(options) is { Question: ReviewId };
    }

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var expanded = Expand(options);
        var activity = AppendChoices(PickPrompt(expanded, isRetry), turnContext, expanded.Choices ?? [], expanded.Style ?? ListStyle.Auto);
        await SendPromptAsync(turnContext, activity, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<PromptRecognizerResult<WalkthroughAnswer>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = turnContext.Activity.AsMessageActivity()?.Text;
        var answer = IsReview(options) ? RecognizeReview(options, text) : RecognizeAnswer(options, text);
        return Task.FromResult(new PromptRecognizerResult<WalkthroughAnswer> { Succeeded = answer is not null, Value = answer });
    }

    private WalkthroughAnswer? RecognizeAnswer(PromptOptions options, string? text)
    {
        var next = Resolve(options)
            ?? throw new DialogStateException($"Prompt '{Id}' asks a question the walkthrough no longer has.");

        // Every question is read, answered ones too: the walkthrough decides what is new and what corrects.
        var reading = AnswerReader.Read(_rules, Empty, next, text, readAnswered: true);
        var asked = reading.Asked.ToList();
        if (asked.Count == 0 && TextTokens.Of(text).Count <= MaxWordsForChoiceRecognition)
        {
            // A button's position ("2", "de tweede") or its title with a small typo.
            var choices = next.Offered.Select(o => new Choice(o.Title) { Synonyms = [.. o.Synonyms] }).ToList();
            if (ChoiceRecognizers.RecognizeChoices(text, choices).FirstOrDefault()?.Resolution is { } found
                && found.Index >= 0 && found.Index < next.Offered.Count)
            {
                asked.Add(next.Offered[found.Index]);
            }
        }

        if (asked.Count == 0 && reading.Told.Count == 0)
        {
            // "Ja" to a question whose answers are the things themselves ("Gebruikt u een van deze medicijnen?"): which?
            var words = TextTokens.Of(text);
            return words.Count is > 0 and <= 2 && words.All(PlainYes.Contains) ? new WalkthroughAnswer { Which = true } : null;
        }

        return new WalkthroughAnswer
        {
            Asked = asked.Select(o => o.Id).ToList(),
            Told = reading.Told.ToDictionary(t => t.Question.Id, t => t.Options.Select(o => o.Id).ToList(), StringComparer.Ordinal),
            Correction = reading.Correction,
            Adds = reading.Adds,
        };
    }

    /// <summary>The review: "klopt", a button or "wijzig leeftijd" for one answer, or a new answer typed in full.</summary>
    private WalkthroughAnswer? RecognizeReview(PromptOptions options, string? text)
    {
        var offered = OfferedOf(options)!;
        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0)
        {
            return null;
        }

        var questions = offered.Options
            .Where(id => id.StartsWith(ChangePrefix, StringComparison.Ordinal))
            .Select(id => _rules.FindQuestion(id[ChangePrefix.Length..]))
            .OfType<Question>()
            .ToList();

        // A question named with a word to change it ("wijzig leeftijd", "leeftijd aanpassen"), or a button's title or position.
        if (tokens.Count <= 6)
        {
            var named = questions.Where(q => TextTokens.Of(q.Label).All(tokens.Contains)).ToList();
            if (named.Count == 1 && (tokens.Any(ChangeWords.Contains) || tokens.Count == TextTokens.Of(named[0].Label).Count))
            {
                return new WalkthroughAnswer { Change = named[0].Id };
            }

            if (tokens.Count <= MaxWordsForChoiceRecognition
                && ChoiceRecognizers.RecognizeChoices(text, ReviewChoices(questions)).FirstOrDefault()?.Resolution is { } found)
            {
                return found.Index == 0 ? new WalkthroughAnswer { Confirm = true } : new WalkthroughAnswer { Change = questions[found.Index - 1].Id };
            }
        }

        // A changed answer typed in full ("ik ben vegetariër"): every question is read.
        var reading = AnswerReader.Read(_rules, Empty, asked: null, text, readAnswered: true);
        if (reading.Told.Count > 0)
        {
            return new WalkthroughAnswer
            {
                Told = reading.Told.ToDictionary(t => t.Question.Id, t => t.Options.Select(o => o.Id).ToList(), StringComparer.Ordinal),
                Correction = true,
                Adds = reading.Adds,
            };
        }

        if (tokens.Count <= 6 && (tokens.All(ConfirmWords.Contains) || DutchConfirmRecognizer.Recognize(text) == true))
        {
            return new WalkthroughAnswer { Confirm = true };
        }

        return null;
    }

    private static readonly Dictionary<string, IReadOnlyCollection<string>> Empty = new(StringComparer.Ordinal);

    /// <summary>The review's buttons: show the result, then one per answer.</summary>
    private static List<Choice> ReviewChoices(IEnumerable<Question> questions) =>
        [new Choice(ConfirmTitle) { Synonyms = ["klopt", "toon de uitkomst"] }, .. questions.Select(q => new Choice("Wijzig " + Lower(q.Label)))];

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private PromptOptions Expand(PromptOptions options)
    {
        if (options.Prompt is not null)
        {
            return options;
        }

        if (IsReview(options))
        {
            var offered = OfferedOf(options)!;
            var questions = offered.Options
                .Where(id => id.StartsWith(ChangePrefix, StringComparison.Ordinal))
                .Select(id => _rules.FindQuestion(id[ChangePrefix.Length..]))
                .OfType<Question>()
                .ToList();
            return new PromptOptions
            {
                Prompt = (Activity)Replies.Text(ReviewQuestion),
                RetryPrompt = (Activity)Replies.Text(ReviewRetry),
                Choices = ReviewChoices(questions),
                Style = options.Style,
                Validations = options.Validations,
                MaxAttempts = options.MaxAttempts,
            };
        }

        var key = OfferedOf(options) is { } asked ? ExpandedKey(asked) : null;
        if (key is null || !_expanded.TryGetValue(key, out var built))
        {
            var next = Resolve(options)
                ?? throw new DialogStateException($"Prompt '{Id}' asks a question the walkthrough no longer has.");
            built = new PromptOptions
            {
                Prompt = (Activity)Replies.Text(next.Text),
                RetryPrompt = (Activity)Replies.Text(NotRecognised + " " + next.Text),
                Choices = next.Offered.Select(o => new Choice(o.Title) { Synonyms = [.. o.Synonyms] }).ToList(),
            };

            // Count locks the whole dictionary: asked only when a new prompt is built, which the rules keep rare.
            if (key is not null && _expanded.Count < MaxExpanded)
            {
                _expanded.TryAdd(key, built);
            }
        }

        return new PromptOptions
        {
            Prompt = built.Prompt,
            RetryPrompt = built.RetryPrompt,
            Choices = built.Choices,
            Style = options.Style,
            Validations = options.Validations,
            MaxAttempts = options.MaxAttempts,
        };
    }

    /// <summary>The question, whether it is the follow-up, and the offered answers, as one key.</summary>
    private static string ExpandedKey(Offered offered) =>
        string.Concat(offered.Question, offered.FollowUp ? "\n+\n" : "\n\n", string.Join('\n', offered.Options));

    /// <summary>
    /// The persisted offer, typed once and put back in the options (whose JSON stays the same), so that the check for
    /// the review, the question and its buttons do not read the stored JSON again each.
    /// </summary>
    /// <exception cref="DialogStateException">The stored offer has the wrong shape.</exception>
    private static Offered? OfferedOf(PromptOptions options)
    {
        if (options.Validations is Offered typed)
        {
            return typed;
        }

        var offered = (options.Validations is JObject loaded ? ReadPlainOffered(loaded) : null)
            ?? StateValue.To<Offered>(options.Validations);
        if (offered is not null)
        {
            options.Validations = offered;
        }

        return offered;
    }

    /// <summary>
    /// The offer read straight from its loaded JSON when it has the shape the serialiser writes (its three properties
    /// by their names, the options as strings), as the serialiser would read it; null for any other shape, which the
    /// serialiser reads, with its errors. Read at every turn of the walkthrough.
    /// </summary>
    internal static Offered? ReadPlainOffered(JObject loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var offered = new Offered();
        foreach (var property in loaded.Properties())
        {
            switch (property.Name, property.Value)
            {
                case (nameof(Offered.Question), JValue { Type: JTokenType.String, Value: string question }):
                    offered.Question = question;
                    break;
                case (nameof(Offered.FollowUp), JValue { Type: JTokenType.Boolean, Value: bool followUp }):
                    offered.FollowUp = followUp;
                    break;
                case (nameof(Offered.Options), JArray options):
                    var ids = new List<string>(options.Count);
                    foreach (var option in options)
                    {
                        if (option is not JValue { Type: JTokenType.String, Value: string id })
                        {
                            return null;
                        }

                        ids.Add(id);
                    }

                    offered.Options = ids;
                    break;
                default:
                    return null;
            }
        }

        return offered;
    }

    /// <summary>The review's question, after the list of answers.</summary>
    public const string ReviewQuestion = "Klopt dit? Dan laat ik zien welke oorzaken passen. Wilt u iets wijzigen, kies dan dat antwoord of typ bijvoorbeeld 'wijzig leeftijd'.";

    private const string ReviewRetry = "Dat herken ik niet. Kies 'Klopt, toon de uitkomst', of het antwoord dat u wilt wijzigen.";

    /// <summary>What a prompt offers, persisted with it: the question, whether it is the follow-up, the option ids.</summary>
    public sealed class Offered
    {
        public string Question { get; set; } = string.Empty;

        public bool FollowUp { get; set; }

        public List<string> Options { get; set; } = [];
    }
}

/// <summary>What the walkthrough's prompt recognised, as ids.</summary>
public sealed class WalkthroughAnswer
{
    /// <summary>The options chosen for the question asked (empty when the message answered only other questions).</summary>
    public List<string> Asked { get; set; } = [];

    /// <summary>Question id → options, for the other questions the message answered.</summary>
    public Dictionary<string, List<string>> Told { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The message says it corrects an earlier answer.</summary>
    public bool Correction { get; set; }

    /// <summary>The message adds to an earlier answer ("ook").</summary>
    public bool Adds { get; set; }

    /// <summary>At the review: show the result.</summary>
    public bool Confirm { get; set; }

    /// <summary>A plain "ja" to a question whose answers name things: the walkthrough asks which.</summary>
    public bool Which { get; set; }

    /// <summary>At the review: the id of the question whose answer is to be changed.</summary>
    public string? Change { get; set; }
}
