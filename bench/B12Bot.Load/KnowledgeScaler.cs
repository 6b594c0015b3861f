using System.Text.Json;
using System.Text.Json.Nodes;

namespace B12Bot.Load;

/// <summary>How a knowledge base is grown.</summary>
internal enum GrowBy
{
    /// <summary>More entries, each with its own id: the index grows in documents.</summary>
    Entries,

    /// <summary>The same entries with many more question variants: the index grows in postings, not documents.</summary>
    Variants,
}

/// <summary>
/// Makes a larger knowledge folder: a copy of the bot's folder whose <c>faq.json</c> keeps the real entries and
/// adds generated ones (or generated variants), derived mechanically from the real texts by swapping about a third
/// of their words for other words of the knowledge. Every generated question and variant is unique, because the
/// loader refuses a phrasing that belongs to two entries. Every other file and field is copied as is.
/// </summary>
internal static class KnowledgeScaler
{
    private const string FaqFile = "faq.json";
    private const double SwapShare = 0.3;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> and grows its faq.json to <paramref name="total"/>
    /// entries (<see cref="GrowBy.Entries"/>) or <paramref name="total"/> variants (<see cref="GrowBy.Variants"/>).
    /// </summary>
    public static (int Original, int Total) Scale(string source, string target, int total, GrowBy growBy)
    {
        CopyFolder(source, target);
        var faqPath = Path.Combine(target, FaqFile);
        var root = JsonNode.Parse(File.ReadAllText(faqPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidDataException("faq.json is empty");
        var list = FindEntries(root) ?? throw new InvalidDataException("faq.json: no list of entries with an \"id\" found");
        var originals = list.Select(e => e!.AsObject()).ToList();
        var vocabulary = Vocabulary(originals);
        var random = new Random(12);
        var taken = new HashSet<string>(originals.SelectMany(Phrasings).Select(Key), StringComparer.Ordinal);
        var original = growBy == GrowBy.Entries ? originals.Count : originals.Sum(e => (e["variants"] as JsonArray)?.Count ?? 0);
        var count = original;
        for (var i = 0; count < total; i++, count++)
        {
            var model = originals[i % originals.Count];
            if (growBy == GrowBy.Entries)
            {
                var copy = model.DeepClone().AsObject();
                copy["id"] = $"gen-{i + 1:D5}";
                Vary(copy, vocabulary, random);
                MakeUnique(copy, vocabulary, random, taken);
                list.Add(copy);
            }
            else
            {
                var variants = model["variants"] as JsonArray ?? [];
                model["variants"] = variants;
                var seed = variants.Count > 0 ? variants[random.Next(variants.Count)]!.GetValue<string>() : model["question"]!.GetValue<string>();
                variants.Add(Unique(Swap(seed, vocabulary, random), vocabulary, random, taken));
            }
        }

        File.WriteAllText(faqPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return (original, count);
    }

    /// <summary>How many entries and variants a knowledge folder's faq.json holds, e.g. "19 entries, 437 variants".</summary>
    public static string Describe(string folder)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, FaqFile)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var entries = root is null ? null : FindEntries(root);
        if (entries is null)
        {
            return "?";
        }

        var variants = entries.Sum(e => (e?["variants"] as JsonArray)?.Count ?? 0);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{entries.Count} entries, {variants} variants");
    }

    /// <summary>The entry list: the root array, or the first array property whose items are objects with an "id".</summary>
    private static JsonArray? FindEntries(JsonNode root)
    {
        if (IsEntryList(root))
        {
            return root.AsArray();
        }

        if (root is JsonObject obj)
        {
            foreach (var (_, value) in obj)
            {
                if (value is not null && IsEntryList(value))
                {
                    return value.AsArray();
                }
            }
        }

        return null;
    }

    private static bool IsEntryList(JsonNode node) =>
        node is JsonArray { Count: > 0 } array
        && array.All(item => item is JsonObject o && o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String);

    private static List<string> Vocabulary(IEnumerable<JsonObject> entries)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var text in Texts(entry))
            {
                foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (word.Length > 3 && word.All(char.IsLetter))
                    {
                        words.Add(word);
                    }
                }
            }
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }

    /// <summary>Strings with a space are prose (titles, questions, paragraphs, variants); ids, kinds and keywords have none.</summary>
    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var text in Texts(value))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var text in Texts(item))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains(' ', StringComparison.Ordinal):
                yield return value.GetValue<string>();
                break;
            default:
                break;
        }
    }

    private static void Vary(JsonNode node, IReadOnlyList<string> vocabulary, Random random)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var value = obj[key];
                    if (value is JsonValue text && IsProse(text))
                    {
                        obj[key] = Swap(text.GetValue<string>(), vocabulary, random);
                    }
                    else if (value is not null)
                    {
                        Vary(value, vocabulary, random);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue text && IsProse(text))
                    {
                        array[i] = Swap(text.GetValue<string>(), vocabulary, random);
                    }
                    else if (array[i] is { } item)
                    {
                        Vary(item, vocabulary, random);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The question and variants of an entry: the phrasings the loader wants to belong to one entry only.</summary>
    private static IEnumerable<string> Phrasings(JsonObject entry)
    {
        if (entry["question"] is JsonValue question && question.GetValueKind() == JsonValueKind.String)
        {
            yield return question.GetValue<string>();
        }

        foreach (var variant in entry["variants"] as JsonArray ?? [])
        {
            if (variant is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                yield return value.GetValue<string>();
            }
        }
    }

    /// <summary>Gives a generated entry's question and variants phrasings no other entry has.</summary>
    private static void MakeUnique(JsonObject entry, IReadOnlyList<string> vocabulary, Random random, HashSet<string> taken)
    {
        if (entry["question"] is JsonValue question && question.GetValueKind() == JsonValueKind.String)
        {
            entry["question"] = Unique(question.GetValue<string>(), vocabulary, random, taken);
        }

        if (entry["variants"] is JsonArray variants)
        {
            var own = new HashSet<string>(StringComparer.Ordinal);
            for (var i = variants.Count - 1; i >= 0; i--)
            {
                var text = Unique(variants[i]!.GetValue<string>(), vocabulary, random, taken);
                if (own.Add(Key(text)))
                {
                    variants[i] = text;
                }
                else
                {
                    variants.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>The phrasing itself when nobody has it yet, else the phrasing with words of the knowledge added until it is new.</summary>
    private static string Unique(string text, IReadOnlyList<string> vocabulary, Random random, HashSet<string> taken)
    {
        var candidate = text;
        while (!taken.Add(Key(candidate)))
        {
            candidate = candidate + " " + vocabulary[random.Next(vocabulary.Count)];
        }

        return candidate;
    }

    /// <summary>A comparison key stricter than the loader's: lower case, letters and digits only, accents folded.</summary>
    private static string Key(string text)
    {
        var folded = text.Normalize(System.Text.NormalizationForm.FormD);
        var key = new System.Text.StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return key.ToString();
    }

    private static bool IsProse(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains(' ', StringComparison.Ordinal);

    private static string Swap(string text, IReadOnlyList<string> vocabulary, Random random)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length > 3 && random.NextDouble() < SwapShare)
            {
                words[i] = vocabulary[random.Next(vocabulary.Count)];
            }
        }

        return string.Join(' ', words);
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }
}
