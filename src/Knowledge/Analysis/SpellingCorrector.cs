namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// Typo tolerance with care for precision. A word is corrected only when nothing knows it: not the knowledge,
/// not the lexicon (synonyms, known ordinary words, stop words), not as a stem of an indexed word and not as a
/// compound of known parts. Then it becomes the nearest knowledge word that starts with the same letter, within
/// one edit (two for words of nine letters or more; a swap of neighbours is one edit, and so is a spelling that sounds
/// the same in Dutch: "evenwigt" for "evenwicht"), the most frequent one on a tie. A word of five letters is corrected
/// only when the general Dutch vocabulary does not know it ("risco" for "risico", but "kaart" stays); shorter words
/// (too many ordinary words are one letter away from one of ours) and words with digits are never touched.
/// Immutable and thread-safe.
/// </summary>
internal sealed class SpellingCorrector
{
    private const int MinLength = 6;

    /// <summary>From this length a word the general vocabulary does not know may be a typo too (none without a vocabulary).</summary>
    private const int ShortLength = 5;
    private const int LongWord = 9;

    /// <summary>From this length a real Dutch word is taken as written, not as a typo of a knowledge word.</summary>
    public const int RealWordLength = 7;

    private readonly HashSet<string> known;
    private readonly IReadOnlySet<string> knownStems;
    private readonly CompoundSplitter splitter;
    private readonly Func<string, bool> isRealWord;
    private readonly bool hasVocabulary;
    private readonly Dictionary<char, Candidate[]> candidatesByFirstLetter;

    /// <param name="targets">Words of the knowledge a typo may be corrected to, with how often they occur.</param>
    /// <param name="known">Every word that is fine as it is.</param>
    /// <param name="knownStems">The indexed terms (stems).</param>
    /// <param name="splitter">Compounds of known parts are fine as they are.</param>
    /// <param name="isRealWord">
    /// Whether a word is a word of the general Dutch vocabulary: such a word of <see cref="RealWordLength"/> letters or
    /// more is fine as it is ("verdenking" is no typo of "verwerking"); null: none is.
    /// </param>
    public SpellingCorrector(IReadOnlyDictionary<string, int> targets, IEnumerable<string> known, IReadOnlySet<string> knownStems, CompoundSplitter splitter, Func<string, bool>? isRealWord = null)
    {
        this.isRealWord = isRealWord ?? (_ => false);
        hasVocabulary = isRealWord is not null;
        this.known = new HashSet<string>(known, StringComparer.Ordinal);
        this.known.UnionWith(targets.Keys);
        this.knownStems = knownStems;
        this.splitter = splitter;
        candidatesByFirstLetter = targets
            .Where(t => t.Key.Length >= ShortLength && t.Key.All(char.IsLetter))
            .GroupBy(t => t.Key[0])
            .ToDictionary(g => g.Key, g => g.Select(t => new Candidate(t.Key, SoundKey(t.Key), t.Value)).OrderBy(c => c.Word.Length).ToArray());
    }

    /// <summary>The correction of <paramref name="word"/> (lower case, folded), or null when it stays as it is.</summary>
    /// <param name="word">The word as the user typed it, lower case and folded.</param>
    /// <param name="stem">The analysis' stemmer (not thread-safe: each caller brings its own).</param>
    public string? Correct(string word, Func<string, string> stem)
    {
        if (word.Length < ShortLength || known.Contains(word) || !word.All(char.IsLetter))
        {
            return null;
        }

        if (word.Length < MinLength && (!hasVocabulary || isRealWord(word)))
        {
            return null;
        }

        if (knownStems.Contains(stem(word)) || splitter.Split(word).Count > 0 || (word.Length >= RealWordLength && isRealWord(word)))
        {
            return null;
        }

        if (!candidatesByFirstLetter.TryGetValue(word[0], out var candidates))
        {
            return null;
        }

        var maxEdits = word.Length >= LongWord ? 2 : 1;
        var sound = SoundKey(word);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestCount = 0;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Word.Length - word.Length) > maxEdits)
            {
                continue;
            }

            var limit = Math.Min(maxEdits, bestDistance);
            var distance = EditDistance(word, candidate.Word, limit);
            if (distance > 1)
            {
                // The same sounds spelled another way count as one edit.
                distance = Math.Min(distance, Math.Max(1, EditDistance(sound, candidate.Sound, limit)));
            }

            if (distance < bestDistance || (distance == bestDistance && candidate.Count > bestCount))
            {
                best = candidate.Word;
                bestDistance = distance;
                bestCount = candidate.Count;
            }
        }

        return bestDistance <= maxEdits ? best : null;
    }

    /// <summary>Optimal string alignment distance (insert, delete, substitute, swap neighbours); above <paramref name="limit"/> it returns limit + 1.</summary>
    internal static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    /// <summary>
    /// A word as it sounds in Dutch, for comparing spellings: ch and g, ij and ei, ou and au, dt and t, ph and f, th
    /// and t, c before e or i and s, another c and k are written the same.
    /// </summary>
    internal static string SoundKey(string word)
    {
        var key = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c)
            {
                case 'c' when next == 'h':
                    key.Append('g');
                    i++;
                    break;
                case 'c':
                    key.Append(next is 'e' or 'i' ? 's' : 'k');
                    break;
                case 'i' when next == 'j':
                    key.Append("ei");
                    i++;
                    break;
                case 'a' when next == 'u':
                    key.Append("ou");
                    i++;
                    break;
                case 'd' when next == 't':
                    key.Append('t');
                    i++;
                    break;
                case 'p' when next == 'h':
                    key.Append('f');
                    i++;
                    break;
                case 't' when next == 'h':
                    key.Append('t');
                    i++;
                    break;
                default:
                    key.Append(c);
                    break;
            }
        }

        return key.ToString();
    }

    private readonly record struct Candidate(string Word, string Sound, int Count);
}
