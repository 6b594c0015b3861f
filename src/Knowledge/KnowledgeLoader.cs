using System.Text.Json;
using System.Text.Json.Serialization;
using B12Bot.Knowledge.Loading;
using B12Bot.Knowledge.Text;

namespace B12Bot.Knowledge;

/// <summary>
/// Reads knowledge/faq.json and the lexicon beside it (knowledge/synonyms.json), checks them and builds the
/// <see cref="KnowledgeBase"/>. Any problem stops the load with a <see cref="KnowledgeValidationException"/>
/// that names the file, the entry and the problem.
/// </summary>
public static class KnowledgeLoader
{
    /// <summary>The knowledge file's name.</summary>
    public const string FaqFileName = "faq.json";

    /// <summary>Common English words, beside faq.json (optional).</summary>
    public const string EnglishFileName = "english.json";

    /// <summary>The lexicon file's name; it lives beside the knowledge file.</summary>
    public const string LexiconFileName = "synonyms.json";

    private const string KnowledgeFolderName = "knowledge";
    private const int MaxRelated = 3;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = KnowledgeJsonContext.Default,
    };

    /// <summary>
    /// Where the knowledge is for a host whose binaries are in <paramref name="baseDirectory"/>: the
    /// <c>knowledge/faq.json</c> copied next to them, or else the first <c>knowledge/faq.json</c> found walking up
    /// (running from a source tree). Returns the path next to the binaries when neither exists, so that
    /// <see cref="Load"/> reports it as missing.
    /// </summary>
    public static string DefaultPath(string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        var beside = Path.Combine(baseDirectory, KnowledgeFolderName, FaqFileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(baseDirectory).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, KnowledgeFolderName, FaqFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return beside;
    }

    /// <summary>
    /// Loads the knowledge from a faq.json path (or the folder holding it) and the synonyms.json beside it. The
    /// article's fixed entries are always required; <paramref name="allowAdditionalEntries"/> also accepts entries
    /// with other well-formed ids (lower-case letters, digits and '-'), as a larger generated knowledge base has.
    /// </summary>
    public static KnowledgeBase Load(string path, bool allowAdditionalEntries = false) => Load(path, allowAdditionalEntries, readDecision: true);

    /// <summary>
    /// As <see cref="Load(string, bool)"/>; without <paramref name="readDecision"/> the learned decision beside the
    /// knowledge is not read (training makes a new one, whatever features the old one was trained on).
    /// </summary>
    internal static KnowledgeBase Load(string path, bool allowAdditionalEntries, bool readDecision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var faqPath = Directory.Exists(path) ? Path.Combine(path, FaqFileName) : path;
        var lexiconPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(faqPath)) ?? ".", LexiconFileName);

        var folder = Path.GetDirectoryName(lexiconPath) ?? ".";
        var vocabularyPath = Path.Combine(folder, Analysis.Vocabulary.FileName);
        var decisionPath = Path.Combine(folder, Decision.DecisionModel.FileName);

        // The word list (a few megabytes to decompress) does not depend on the knowledge file: it is read on another
        // thread while faq.json and synonyms.json are read and checked on this one. The learned decision is checked
        // against the features the lexicon's categories make, so it is read after the lexicon.
        var vocabulary = Task.Factory.StartNew(() => File.Exists(vocabularyPath) ? Analysis.Vocabulary.Load(vocabularyPath) : Analysis.Vocabulary.Empty, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        KnowledgeBase knowledge;
        HashSet<string> englishWords;
        try
        {
            var faq = Read<FaqFile>(faqPath);
            var lexicon = ReadLexicon(lexiconPath);
            knowledge = BuildKnowledge(faqPath, faq, lexicon, allowAdditionalEntries);
            englishWords = File.Exists(Path.Combine(folder, EnglishFileName))
                ? Read<WordListFile>(Path.Combine(folder, EnglishFileName)).Words?.ToHashSet(StringComparer.Ordinal) ?? []
                : new HashSet<string>();
        }
        catch
        {
            // The knowledge's own problem is the one to report; the other reads are only waited for.
            try
            {
                vocabulary.Wait();
            }
            catch (AggregateException)
            {
                // Reported when the knowledge itself is fine; here the knowledge's problem wins.
            }

            throw;
        }

        return new KnowledgeBase(knowledge.Article, knowledge.Entries, knowledge.Keywords)
        {
            Lexicon = knowledge.Lexicon,
            Vocabulary = vocabulary.GetAwaiter().GetResult(),
            Decision = readDecision && File.Exists(decisionPath) ? ReadDecision(decisionPath, Decision.DecisionFeatures.Names(knowledge.Lexicon)) : null,
            EnglishWords = englishWords,
        };
    }

    private static Decision.DecisionModel ReadDecision(string path, IReadOnlyList<string> features)
    {
        try
        {
            return Decision.DecisionModel.Load(path, features);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            throw new KnowledgeValidationException(path, [$"the answer decision cannot be read: {e.Message}"], e);
        }
    }

    private static T Read<T>(string path)
        where T : class
    {
        // Read as a stream: a large knowledge file is never held whole as text (nor as the serializer's pooled
        // bytes, which would stay in the shared pool for the life of the process).
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeValidationException(path, [$"the file cannot be read: {e.Message}"], e);
        }

        using var file = stream;
        try
        {
            return JsonSerializer.Deserialize<T>(file, JsonOptions)
                ?? throw new KnowledgeValidationException(path, ["the file holds JSON null instead of an object"]);
        }
        catch (IOException e)
        {
            throw new KnowledgeValidationException(path, [$"the file cannot be read: {e.Message}"], e);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $"line {n + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "unknown line";
            var where = string.IsNullOrEmpty(e.Path) ? string.Empty : $" at {e.Path}";
            throw new KnowledgeValidationException(path, [$"bad JSON ({line}{where}): {FirstSentence(e.Message)}"], e);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static KnowledgeBase BuildKnowledge(string path, FaqFile file, Lexicon lexicon, bool allowAdditionalEntries)
    {
        var problems = new List<string>();

        var article = file.Article;
        if (article is null)
        {
            problems.Add("\"article\" is missing");
        }
        else
        {
            RequireText(problems, "article", "title", article.Title);
            RequireText(problems, "article", "url", article.Url);
            if (!string.IsNullOrWhiteSpace(article.Url)
                && (!Uri.TryCreate(article.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                problems.Add($"article: \"url\" is not an absolute http(s) address: '{article.Url}'");
            }
        }

        var keywords = CheckList(problems, "keywords", "keywords", file.Keywords, required: false);

        var entries = new List<KnowledgeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var known = new HashSet<string>(KnowledgeIds.All, StringComparer.Ordinal);
        if (file.Entries is null || file.Entries.Count == 0)
        {
            problems.Add("\"entries\" is missing or empty");
        }
        else
        {
            for (var i = 0; i < file.Entries.Count; i++)
            {
                var entry = CheckEntry(problems, file.Entries[i], i, seen, known, allowAdditionalEntries);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }
        }

        foreach (var id in KnowledgeIds.All.Where(id => !seen.Contains(id)))
        {
            problems.Add($"entry '{id}' is missing (every section and FAQ of the article needs its entry)");
        }

        CheckRelated(problems, entries, seen);
        CheckVariantsAreUnambiguous(problems, entries);

        if (problems.Count > 0)
        {
            throw new KnowledgeValidationException(path, problems);
        }

        var info = new ArticleInfo
        {
            Title = article!.Title!.Trim(),
            Url = article.Url!.Trim(),
            Publisher = article.Publisher,
            Published = article.Published,
            FaqHeading = article.FaqHeading,
        };
        var ordered = entries.OrderBy(e => IndexOf(e.Id)).ToList();
        return new KnowledgeBase(info, ordered, keywords) { Lexicon = lexicon };
    }

    private static int IndexOf(string id)
    {
        for (var i = 0; i < KnowledgeIds.All.Count; i++)
        {
            if (string.Equals(KnowledgeIds.All[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static KnowledgeEntry? CheckEntry(List<string> problems, EntryDto? dto, int index, HashSet<string> seen, HashSet<string> known, bool allowAdditionalEntries)
    {
        if (dto is null)
        {
            problems.Add($"entries[{index}] is null");
            return null;
        }

        var id = dto.Id?.Trim();
        var name = string.IsNullOrEmpty(id) ? $"entries[{index}]" : $"entry '{id}'";
        var before = problems.Count;
        if (string.IsNullOrEmpty(id))
        {
            problems.Add($"{name}: \"id\" is missing");
        }
        else if (!seen.Add(id))
        {
            problems.Add($"{name}: duplicate id (entries[{index}] repeats an earlier entry)");
        }
        else if (!known.Contains(id) && !(allowAdditionalEntries && IsWellFormedId(id)))
        {
            problems.Add($"{name}: unknown id (allowed: {string.Join(", ", KnowledgeIds.All)})");
        }

        EntryKind kind = EntryKind.Section;
        switch (dto.Kind?.Trim().ToLowerInvariant())
        {
            case "section":
                kind = EntryKind.Section;
                break;
            case "faq":
                kind = EntryKind.Faq;
                break;
            default:
                problems.Add($"{name}: \"kind\" must be \"section\" or \"faq\", not '{dto.Kind}'");
                break;
        }

        if (id is not null && KnowledgeIds.Faqs.Contains(id) && kind != EntryKind.Faq)
        {
            problems.Add($"{name}: an FAQ entry must have \"kind\": \"faq\"");
        }

        if (id is not null && KnowledgeIds.Sections.Contains(id) && kind != EntryKind.Section)
        {
            problems.Add($"{name}: a section entry must have \"kind\": \"section\"");
        }

        RequireText(problems, name, "title", dto.Title);
        RequireText(problems, name, "question", dto.Question);
        var paragraphs = CheckList(problems, name, "paragraphs", dto.Paragraphs, required: true);
        if (kind == EntryKind.Faq && paragraphs.Count > 1)
        {
            problems.Add($"{name}: an FAQ has exactly one answer paragraph, not {paragraphs.Count}");
        }

        var variants = CheckList(problems, name, "variants", dto.Variants, required: false);
        var keywords = CheckList(problems, name, "keywords", dto.Keywords, required: false);
        var related = CheckList(problems, name, "related", dto.Related, required: false);

        var duplicateVariant = variants
            .GroupBy(TextNormalizer.ForComparison, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicateVariant is not null)
        {
            problems.Add($"{name}: variant '{duplicateVariant.First()}' appears more than once");
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new KnowledgeEntry
        {
            Id = id!,
            Kind = kind,
            Title = dto.Title!,
            Question = dto.Question!.Trim(),
            Paragraphs = paragraphs,
            Variants = variants,
            Keywords = keywords,
            Related = related,
            Bulleted = dto.Bulleted,
        };
    }

    private static void CheckRelated(List<string> problems, List<KnowledgeEntry> entries, HashSet<string> ids)
    {
        foreach (var entry in entries)
        {
            if (entry.Related.Count > MaxRelated)
            {
                problems.Add($"entry '{entry.Id}': \"related\" lists {entry.Related.Count} ids; at most {MaxRelated} are offered");
            }

            foreach (var related in entry.Related)
            {
                if (string.Equals(related, entry.Id, StringComparison.Ordinal))
                {
                    problems.Add($"entry '{entry.Id}': \"related\" lists the entry itself");
                }
                else if (!ids.Contains(related))
                {
                    problems.Add($"entry '{entry.Id}': related id '{related}' does not exist");
                }
            }

            if (entry.Related.Distinct(StringComparer.Ordinal).Count() != entry.Related.Count)
            {
                problems.Add($"entry '{entry.Id}': \"related\" lists an id twice");
            }
        }
    }

    private static void CheckVariantsAreUnambiguous(List<string> problems, List<KnowledgeEntry> entries)
    {
        // A phrasing that belongs to two entries would make a button or an exact question ambiguous.
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var phrasing in entry.Variants.Append(entry.Question).Distinct(StringComparer.Ordinal))
            {
                var key = TextNormalizer.ForComparison(phrasing);
                if (owner.TryGetValue(key, out var other) && !string.Equals(other, entry.Id, StringComparison.Ordinal))
                {
                    problems.Add($"entry '{entry.Id}': question or variant '{phrasing}' also belongs to entry '{other}'");
                }
                else
                {
                    owner[key] = entry.Id;
                }
            }
        }
    }

    private static void RequireText(List<string> problems, string name, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{name}: \"{field}\" is missing or empty");
        }
    }

    private static List<string> CheckList(List<string> problems, string name, string field, List<string?>? values, bool required)
    {
        if (values is null || values.Count == 0)
        {
            if (required)
            {
                problems.Add($"{name}: \"{field}\" is missing or empty");
            }

            return [];
        }

        var result = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                problems.Add($"{name}: {field}[{i}] is empty");
            }
            else
            {
                result.Add(values[i]!);
            }
        }

        return result;
    }

    /// <summary>A list whose entries are compared with single analysed words: a phrase there would never match.</summary>
    private static List<string> CheckWords(List<string> problems, string name, string field, List<string?>? values, bool required)
    {
        var words = CheckList(problems, name, field, values, required);
        foreach (var phrase in words.Where(w => w.Trim().Any(char.IsWhiteSpace)))
        {
            problems.Add($"{name}: {field} holds the phrase '{phrase}'; only single words can match there");
        }

        return words;
    }

    private static Lexicon ReadLexicon(string path)
    {
        if (!File.Exists(path))
        {
            throw new KnowledgeValidationException(path, ["the lexicon file is missing (it belongs beside faq.json)"]);
        }

        var file = Read<LexiconFile>(path);
        var problems = new List<string>();
        var synonyms = new List<SynonymRule>();
        if (file.Synonyms is not null)
        {
            for (var i = 0; i < file.Synonyms.Count; i++)
            {
                var rule = file.Synonyms[i];
                var name = $"synonyms[{i}]";
                if (rule is null)
                {
                    problems.Add($"{name} is null");
                    continue;
                }

                var before = problems.Count;
                var words = CheckList(problems, name, "words", rule.Words, required: true);
                var means = CheckList(problems, name, "means", rule.Means, required: true);
                if (problems.Count == before)
                {
                    synonyms.Add(new SynonymRule { Words = words, Means = means });
                }
            }
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, stem) in file.StemOverrides ?? [])
        {
            if (string.IsNullOrWhiteSpace(word) || string.IsNullOrWhiteSpace(stem))
            {
                problems.Add($"stemOverrides: '{word}' needs a word and a stem");
            }
            else
            {
                overrides[word.Trim()] = stem.Trim();
            }
        }

        var lexicon = new Lexicon
        {
            Synonyms = synonyms,
            CompoundParts = CheckList(problems, "compoundParts", "compoundParts", file.CompoundParts, required: false),
            StemOverrides = overrides,
            KnownWords = CheckList(problems, "knownWords", "knownWords", file.KnownWords, required: false),
            Categories = ReadCategories(problems, file.Categories),
        };

        lexicon = lexicon with { Verdicts = ReadVerdicts(problems, file.Verdicts, lexicon.Categories) };
        if (problems.Count > 0)
        {
            throw new KnowledgeValidationException(path, problems);
        }

        return lexicon;
    }

    /// <summary>
    /// The term categories, in the file's order: each with a well-formed name, what it is about, which occurrences count
    /// (any, trusted, whole) and how its words match (stem, typed, both), and its words; every category the planner
    /// names must be there.
    /// </summary>
    private static List<TermCategory> ReadCategories(List<string> problems, Dictionary<string, CategoryDto?>? categories)
    {
        var result = new List<TermCategory>();
        if (categories is null || categories.Count == 0)
        {
            problems.Add("categories: \"categories\" is missing or empty");
            return result;
        }

        if (categories.Count > Analysis.TermCategories.MaxCategories)
        {
            problems.Add($"categories: {categories.Count} categories, at most {Analysis.TermCategories.MaxCategories}");
        }

        foreach (var (key, category) in categories)
        {
            var name = $"categories.{key}";
            if (!IsWellFormedCategory(key))
            {
                problems.Add($"{name}: a category name is a word of letters and digits starting with a lower-case letter");
            }

            if (category is null)
            {
                problems.Add($"{name} is null");
                continue;
            }

            RequireText(problems, name, "about", category.About);
            var counts = category.Counts switch
            {
                "any" => CategoryCounts.Any,
                "trusted" => CategoryCounts.Trusted,
                "whole" => CategoryCounts.Whole,
                _ => (CategoryCounts?)null,
            };
            if (counts is null)
            {
                problems.Add($"{name}: \"counts\" is '{category.Counts}'; it is one of any, trusted, whole");
            }

            var match = category.Match switch
            {
                null or "stem" => CategoryMatch.Stem,
                "typed" => CategoryMatch.Typed,
                "both" => CategoryMatch.Both,
                _ => (CategoryMatch?)null,
            };
            if (match is null)
            {
                problems.Add($"{name}: \"match\" is '{category.Match}'; it is one of stem, typed, both");
            }

            var words = match is CategoryMatch.Typed or CategoryMatch.Both
                ? CheckWords(problems, name, "words", category.Words, required: true)
                : CheckList(problems, name, "words", category.Words, required: true);
            var exceptBeside = CheckList(problems, name, "exceptBeside", category.ExceptBeside, required: false);
            foreach (var other in exceptBeside.Where(o => !categories.ContainsKey(o) || o == key))
            {
                problems.Add($"{name}: exceptBeside names '{other}', which is no other category");
            }

            result.Add(new TermCategory
            {
                Name = key,
                About = category.About ?? string.Empty,
                Coverage = category.Covered switch
                {
                    true => CategoryCoverage.Covered,
                    false => CategoryCoverage.NotCovered,
                    null => CategoryCoverage.Shape,
                },
                Counts = counts ?? CategoryCounts.Any,
                Match = match ?? CategoryMatch.Stem,
                ExceptBeside = exceptBeside,
                Words = words,
            });
        }

        foreach (var required in Search.PlannerCategories.Required.Where(r => !categories.ContainsKey(r)))
        {
            problems.Add($"categories: the category '{required}' is missing (the query planner reads it)");
        }

        return result;
    }

    /// <summary>The hand verdicts: each names a reason and categories (or the planner's '@' flags) that exist.</summary>
    private static List<VerdictRule> ReadVerdicts(List<string> problems, List<VerdictDto?>? verdicts, IReadOnlyList<TermCategory> categories)
    {
        var result = new List<VerdictRule>();
        var known = new HashSet<string>(categories.Select(c => c.Name).Concat(Search.PlannerCategories.Flags), StringComparer.Ordinal);
        for (var i = 0; i < (verdicts?.Count ?? 0); i++)
        {
            var verdict = verdicts![i];
            var name = $"verdicts[{i}]";
            if (verdict is null)
            {
                problems.Add($"{name} is null");
                continue;
            }

            RequireText(problems, name, "reason", verdict.Reason);
            var all = CheckList(problems, name, "all", verdict.All, required: false);
            var none = CheckList(problems, name, "none", verdict.None, required: false);
            if (all.Count == 0 && none.Count == 0)
            {
                problems.Add($"{name}: \"all\" and \"none\" are both empty; a verdict names at least one category");
            }

            foreach (var unknown in all.Concat(none).Where(n => !known.Contains(n)))
            {
                problems.Add($"{name}: '{unknown}' is neither a category nor one of the flags {string.Join(", ", Search.PlannerCategories.Flags)}");
            }

            result.Add(new VerdictRule { Reason = verdict.Reason?.Trim() ?? string.Empty, All = all, None = none, Learned = verdict.Learned == true });
        }

        return result;
    }

    private static bool IsWellFormedCategory(string name) =>
        name.Length is > 0 and <= 40 && char.IsAsciiLetterLower(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    private static bool IsWellFormedId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}

/// <summary>A file holding one list of words (knowledge/english.json).</summary>
internal sealed record WordListFile(
    [property: System.Text.Json.Serialization.JsonPropertyName("$comment")] string? Comment,
    [property: System.Text.Json.Serialization.JsonPropertyName("words")] IReadOnlyList<string>? Words);
