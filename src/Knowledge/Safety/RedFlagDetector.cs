using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Safety;

/// <summary>
/// Recognises symptoms that call for a doctor before anything else (trouble walking, confusion, sudden
/// weakness or numbness …). The phrases are data (<c>knowledge/redflags.json</c>): a phrase's words must
/// appear in order, at most two other words apart; a word ending in <c>*</c> matches any word it starts.
/// </summary>
public sealed partial class RedFlagDetector
{
    private const int MaxGap = 2;

    // Every sign's patterns in one list, in the order of the signs, and where each pattern can start: the patterns
    // whose first word is a whole word, by that word, and those whose first word is a prefix. A message is matched
    // only against the patterns one of its words can start.
    private readonly (string Id, string[] Words)[] patterns;
    private readonly Dictionary<string, int[]> byFirstWord;
    private readonly (string Prefix, int Pattern)[] byFirstPrefix;

    public RedFlagDetector(string advice, IReadOnlyDictionary<string, IReadOnlyList<string>> signs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(advice);
        ArgumentNullException.ThrowIfNull(signs);
        Advice = advice;
        patterns = [.. signs.SelectMany(s => s.Value.Select(p => (s.Key, Words(p))).Where(p => p.Item2.Length > 0))];
        byFirstWord = Enumerable.Range(0, patterns.Length)
            .Where(i => !patterns[i].Words[0].EndsWith('*'))
            .GroupBy(i => patterns[i].Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        byFirstPrefix = [.. Enumerable.Range(0, patterns.Length)
            .Where(i => patterns[i].Words[0].EndsWith('*'))
            .Select(i => (patterns[i].Words[0][..^1], i))];
    }

    /// <summary>The Dutch advice to send first when a red flag is recognised.</summary>
    public string Advice { get; }

    /// <summary>Reads <c>redflags.json</c>; a bad file fails with a message naming the file and the problem.</summary>
    public static RedFlagDetector Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RedFlagFile? file;
        try
        {
            file = JsonSerializer.Deserialize<RedFlagFile>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        if (file is null || string.IsNullOrWhiteSpace(file.Advice) || file.Signs is null || file.Signs.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: needs a non-empty \"advice\" and at least one sign");
        }

        var signs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var sign in file.Signs)
        {
            if (string.IsNullOrWhiteSpace(sign.Id) || sign.Patterns is null || sign.Patterns.Count == 0
                || sign.Patterns.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: sign '{sign.Id}' needs an id and non-empty patterns");
            }

            if (!signs.TryAdd(sign.Id, sign.Patterns))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: duplicate sign id '{sign.Id}'");
            }
        }

        return new RedFlagDetector(file.Advice, signs);
    }

    /// <summary>The id of the first red-flag sign in <paramref name="text"/>, or null.</summary>
    public string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Words(text);
        Span<bool> candidate = patterns.Length <= 512 ? stackalloc bool[patterns.Length] : new bool[patterns.Length];
        var any = false;
        foreach (var word in words)
        {
            if (byFirstWord.TryGetValue(word, out var starting))
            {
                foreach (var i in starting)
                {
                    candidate[i] = any = true;
                }
            }

            foreach (var (prefix, i) in byFirstPrefix)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    candidate[i] = any = true;
                }
            }
        }

        if (!any)
        {
            return null;
        }

        // In the order of the signs: the first sign with a matching pattern is the one reported.
        for (var i = 0; i < patterns.Length; i++)
        {
            if (candidate[i] && Matches(words, patterns[i].Words))
            {
                return patterns[i].Id;
            }
        }

        return null;
    }

    private static bool Matches(string[] words, string[] pattern)
    {
        for (var start = 0; start < words.Length; start++)
        {
            if (!WordMatches(words[start], pattern[0]))
            {
                continue;
            }

            var at = start;
            var matched = 1;
            while (matched < pattern.Length)
            {
                var next = -1;
                for (var i = at + 1; i < words.Length && i <= at + 1 + MaxGap; i++)
                {
                    if (WordMatches(words[i], pattern[matched]))
                    {
                        next = i;
                        break;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                at = next;
                matched++;
            }

            if (matched == pattern.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordMatches(string word, string pattern) =>
        pattern.EndsWith('*')
            ? word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : word.Equals(pattern, StringComparison.Ordinal);

    /// <summary>Lower case, accents removed, split on anything that is not a letter, digit or '*'.</summary>
    private static string[] Words(string text)
    {
        var folded = UserText.Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '*' ? c : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        TypeInfoResolver = RedFlagJsonContext.Default,
    };

    /// <summary>The file's shapes, read by code generated at build time (no reflection at start-up); the options above.</summary>
    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip)]
    [JsonSerializable(typeof(RedFlagFile))]
    private sealed partial class RedFlagJsonContext : JsonSerializerContext;

    private sealed record RedFlagFile(string? Advice, IReadOnlyList<RedFlagSign>? Signs);

    private sealed record RedFlagSign(string? Id, IReadOnlyList<string>? Patterns);
}
