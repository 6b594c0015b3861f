using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace B12Bot.Dialogs.Choices;

/// <summary>
/// Finds which choice a Dutch answer means. In order: the whole answer equals a value, button title or synonym;
/// the whole answer is a position ("2", "de eerste", "nummer 3", "laatste"); the words of a synonym appear in
/// the answer; a position word appears in the answer; the words of a synonym appear with a small typing error.
/// Case, accents and punctuation are ignored. When an answer fits two choices equally, nothing is recognised.
/// </summary>
public static partial class ChoiceRecognizers
{
    private static readonly FrozenDictionary<string, int> Ordinals = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["eerste"] = 1, ["tweede"] = 2, ["derde"] = 3, ["vierde"] = 4, ["vijfde"] = 5,
        ["zesde"] = 6, ["zevende"] = 7, ["achtste"] = 8, ["negende"] = 9, ["tiende"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["een"] = 1, ["twee"] = 2, ["drie"] = 3, ["vier"] = 4, ["vijf"] = 5,
        ["zes"] = 6, ["zeven"] = 7, ["acht"] = 8, ["negen"] = 9, ["tien"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PositionNouns = FrozenSet.ToFrozenSet(
        ["nummer", "nr", "optie", "keuze", "antwoord", "mogelijkheid"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Filler = FrozenSet.ToFrozenSet(
        ["de", "het", "die", "graag", "maar", "dan", "ik", "kies", "neem", "doe", "geef", "wordt", "is", "mijn",
         "alsjeblieft", "alstublieft", "aub", "svp", "hoor", "toch", "maak", "er", "van", "voor", "mij"],
        StringComparer.Ordinal);

    private const string Last = "laatste";
    private const string SecondToLast = "voorlaatste";

    /// <summary>Recognises one of plain string choices.</summary>
    public static IList<ModelResult<FoundChoice>> RecognizeChoices(string? utterance, IList<string> choices, FindChoicesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return RecognizeChoices(utterance, choices.Select(c => new Choice(c)).ToList(), options);
    }

    /// <summary>Recognises one choice; the list is empty when nothing (or more than one choice) fits.</summary>
    public static IList<ModelResult<FoundChoice>> RecognizeChoices(string? utterance, IList<Choice> choices, FindChoicesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        options ??= new FindChoicesOptions();
        var tokens = DutchText.Tokenize(utterance);
        if (tokens.Count == 0 || choices.Count == 0 || utterance is null)
        {
            return [];
        }

        var terms = Terms(choices, options);
        var words = tokens.Select(t => t.Text).ToList();
        var whole = string.Join(' ', words);

        // 1. The whole answer is a value, title or synonym.
        var exact = terms.Where(t => string.Join(' ', t.Words) == whole).ToList();
        if (exact.Count > 0)
        {
            return exact.Select(t => t.ChoiceIndex).Distinct().Count() == 1
                ? [Result(utterance, tokens, 0, tokens.Count - 1, "value", choices, exact[0].ChoiceIndex, 1f, exact[0].Text)]
                : [];
        }

        // 2. The whole answer is a position.
        var position = WholeAnswerPosition(words, choices.Count, options);
        if (position is int wholeIndex)
        {
            return [Result(utterance, tokens, 0, tokens.Count - 1, PositionKind(words), choices, wholeIndex, 1f, whole)];
        }

        // 3. The words of a term appear in the answer, in order.
        var found = FindTerms(terms, words, options.MaxTokenDistance, typos: false);
        if (found.Count > 0)
        {
            return Decide(found, utterance, tokens, choices, "value");
        }

        // 4. A position word inside a sentence: "ik neem de tweede", "optie 3 graag".
        var inSentence = PositionsInSentence(words, choices.Count, options);
        if (inSentence.Count == 1)
        {
            var (index, at) = inSentence[0];
            return [Result(utterance, tokens, at, at, PositionKind([words[at]]), choices, index, 0.9f, words[at])];
        }

        if (inSentence.Count > 1)
        {
            return [];
        }

        // 5. The same with small typing errors.
        if (options.AllowTypos)
        {
            found = FindTerms(terms, words, options.MaxTokenDistance, typos: true);
            if (found.Count > 0)
            {
                return Decide(found, utterance, tokens, choices, "typo");
            }
        }

        return [];
    }

    private sealed record Term(int ChoiceIndex, string Text, string[] Words);

    private sealed record Match(Term Term, int Start, int End, int Typos);

    private static List<Term> Terms(IList<Choice> choices, FindChoicesOptions options)
    {
        var terms = new List<Term>();
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i] ?? throw new ArgumentException("A choice list holds a null entry.", nameof(choices));
            if (!options.NoValue)
            {
                Add(i, choice.Value);
            }

            if (!options.NoAction && !string.IsNullOrWhiteSpace(choice.Action?.Title))
            {
                Add(i, choice.Action.Title);
            }

            foreach (var synonym in choice.Synonyms ?? [])
            {
                Add(i, synonym);
            }
        }

        return terms;

        void Add(int index, string? text)
        {
            var words = DutchText.Tokenize(text).Select(t => t.Text).ToArray();
            if (words.Length > 0)
            {
                terms.Add(new Term(index, text!, words));
            }
        }
    }

    private static List<Match> FindTerms(List<Term> terms, List<string> words, int maxDistance, bool typos)
    {
        var matches = new List<Match>();
        foreach (var term in terms)
        {
            for (var start = 0; start < words.Count; start++)
            {
                var first = WordDistance(term.Words[0], words[start], typos);
                if (first < 0)
                {
                    continue;
                }

                var totalTypos = first;
                var at = start;
                var complete = true;
                for (var k = 1; k < term.Words.Length && complete; k++)
                {
                    complete = false;
                    for (var next = at + 1; next < words.Count && next <= at + 1 + maxDistance; next++)
                    {
                        var distance = WordDistance(term.Words[k], words[next], typos);
                        if (distance >= 0)
                        {
                            totalTypos += distance;
                            at = next;
                            complete = true;
                            break;
                        }
                    }
                }

                if (complete && (!typos || totalTypos > 0))
                {
                    matches.Add(new Match(term, start, at, totalTypos));
                    break;
                }
            }
        }

        return matches;
    }

    /// <summary>0 for equal words, the number of typos when allowed, -1 for no match.</summary>
    private static int WordDistance(string expected, string actual, bool typos)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return 0;
        }

        if (!typos)
        {
            return -1;
        }

        var allowed = DutchText.AllowedTypos(expected, actual);
        if (allowed == 0)
        {
            return -1;
        }

        var distance = DutchText.Distance(expected, actual, allowed);
        return distance <= allowed ? distance : -1;
    }

