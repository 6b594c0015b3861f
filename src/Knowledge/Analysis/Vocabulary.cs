using System.IO.Compression;
using System.Text;

namespace B12Bot.Knowledge.Analysis;

/// <summary>
/// A general Dutch word list (OpenTaal's, as Debian's wdutch ships it; see knowledge/vocabulary-nl.LICENSE): tells a
/// real Dutch word the knowledge does not know ("migraine", "lachgas") from a typo or chat word ("tekord", "efkes").
/// The words are stored folded as our analysis folds them (lower case, no accents), sorted by ordinal, one a line, in
/// a gzip file; they are kept as one block of bytes with line offsets and looked up by binary search, so the list
/// costs a few megabytes and no string per word. Read once; thread-safe.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>The file beside faq.json.</summary>
    public const string FileName = "vocabulary-nl.txt.gz";

    private const int MinCompoundPart = 3;

    private readonly byte[] words;
    private readonly int[] starts;

    private Vocabulary(byte[] words, int[] starts)
    {
        this.words = words;
        this.starts = starts;
    }

    /// <summary>No words: every word is unknown (a knowledge without the file).</summary>
    public static Vocabulary Empty { get; } = new([], [0]);

    public int Count => starts.Length - 1;

    /// <summary>
    /// Reads the gzip file, once per process for the same content (every host and test that loads the knowledge, and
    /// every copy of the knowledge folder, shares it); the lines must be sorted by ordinal (the tool that writes it
    /// sorts them).
    /// </summary>
    public static Vocabulary Load(string path)
    {
        var compressed = File.ReadAllBytes(path);
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(compressed));
        lock (Loaded)
        {
            if (Loaded.TryGetValue(key, out var known))
            {
                return known;
            }
        }

        var vocabulary = Inflate(compressed, path);
        lock (Loaded)
        {
            Loaded.TryAdd(key, vocabulary);
            return Loaded[key];
        }
    }

    private static readonly Dictionary<string, Vocabulary> Loaded = new(StringComparer.Ordinal);

    /// <summary>Reads the gzip file without the per-process cache.</summary>
    internal static Vocabulary ReadFile(string path) => Inflate(File.ReadAllBytes(path), path);

    private static Vocabulary Inflate(byte[] compressed, string path)
    {
        // A gzip file ends with the length of its text (modulo 4 GiB; the list is a few megabytes): the text is read
        // into one array of that size, with no growing buffer and no copy.
        var size = compressed.Length >= 4 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(compressed.AsSpan(^4)) : -1;
        if (size < 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a word list of a few megabytes.");
        }

        using var gzip = new GZipStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        var text = new byte[size];
        gzip.ReadExactly(text);
        if (gzip.Read(stackalloc byte[1]) != 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: the text is longer than the file says.");
        }

        return FromBytes(text);
    }

    /// <summary>From the words one a line (sorted by ordinal, as bytes), as the file holds them.</summary>
    public static Vocabulary FromBytes(byte[] text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = new List<int>(text.AsSpan().Count((byte)'\n') + 2) { 0 };
        for (var i = text.AsSpan().IndexOf((byte)'\n'); i >= 0;)
        {
            starts.Add(i + 1);
            var next = text.AsSpan(i + 1).IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        if (starts[^1] != text.Length)
        {
            starts.Add(text.Length + 1); // no final newline: the last word ends at the end
        }

        return new Vocabulary(text, [.. starts]);
    }

    /// <summary>Writes words (folded already) as the file holds them: distinct, sorted by ordinal, gzip.</summary>
    public static void Write(string path, IEnumerable<string> folded)
    {
        var sorted = folded.Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        var bytes = Encoding.ASCII.GetBytes(string.Concat(sorted.Select(w => w + "\n")));
        gzip.Write(bytes);
    }

    /// <summary>Whether <paramref name="word"/> (folded: lower case, ASCII letters) is a Dutch word.</summary>
    public bool Contains(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > 64)
        {
            return false;
        }

        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var compared = Compare(middle, word);
            if (compared == 0)
            {
                return true;
            }

            if (compared < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the word is a Dutch word or two joined ("lachgasgebruik" = lachgas + gebruik, with a linking s or e
    /// allowed: "schildkliermedicatie"); the parts, when it is two, in <paramref name="parts"/>.
    /// </summary>
    public bool ContainsOrJoins(string word, out (string Left, string Right)? parts)
    {
        parts = null;
        if (Contains(word))
        {
            return true;
        }

        for (var cut = MinCompoundPart; cut <= word.Length - MinCompoundPart; cut++)
        {
            var right = word.AsSpan(cut);
            if (!Contains(right))
            {
                continue;
            }

            var left = word.AsSpan(0, cut);
            if (Contains(left))
            {
                parts = (word[..cut], word[cut..]);
                return true;
            }

            if (cut > MinCompoundPart && left[^1] is 's' or 'e' && Contains(left[..^1]))
            {
                parts = (word[..(cut - 1)], word[cut..]);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the word looks like a form of a verb rather than a name for a thing: "werkt" (werken), "klopt"
    /// (kloppen), "haalt" (halen), "verricht" (verrichten), "bevestigen" (bevestigt), "gehaald" (halen). A guess from the word list
    /// alone (it knows no word classes); used to tell what a question is about from what it says of it.
    /// </summary>
    public bool LooksLikeVerbForm(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 4)
        {
            return false;
        }

        if (word[^1] == 't')
        {
            var stem = word[..^1];
            if (Contains(stem + "en") || Contains(word + "en") || Contains(stem + stem[^1] + "en"))
            {
                return true;
            }

            // "haalt" → "halen": a long vowel written double before the last consonant is single before -en.
            return stem.Length >= 3 && stem[^2] == stem[^3] && IsVowel(stem[^2]) && Contains(stem[..^2] + stem[^1] + "en");
        }

        if (word.EndsWith("en", StringComparison.Ordinal) && word.Length >= 6)
        {
            return Contains(word[..^2] + "t");
        }

        // "gehaald" (halen), "geleefd" (leven): a past participle of a verb whose stem is known.
        return word.Length >= 6 && word.StartsWith("ge", StringComparison.Ordinal) && word[^1] == 'd' && LooksLikeVerbStem(word[2..^1]);
    }

    /// <summary>
    /// Whether a word the knowledge does not know says how or when rather than naming a thing, so that a reply should not
    /// say "Over … staat niets in ons artikel" of it: a verb form in shapes <see cref="LooksLikeVerbForm"/> leaves to the
    /// decision's features ("blijft", "leest": f and s are v and z before -en; "horen", "leven": the stem's vowel written
    /// double; "stoppen", "zetten": a consonant written double), or the comparative of an adjective ("sneller", "sterker", "dikker": the adjective and its form in -e are
    /// words, as "winter" and "kater" are not).
    /// </summary>
    public bool LooksLikeNoName(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 4 || LooksLikeVerbForm(word))
        {
            return true;
        }

        if (word[^1] == 't' && word[^2] is 'f' or 's' && LooksLikeVerbStem(word[..^1]))
        {
            return true;
        }

        if (word.EndsWith("en", StringComparison.Ordinal))
        {
            var head = word[..^2];
            var last = head[^1] switch { 'v' => 'f', 'z' => 's', var c => c };
            if (head.Length >= 3 && !IsVowel(head[^1]) && IsVowel(head[^2]) && !IsVowel(head[^3])
                && Contains(head[..^1] + head[^2] + last + "t"))
            {
                return true;
            }

            // "stoppen" (stopt), "zetten" (zet): a consonant written double before -en is single in the stem.
            if (head.Length >= 3 && head[^1] == head[^2] && !IsVowel(head[^1])
                && (Contains(head[..^1] + "t") || (head[^1] == 't' && Contains(head.AsSpan(0, head.Length - 1)))))
            {
                return true;
            }
        }

        if (word.EndsWith("er", StringComparison.Ordinal) && word.Length >= 6)
        {
            var stem = word[..^2];
            var adjective = stem[^1] == stem[^2] ? stem.AsSpan(0, stem.Length - 1) : stem;
            return Contains(adjective) && Contains(stem + "e");
        }

        return false;
    }

    /// <summary>
    /// Whether the word looks like the bare stem of a verb, as it stands beside "ik" ("ik drink", "slik je", "ik loop"):
    /// its infinitive is a word ("drinken", "zitten", "lopen", "leven", "lezen"). Only with that context: many stems are
    /// nouns as well ("werk", "loop").
    /// </summary>
    public bool LooksLikeVerbStem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3 || IsVowel(word[^1]))
        {
            return false;
        }

        var last = word[^1] switch { 'f' => 'v', 's' => 'z', var c => c };
        var head = word[..^1];
        if (Contains(word + "en") || Contains(word + word[^1] + "en") || Contains(head + last + "en"))
        {
            return true;
        }

        // "loop" → "lopen", "leef" → "leven": a long vowel written double is single before -en.
        return head.Length >= 3 && head[^1] == head[^2] && IsVowel(head[^1]) && Contains(head[..^1] + last + "en");
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private int Compare(int index, ReadOnlySpan<char> word)
    {
        var start = starts[index];
        var length = starts[index + 1] - 1 - start;
        var common = Math.Min(length, word.Length);
        for (var i = 0; i < common; i++)
        {
            var difference = words[start + i] - word[i];
            if (difference != 0)
            {
                return difference;
            }
        }

        return length - word.Length;
    }
}
