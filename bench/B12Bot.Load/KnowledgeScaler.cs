using System.Text.Json;
using System.Text.Json.Nodes;

namespace B12Bot.Load;

/// <summary>
/// Makes a knowledge folder with many more entries: a copy of the bot's folder whose <c>faq.json</c> keeps the
/// real entries and adds variants of them, each with its own id and with words of its texts swapped for other
/// words of the knowledge, so the index grows in documents and postings as a real larger knowledge base would.
/// Only the entry list changes; every other file and field is copied as is.
/// </summary>
internal static class KnowledgeScaler
{
    private const string FaqFile = "faq.json";
    private const double SwapShare = 0.3;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> with <paramref name="entries"/> entries in faq.json.</summary>
    public static (int Original, int Total) Scale(string source, string target, int entries)
    {
        CopyFolder(source, target);
        var faqPath = Path.Combine(target, FaqFile);
        var root = JsonNode.Parse(File.ReadAllText(faqPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidDataException("faq.json is empty");
        var list = FindEntries(root) ?? throw new InvalidDataException("faq.json: no list of entries with an \"id\" found");
        var originals = list.Select(e => e!.AsObject()).ToList();
        var vocabulary = Vocabulary(originals);
        var random = new Random(12);
        for (var i = 0; list.Count < entries; i++)
        {
            var copy = originals[i % originals.Count].DeepClone().AsObject();
            copy["id"] = $"gen-{i + 1:D5}";
            Vary(copy, vocabulary, random);
            list.Add(copy);
        }

        File.WriteAllText(faqPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return (originals.Count, list.Count);
    }

    /// <summary>How many entries a knowledge folder's faq.json holds.</summary>
    public static int Count(string folder)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, FaqFile)), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return root is null ? 0 : FindEntries(root)?.Count ?? 0;
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