    /// <summary>
    /// A match inside a longer match of another choice (more words, covering it) loses: "niet vegan" beats
    /// "vegan". What remains must point to one choice; otherwise the answer is ambiguous.
    /// </summary>
    private static IList<ModelResult<FoundChoice>> Decide(List<Match> found, string utterance, IReadOnlyList<DutchText.Token> tokens, IList<Choice> choices, string kind)
    {
        var kept = found.Where(m => !found.Any(o =>
                o.Term.ChoiceIndex != m.Term.ChoiceIndex
                && o.Start <= m.Start && o.End >= m.End
                && (o.Term.Words.Length > m.Term.Words.Length
                    || (o.Term.Words.Length == m.Term.Words.Length && o.Typos < m.Typos))))
            .ToList();
        var chosen = kept.Select(m => m.Term.ChoiceIndex).Distinct().ToList();
        if (chosen.Count != 1)
        {
            return [];
        }

        var best = kept.Where(m => m.Term.ChoiceIndex == chosen[0])
            .OrderByDescending(m => m.Term.Words.Length)
            .ThenBy(m => m.Typos)
            .First();
        var covered = best.End - best.Start + 1;
        var score = (float)best.Term.Words.Length / Math.Max(tokens.Count, covered) * (best.Typos > 0 ? 0.8f : 1f);
        return [Result(utterance, tokens, best.Start, best.End, kind, choices, chosen[0], score, best.Term.Text)];
    }

    private static int? WholeAnswerPosition(List<string> words, int count, FindChoicesOptions options)
    {
        var rest = string.Join(' ', words).Replace("een na laatste", SecondToLast, StringComparison.Ordinal)
            .Split(' ')
            .Where(w => !Filler.Contains(w))
            .ToList();
        if (rest.Count == 2 && PositionNouns.Contains(rest[0]))
        {
            rest.RemoveAt(0);
        }

        if (rest.Count != 1)
        {
            return null;
        }

        return Position(rest[0], count, options, allowNumbers: true);
    }

    private static List<(int Index, int At)> PositionsInSentence(List<string> words, int count, FindChoicesOptions options)
    {
        var positions = new List<(int Index, int At)>();
        for (var i = 0; i < words.Count; i++)
        {
            var afterNoun = i > 0 && PositionNouns.Contains(words[i - 1]);
            if (Position(words[i], count, options, allowNumbers: afterNoun) is int index)
            {
                positions.Add((index, i));
            }
        }

        return positions.DistinctBy(p => p.Index).ToList();
    }

    /// <summary>Zero-based index for a position word, or null.</summary>
    private static int? Position(string word, int count, FindChoicesOptions options, bool allowNumbers)
    {
        int? oneBased = null;
        if (options.RecognizeOrdinals)
        {
            if (Ordinals.TryGetValue(word, out var ordinal))
            {
                oneBased = ordinal;
            }
            else if (word == Last)
            {
                oneBased = count;
            }
            else if (word == SecondToLast)
            {
                oneBased = count - 1;
            }
            else if (NumericOrdinal().Match(word) is { Success: true } numeric)
            {
                oneBased = ParseSmall(numeric.Groups[1].Value);
            }
        }

        if (oneBased is null && options.RecognizeNumbers && allowNumbers)
        {
            if (NumberWords.TryGetValue(word, out var number))
            {
                oneBased = number;
            }
            else if (Digits().IsMatch(word))
            {
                oneBased = ParseSmall(word);
            }
        }

        return oneBased is int n && n >= 1 && n <= count ? n - 1 : null;
    }

    private static int? ParseSmall(string digits)
    {
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string PositionKind(IReadOnlyList<string> words)
    {
        return words.Any(w => Digits().IsMatch(w) || NumberWords.ContainsKey(w)) ? "number" : "ordinal";
    }

    private static ModelResult<FoundChoice> Result(string utterance, IReadOnlyList<DutchText.Token> tokens, int first, int last, string kind, IList<Choice> choices, int index, float score, string synonym)
    {
        var start = tokens[first].Start;
        var end = tokens[last].End;
        return new ModelResult<FoundChoice>
        {
            Start = start,
            End = end,
            Text = utterance[start..(end + 1)],
            TypeName = kind,
            Resolution = new FoundChoice { Value = choices[index].Value, Index = index, Score = Math.Min(1f, score), Synonym = synonym },
        };
    }

    [GeneratedRegex("^([0-9]{1,2})(e|ste|de)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericOrdinal();

    [GeneratedRegex("^[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
