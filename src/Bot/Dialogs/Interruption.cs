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

    /// <summary>
    /// Whether a clause is a yes/no question without its question mark: Dutch puts the verb before its subject
    /// ("daalt mijn b12 daardoor", "heb ik meer kans", "loop ik risico", "kom ik dan tekort"), and a conditional verb
    /// opens one in a told story ("zou dat …", "kon het …"); within the clause, a verb that asks followed by its subject
    /// ("… mn pintjes kan da mn b12 omlaag halen"). A clause that opens with a word that puts the verb before the
    /// subject in a statement too ("soms heb ik …", "dan ben ik …") or with the person ("ik …") is no question.
    /// </summary>
    public static bool AsksYesOrNo(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return false;
        }

        if (ConditionalOpeners.Contains(words[0]))
        {
            return true;
        }

        if (words.Count >= 3 && Subjects.Contains(words[1]) && !NoVerbs.Contains(words[0]) && !Subjects.Contains(words[0]) && !words[0].Any(char.IsDigit))
        {
            return true;
        }

        for (var i = 1; i + 2 < words.Count; i++)
        {
            if (AskingVerbs.Contains(words[i]) && Subjects.Contains(words[i + 1]) && !NoVerbs.Contains(words[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Conditional verbs that open a question in a told story ("zou dat …", "kon het …").</summary>
    private static readonly HashSet<string> ConditionalOpeners = new(StringComparer.Ordinal) { "zou", "zouden", "kon", "konden" };

    /// <summary>Who or what a question's verb is about ("da" and "ge" as Flemish writes them).</summary>
    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal)
    {
        "ik", "je", "jij", "u", "ge", "gij", "mijn", "mn", "me", "ze", "zij", "hij", "we", "wij", "het", "dat", "da", "die",
        "dit", "er", "men", "uw", "ons", "onze", "jullie", "hun",
    };

    /// <summary>
    /// Verbs that ask when their subject follows them within a clause: those that open a question
    /// (<see cref="QuestionVerbs"/>) and those of a told story's question ("heb ik", "loop ik", "daalt mijn").
    /// </summary>
    private static readonly HashSet<string> AskingVerbs = new(
        QuestionVerbs.Concat(["kunnen", "heb", "mogen", "loop", "loopt", "lopen", "krijgen", "gaat", "gaan", "komt", "kom", "daalt", "zakt"]),
        StringComparer.Ordinal);

    /// <summary>
    /// Words a statement may open with before its verb and subject ("soms heb ik …"), words that are no verb, and
    /// verbs whose inversion tells rather than asks ("denk ik", "weet ik niet").
    /// </summary>
    private static readonly HashSet<string> NoVerbs = new(StringComparer.Ordinal)
    {
        "soms", "dan", "nu", "daarom", "daardoor", "daarna", "toen", "vaak", "altijd", "al", "nog", "ook", "sinds",
        "sindsdien", "gisteren", "vandaag", "morgen", "eerst", "later", "vroeger", "hier", "daar", "zo", "dus", "maar",
        "en", "of", "want", "omdat", "als", "toch", "volgens", "bij", "in", "op", "na", "voor", "met", "door", "tot", "uit",
        "over", "tegen", "zonder", "onder", "tijdens", "tegenwoordig", "meestal", "elke", "elk", "iedere", "net", "pas",
        "misschien", "echt", "gelukkig", "helaas", "wel", "niet", "nooit", "thuis", "verder", "bovendien", "eigenlijk",
        "sowieso", "trouwens", "inmiddels", "intussen", "ondertussen", "binnenkort", "overdag", "laatst", "onlangs",
        "de", "een", "deze", "ja", "nee", "oke", "ok", "denk", "vind", "hoop", "weet", "zeg", "zegt", "zei", "dacht",
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
