using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Dialogs;

/// <summary>What a message asks of a dialog besides answering its question.</summary>
public enum InterruptionKind
{
    /// <summary>Not a command: the message goes to the dialog.</summary>
    None,

    /// <summary>"stop", "annuleer", "stoppen": end politely.</summary>
    Cancel,

    /// <summary>"terug", "vorige vraag": back one question, keeping earlier answers.</summary>
    Back,

    /// <summary>"help", "uitleg": explain and ask the same question again.</summary>
    Help,

    /// <summary>"opnieuw", "begin opnieuw": start over.</summary>
    Restart,
}

/// <summary>
/// Recognises the short commands that work anywhere in a walkthrough. A command is a message made of a
/// command word and at most some filler ("ik wil stoppen", "terug naar de vorige vraag"); a sentence with
/// more in it ("stoppen met omeprazol?") is not a command.
/// </summary>
public static class Interruption
{
    private static readonly Dictionary<string, InterruptionKind> Words = new(StringComparer.Ordinal)
    {
        ["stop"] = InterruptionKind.Cancel,
        ["stoppen"] = InterruptionKind.Cancel,
        ["annuleer"] = InterruptionKind.Cancel,
        ["annuleren"] = InterruptionKind.Cancel,
        ["afbreken"] = InterruptionKind.Cancel,
        ["ophouden"] = InterruptionKind.Cancel,
        ["cancel"] = InterruptionKind.Cancel,
        ["terug"] = InterruptionKind.Back,
        ["vorige"] = InterruptionKind.Back,
        ["help"] = InterruptionKind.Help,
        ["hulp"] = InterruptionKind.Help,
        ["uitleg"] = InterruptionKind.Help,
        ["opnieuw"] = InterruptionKind.Restart,
        ["herstart"] = InterruptionKind.Restart,
        ["overnieuw"] = InterruptionKind.Restart,
    };

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "ik", "wil", "graag", "de", "het", "een", "met", "naar", "vraag", "vragen", "vragenlijst", "alsjeblieft", "aub",
        "a", "u", "b", "even", "nu", "maar", "dan", "ga", "gaan", "we", "beginnen", "begin", "starten", "weer",
        "van", "voren", "af", "aan", "nodig", "hier", "mee", "please", "s", "v", "p", "svp", "kunt", "kun",
        "je", "mij", "me", "helpen", "wat", "moet", "doen", "heb", "nee", "oke", "ok", "hallo", "sorry",
    };

    public static InterruptionKind Recognize(string? text)
    {
        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0 || tokens.Count > 6)
        {
            return InterruptionKind.None;
        }

        var kinds = tokens.Where(Words.ContainsKey).Select(t => Words[t]).Distinct().ToList();
        if (kinds.Count != 1)
        {
            return InterruptionKind.None;
        }

        return tokens.All(t => Words.ContainsKey(t) || Filler.Contains(t)) ? kinds[0] : InterruptionKind.None;
    }

    /// <summary>Question words that open a question ("wat is …", "hoe …").</summary>
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "wat", "wie", "waarom", "hoe", "welke", "welk", "wanneer", "waar", "waardoor", "waarvoor", "waarmee", "hoeveel", "hoelang",
    };

    /// <summary>Verbs that open a yes/no question ("is metformine …", "kan ik …").</summary>
    private static readonly HashSet<string> QuestionVerbs = new(StringComparer.Ordinal)
    {
        "is", "zijn", "kan", "kun", "kunt", "mag", "moet", "moeten", "heeft", "hebben", "helpt", "helpen", "geeft",
        "wordt", "worden", "zit", "zitten", "betekent", "veroorzaakt", "leidt", "bestaat", "krijg", "krijgt",
    };

    /// <summary>True when the text opens with a question word ("wat", "hoe", "waarom" …).</summary>
    public static bool StartsWithQuestionWord(string? text)
    {
        var tokens = TextTokens.Of(text);
        return tokens.Count > 0 && QuestionWords.Contains(tokens[0]);
    }

    /// <summary>True when a question word stands anywhere in the text ("mijn b12 is laag, wat kan ik eten").</summary>
    public static bool HasQuestionWord(string? text) => TextTokens.Of(text).Any(QuestionWords.Contains);

    /// <summary>True when the text reads as a question (ends with "?" or opens with a question word or verb).</summary>
    public static bool LooksLikeQuestion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var tokens = TextTokens.Of(text);
        if (tokens.Count == 0)
        {
            return false;
        }

        return text.TrimEnd().EndsWith('?') || QuestionWords.Contains(tokens[0]) || (tokens.Count > 1 && QuestionVerbs.Contains(tokens[0]));
    }
}
