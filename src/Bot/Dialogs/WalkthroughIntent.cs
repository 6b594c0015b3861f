using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Dialogs;

/// <summary>How a message asks for the walkthrough.</summary>
public enum WalkthroughRequest
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>A request for help finding the cause ("help me de oorzaak vinden", "kun je mij helpen uitzoeken waarom …"): the walkthrough is the answer.</summary>
    Help,

    /// <summary>A personal why-question ("waarom is mijn b12 laag?"): the article answers it too, then the walkthrough follows.</summary>
    Why,
}

/// <summary>
/// Recognises a request to start the guided cause-finder: a request for help ("start de vragenlijst", "help me de
/// oorzaak vinden", "kun je mij helpen uitzoeken waarom mijn B12 laag is?") or a personal why-question about one's
/// own low B12 ("waarom is mijn b12 laag", "waardoor heb ik een B12-tekort?", "mijn B12 is te laag, hoe kan dat?").
/// A general question ("wat is de belangrijkste oorzaak van B12-tekort?") is not a start request: the answerer
/// answers it.
/// </summary>
public static class WalkthroughIntent
{
    /// <summary>The text of the start button (welcome card, suggestions); it is itself a start request.</summary>
    public const string StartButtonText = B12Bot.Cards.Replies.StartWalkthrough;

    /// <summary>Phrases that always start the walkthrough.</summary>
    private static readonly IReadOnlyList<IReadOnlyList<string>> Explicit =
    [
        .. new[]
        {
            "vragenlijst", "oorzaakzoeker", "oorzaak vinden", "oorzaak zoeken", "oorzaken zoeken", "oorzaak opsporen",
            "oorzaak achterhalen", "oorzaak uitzoeken", "oorzaken vinden", "oorzaak te vinden", "oorzaak te zoeken",
            "doorloop de vragen", "vragen doorlopen",
        }.Select(TextTokens.Of),
    ];

    private static readonly HashSet<string> AskWhy = new(StringComparer.Ordinal)
    {
        "waarom", "waardoor", "oorzaak", "oorzaken", "komt", "vandaan", "uitzoeken", "achterhalen", "verklaring", "verklaren",
    };

    /// <summary>"Hoe kan dat?" after a sentence about one's own low B12 asks why too.</summary>
    private static readonly IReadOnlyList<IReadOnlyList<string>> HowCome =
        [.. new[] { "hoe kan dat", "hoe kan het", "hoe komt dat", "hoe komt het" }.Select(TextTokens.Of)];

    private static readonly HashSet<string> Personal = new(StringComparer.Ordinal) { "mijn", "ik", "me", "mij", "m" };

    private static readonly HashSet<string> Low = new(StringComparer.Ordinal) { "laag", "lage", "tekort", "weinig", "gedaald", "daalt", "omlaag" };

    /// <summary>Words that ask for help rather than for an explanation.</summary>
    private static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal)
    {
        "help", "helpen", "hulp", "uitzoeken", "achterhalen", "opsporen", "zoeken", "vinden", "samen", "meedenken", "kijken",
    };

    public static bool IsStartRequest(string? text) => Classify(text) != WalkthroughRequest.None;

    /// <summary>How <paramref name="text"/> asks for the walkthrough, if it does.</summary>
    public static WalkthroughRequest Classify(string? text)
    {
        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0)
        {
            return WalkthroughRequest.None;
        }

        if (Explicit.Any(phrase => TextTokens.ContainsSequence(tokens, phrase)))
        {
            return WalkthroughRequest.Help;
        }

        if (!IsPersonalWhy(tokens))
        {
            return WalkthroughRequest.None;
        }

        return tokens.Any(HelpWords.Contains) ? WalkthroughRequest.Help : WalkthroughRequest.Why;
    }

    /// <summary>
    /// True for a sentence about one's own low B12 that asks nothing ("mijn B12 is te laag, ik ben 67 en eet geen
    /// vlees"): told with facts the walkthrough can use, it starts the walkthrough.
    /// </summary>
    public static bool TellsOwnLowB12(string? text)
    {
        var tokens = TextTokens.Of(text);
        return tokens.Count > 0 && AboutOwnLowB12(tokens) && !Interruption.LooksLikeQuestion(text);
    }

    private static bool AboutOwnLowB12(IReadOnlyList<string> tokens)
    {
        var aboutB12 = tokens.Any(t => t.StartsWith("b12", StringComparison.Ordinal) || t is "cobalamine")
            || TextTokens.ContainsSequence(tokens, ["b", "12"])
            || TextTokens.ContainsSequence(tokens, ["mijn", "tekort"]);
        return aboutB12
            && tokens.Any(Personal.Contains)
            && tokens.Any(t => Low.Contains(t) || t.EndsWith("tekort", StringComparison.Ordinal));
    }

    private static bool IsPersonalWhy(IReadOnlyList<string> tokens)
    {
        // In this bot "mijn tekort" is the B12 deficiency.
        var aboutB12 = tokens.Any(t => t.StartsWith("b12", StringComparison.Ordinal) || t is "cobalamine")
            || TextTokens.ContainsSequence(tokens, ["b", "12"])
            || TextTokens.ContainsSequence(tokens, ["mijn", "tekort"]);
        return aboutB12
            && (tokens.Any(AskWhy.Contains) || HowCome.Any(phrase => TextTokens.ContainsSequence(tokens, phrase)))
            && tokens.Any(Personal.Contains)
            && tokens.Any(t => Low.Contains(t) || t.EndsWith("tekort", StringComparison.Ordinal));
    }
}
