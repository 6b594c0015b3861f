using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Dialogs;

/// <summary>
/// Recognises a request to start the guided cause-finder: an explicit one ("start de vragenlijst",
/// "help me de oorzaak vinden") or a personal why-question about one's own low B12 ("waarom is mijn b12
/// laag", "waardoor heb ik een B12-tekort?"). A general question ("wat is de belangrijkste oorzaak van
/// B12-tekort?") is not a start request: the answerer answers it.
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
            "doorloop de vragen", "vragen doorlopen", "oorzaak van mijn tekort", "oorzaak van mijn lage",
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

    public static bool IsStartRequest(string? text)
    {
        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0)
        {
            return false;
        }

        if (Explicit.Any(phrase => TextTokens.ContainsSequence(tokens, phrase)))
        {
            return true;
        }

        var aboutB12 = tokens.Any(t => t.StartsWith("b12", StringComparison.Ordinal) || t is "cobalamine")
            || TextTokens.ContainsSequence(tokens, ["b", "12"]);
        return aboutB12
            && (tokens.Any(AskWhy.Contains) || HowCome.Any(phrase => TextTokens.ContainsSequence(tokens, phrase)))
            && tokens.Any(Personal.Contains)
            && tokens.Any(t => Low.Contains(t) || t.EndsWith("tekort", StringComparison.Ordinal));
    }
}
