using B12Bot.Knowledge.Safety;
using System.Collections.Concurrent;
using System.Text;

namespace B12Bot.Knowledge.CauseFinder;

/// <summary>
/// Splits text into lower-case words without accents ("Vegetariër!" → "vegetarier"), so that answers,
/// synonyms and red-flag phrases compare on words. Letters, digits and '+' ("65+") make up a word.
/// </summary>
public static class TextTokens
{
    /// <summary>Words that negate what follows them ("geen omeprazol", "niet verward").</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "geen", "niet", "nooit", "zonder", "niks" };

    /// <summary>How many words may stand between two words of a phrase ("weet het niet" for "weet niet").</summary>
    internal const int MaxSkipped = 2;

    public static IReadOnlyList<string> Of(string? text) => OfClauses(text).Tokens;

    /// <summary>Words that open a new part of a sentence, as a comma does ("ik eet alles maar slik …").</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal) { "maar", "behalve", "en", "want", "omdat" };

    /// <summary>
    /// The words of a text and, for each word, the number of the part of the sentence it is in: a new part begins
    /// at '.', ',', ';', ':', '!', '?' and at "maar", "behalve", "en", "want" and "omdat" (which belong to the new part).
    /// </summary>
    public static (IReadOnlyList<string> Tokens, IReadOnlyList<int> Clauses) OfClauses(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], []);
        }

        var tokens = new List<string>();
        var clauses = new List<int>();
        var clause = 0;
        var current = new StringBuilder();
        foreach (var c in UserText.Fold(text))
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                current.Append(c);
                continue;
            }

            clause = Flush(current, tokens, clauses, clause);
            if (c is '.' or ',' or ';' or ':' or '!' or '?')
            {
                clause++;
            }
        }

        Flush(current, tokens, clauses, clause);
        return (tokens, clauses);
    }

    private static int Flush(StringBuilder current, List<string> tokens, List<int> clauses, int clause)
    {
        if (current.Length == 0)
        {
            return clause;
        }

        var token = current.ToString();
        current.Clear();
        if (ClauseWords.Contains(token) && tokens.Count > 0)
        {
            clause++;
        }

        tokens.Add(token);
        clauses.Add(clause);
        return clause;
    }

    /// <summary>Phrases of the walkthrough's rules are few and fixed: each is split once.</summary>
    private const int MaxCachedPhrases = 4096;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> PhraseTokens = new(StringComparer.Ordinal);

    /// <summary>
    /// The words of a phrase from the walkthrough's rules (an option's title or synonym), split once and then
    /// reused: matching an answer compares the typed words with every phrase of every offered option.
    /// </summary>
    public static IReadOnlyList<string> OfPhrase(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        if (PhraseTokens.TryGetValue(phrase, out var tokens))
        {
            return tokens;
        }

        tokens = Of(phrase).ToArray();
        if (PhraseTokens.Count < MaxCachedPhrases)
        {
            PhraseTokens.TryAdd(phrase, tokens);
        }

        return tokens;
    }

    public static bool IsNegation(string token) => Negations.Contains(token);

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["tien"] = 10, ["elf"] = 11, ["twaalf"] = 12, ["dertien"] = 13, ["veertien"] = 14, ["vijftien"] = 15, ["zestien"] = 16,
        ["zeventien"] = 17, ["achttien"] = 18, ["negentien"] = 19, ["twintig"] = 20, ["dertig"] = 30, ["veertig"] = 40,
        ["vijftig"] = 50, ["zestig"] = 60, ["zeventig"] = 70, ["tachtig"] = 80, ["negentig"] = 90, ["honderd"] = 100,
    };

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["een"] = 1, ["twee"] = 2, ["drie"] = 3, ["vier"] = 4, ["vijf"] = 5, ["zes"] = 6, ["zeven"] = 7, ["acht"] = 8, ["negen"] = 9,
    };

    /// <summary>
    /// A whole number a word stands for: digits ("72", "80+"), or a Dutch number word from ten to a hundred
    /// ("zeventig", "vijfenzestig", "tweeenzeventig" as "tweeënzeventig" folds).
    /// </summary>
    public static bool TryNumber(string token, out int number)
    {
        ArgumentNullException.ThrowIfNull(token);
        var digits = token.EndsWith('+') ? token[..^1] : token;
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (NumberWords.TryGetValue(token, out number))
        {
            return true;
        }

        foreach (var (unit, ones) in Units)
        {
            var prefix = unit + "en";
            if (token.StartsWith(prefix, StringComparison.Ordinal)
                && NumberWords.TryGetValue(token[prefix.Length..], out var tens) && tens is >= 20 and <= 90 && tens % 10 == 0)
            {
                number = tens + ones;
                return true;
            }
        }

        number = 0;
        return false;
    }

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="tokens"/> and is not negated.</summary>
    public static bool ContainsSequence(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase) =>
        FindAll(tokens, phrase).Any();

    /// <summary>
    /// Every occurrence of the phrase's words in order, with at most <see cref="MaxSkipped"/> other words
    /// between two of them (never a negation), and not negated by one of the two words before it
    /// (unless the phrase itself starts with a negation, like "geen vlees").
    /// </summary>
    public static IEnumerable<(int Start, int End)> FindAll(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0)
        {
            yield break;
        }

        for (var start = 0; start < tokens.Count; start++)
        {
            if (!string.Equals(tokens[start], phrase[0], StringComparison.Ordinal))
            {
                continue;
            }

            var end = MatchRest(tokens, phrase, start);
            if (end < 0)
            {
                continue;
            }

            if (!IsNegation(phrase[0]) && IsNegatedAt(tokens, start))
            {
                continue;
            }

            yield return (start, end);
        }
    }

    private static int MatchRest(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase, int start)
    {
        var position = start;
        for (var i = 1; i < phrase.Count; i++)
        {
            var found = -1;
            for (var next = position + 1; next < tokens.Count && next <= position + 1 + MaxSkipped; next++)
            {
                if (string.Equals(tokens[next], phrase[i], StringComparison.Ordinal))
                {
                    found = next;
                    break;
                }

                if (IsNegation(tokens[next]))
                {
                    break;
                }
            }

            if (found < 0)
            {
                return -1;
            }

            position = found;
        }

        return position;
    }

    private static bool IsNegatedAt(IReadOnlyList<string> tokens, int start)
    {
        for (var before = start - 1; before >= 0 && before >= start - 2; before--)
        {
            if (IsNegation(tokens[before]))
            {
                return true;
            }
        }

        return false;
    }
}
