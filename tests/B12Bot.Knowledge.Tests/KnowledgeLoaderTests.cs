using System.Text.Json.Nodes;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests;

/// <summary>Loading the knowledge: the real files load; every kind of broken file is refused with a clear message.</summary>
public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "b12bot-knowledge-" + Guid.NewGuid().ToString("N"));

    public KnowledgeLoaderTests()
    {
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Path.GetDirectoryName(RepoPaths.FaqJson)!, KnowledgeLoader.LexiconFileName), LexiconPath);
    }

    private string FaqPath => Path.Combine(folder, KnowledgeLoader.FaqFileName);

    private string LexiconPath => Path.Combine(folder, KnowledgeLoader.LexiconFileName);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_real_knowledge_loads_with_every_entry_in_article_order()
    {
        var knowledge = KnowledgeLoader.Load(RepoPaths.FaqJson);

        Assert.Equal(KnowledgeIds.All, knowledge.Entries.Select(e => e.Id));
        Assert.Equal(9, knowledge.Entries.Count(e => e.Kind == EntryKind.Section));
        Assert.Equal(10, knowledge.Entries.Count(e => e.Kind == EntryKind.Faq));
        Assert.Equal("Wat is de belangrijkste oorzaak van vitamine B12-tekort?", knowledge["faq-01"].Question);
        Assert.True(knowledge["samenvatting"].Bulleted);
        Assert.NotEmpty(knowledge.Keywords);
        Assert.NotEmpty(knowledge.Lexicon.Synonyms);
        Assert.NotEmpty(knowledge.Lexicon.Categories.Single(c => c.Name == "core").Words);
        Assert.NotEmpty(knowledge.Lexicon.Verdicts);
    }

    [Fact]
    public void Every_entry_has_a_question_many_variants_keywords_and_at_most_three_existing_related_entries()
    {
        var knowledge = KnowledgeLoader.Load(RepoPaths.FaqJson);
        foreach (var entry in knowledge.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Question), entry.Id);
            Assert.True(entry.Variants.Count >= 15, $"{entry.Id} has only {entry.Variants.Count} variants");
            Assert.NotEmpty(entry.Keywords);
            Assert.InRange(entry.Related.Count, 1, 3);
            Assert.All(entry.Related, id => Assert.True(knowledge.TryGet(id, out _), $"{entry.Id} → {id}"));
        }
    }

    [Fact]
    public void A_folder_path_loads_the_faq_json_inside_it()
    {
        var knowledge = KnowledgeLoader.Load(Path.GetDirectoryName(RepoPaths.FaqJson)!);
        Assert.Equal(19, knowledge.Entries.Count);
    }

    [Fact]
    public void The_default_path_is_the_knowledge_folder_beside_the_binaries()
    {
        var path = KnowledgeLoader.DefaultPath(AppContext.BaseDirectory);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "knowledge", "faq.json"), path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void The_citation_url_is_the_article_url_with_the_entry_as_anchor()
    {
        var knowledge = KnowledgeLoader.Load(RepoPaths.FaqJson);
        var url = knowledge.CitationUrl(knowledge["faq-02"]);
        Assert.StartsWith(knowledge.Article.Url, url, StringComparison.Ordinal);
        Assert.EndsWith("#faq-02", url, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> BrokenFaqFiles => new()
    {
        // mutation name, words the message must contain (besides the file name)
        { "missing-id", ["entries[3]", "\"id\" is missing"] },
        { "duplicate-id", ["entry 'faq-01'", "duplicate id"] },
        { "unknown-id", ["entry 'faq-11'", "unknown id"] },
        { "missing-entry", ["entry 'parasieten'", "missing"] },
        { "empty-paragraph", ["entry 'malabsorptie'", "paragraphs[1] is empty"] },
        { "no-paragraphs", ["entry 'faq-03'", "\"paragraphs\" is missing or empty"] },
        { "empty-title", ["entry 'inleiding'", "\"title\" is missing or empty"] },
        { "empty-question", ["entry 'faq-05'", "\"question\" is missing or empty"] },
        { "bad-kind", ["entry 'faq-04'", "\"kind\""] },
        { "related-unknown", ["entry 'faq-06'", "related id 'faq-99' does not exist"] },
        { "related-self", ["entry 'faq-07'", "lists the entry itself"] },
        { "too-many-related", ["entry 'faq-08'", "at most 3"] },
        { "empty-variant", ["entry 'faq-09'", "variants[0] is empty"] },
        { "shared-variant", ["entry 'faq-10'", "also belongs to entry 'faq-09'"] },
        { "no-article", ["\"article\" is missing"] },
        { "bad-url", ["article", "not an absolute http(s) address"] },
        { "unknown-field", ["bad JSON", "varaints"] },
        { "no-entries", ["\"entries\" is missing or empty"] },
    };

    [Theory]
    [MemberData(nameof(BrokenFaqFiles))]
    public void A_broken_faq_file_is_refused_naming_the_file_the_entry_and_the_problem(string mutation, string[] expected)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepoPaths.FaqJson))!.AsObject();
        Mutate(json, mutation);
        File.WriteAllText(FaqPath, json.ToJsonString());

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Contains(FaqPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(FaqPath, error.FileName);
        foreach (var words in expected)
        {
            Assert.Contains(words, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_json_is_refused_with_its_line_number()
    {
        var lines = File.ReadAllLines(RepoPaths.FaqJson).ToList();
        var line = lines.FindIndex(l => l.Contains("\"faq-03\"", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("\"faq-03\",", "\"faq-03\" \"oops\",", StringComparison.Ordinal);
        File.WriteAllLines(FaqPath, lines);

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Contains(FaqPath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"bad JSON (line {line + 1},", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));
        Assert.Contains(FaqPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepoPaths.FaqJson))!.AsObject();
        Mutate(json, "empty-title");
        Mutate(json, "related-unknown");
        File.WriteAllText(FaqPath, json.ToJsonString());

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("2 problems", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenLexicons => new()
    {
        { "{ \"synonyms\": [ { \"words\": [], \"means\": [\"anemie\"] } ] }", "synonyms[0]: \"words\" is missing or empty" },
        { "{ \"synonyms\": [ { \"words\": [\"moe\"], \"means\": [\"\"] } ] }", "synonyms[0]: means[0] is empty" },
        { "{ \"synonyms\": [], \"stemOverrides\": { \"daalt\": \"\" } }", "stemOverrides: 'daalt' needs a word and a stem" },
        { "{ \"synonym\": [] }", "bad JSON" },
        { "{ \"synonyms\": [ }", "bad JSON (line 1" },
    };

    /// <summary>The real lexicon with one change to its categories or verdicts, and the problem the loader must name.</summary>
    public static TheoryData<string, string> BrokenCategories => new()
    {
        { "no-categories", "categories: \"categories\" is missing or empty" },
        { "missing-core", "categories: the category 'core' is missing (the query planner reads it)" },
        { "empty-words", "categories.shop: \"words\" is missing or empty" },
        { "bad-counts", "categories.shop: \"counts\" is 'sometimes'; it is one of any, trusted, whole" },
        { "bad-match", "categories.shop: \"match\" is 'fuzzy'; it is one of stem, typed, both" },
        { "typed-phrase", "categories.joiners: words holds the phrase 'of anders'; only single words can match there" },
        { "no-about", "categories.shop: \"about\" is missing or empty" },
        { "bad-name", "categories.Shop-Words: a category name is a word of letters and digits starting with a lower-case letter" },
        { "unknown-except", "categories.topic: exceptBeside names 'medicijnen', which is no other category" },
        { "unknown-field", "bad JSON" },
        { "verdict-unknown-category", "verdicts[0]: 'winkel' is neither a category nor one of the flags" },
        { "verdict-unknown-flag", "verdicts[0]: '@someday' is neither a category nor one of the flags" },
        { "verdict-empty", "verdicts[0]: \"all\" and \"none\" are both empty; a verdict names at least one category" },
        { "verdict-no-reason", "verdicts[0]: \"reason\" is missing or empty" },
    };

    [Theory]
    [MemberData(nameof(BrokenCategories))]
    public void A_broken_category_or_verdict_is_refused_naming_it_and_the_problem(string mutation, string expected)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepoPaths.FaqJson)!, "synonyms.json")))!.AsObject();
        var categories = json["categories"]!.AsObject();
        var verdicts = json["verdicts"]!.AsArray();
        switch (mutation)
        {
            case "no-categories":
                json.Remove("categories");
                break;
            case "missing-core":
                categories.Remove("core");
                break;
            case "empty-words":
                categories["shop"]!["words"] = new JsonArray();
                break;
            case "bad-counts":
                categories["shop"]!["counts"] = "sometimes";
                break;
            case "bad-match":
                categories["shop"]!["match"] = "fuzzy";
                break;
            case "typed-phrase":
                categories["joiners"]!["words"]!.AsArray().Add("of anders");
                break;
            case "no-about":
                categories["shop"]!.AsObject().Remove("about");
                break;
            case "bad-name":
                categories["Shop-Words"] = JsonNode.Parse("{ \"about\": \"x\", \"counts\": \"any\", \"words\": [\"kassa\"] }");
                break;
            case "unknown-except":
                categories["topic"]!["exceptBeside"] = new JsonArray("medicijnen");
                break;
            case "unknown-field":
                categories["shop"]!["wrods"] = new JsonArray("kassa");
                break;
            case "verdict-unknown-category":
                verdicts[0]!["all"] = new JsonArray("winkel");
                break;
            case "verdict-unknown-flag":
                verdicts[0]!["none"] = new JsonArray("@someday");
                break;
            case "verdict-empty":
                verdicts[0]!.AsObject().Remove("all");
                verdicts[0]!.AsObject().Remove("none");
                break;
            case "verdict-no-reason":
                verdicts[0]!.AsObject().Remove("reason");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }

        File.Copy(RepoPaths.FaqJson, FaqPath);
        File.WriteAllText(LexiconPath, json.ToJsonString());

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Contains(LexiconPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenLexicons))]
    public void A_broken_lexicon_is_refused_naming_its_file_and_the_problem(string lexicon, string expected)
    {
        File.Copy(RepoPaths.FaqJson, FaqPath);
        File.WriteAllText(LexiconPath, lexicon);

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Contains(LexiconPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_lexicon_is_refused()
    {
        File.Copy(RepoPaths.FaqJson, FaqPath);
        File.Delete(LexiconPath);

        var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(FaqPath));

        Assert.Contains(LexiconPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    private static void Mutate(JsonObject json, string mutation)
    {
        var entries = json["entries"]!.AsArray();
        JsonObject Entry(string id) => entries.Select(e => e!.AsObject()).Single(e => (string?)e["id"] == id);

        switch (mutation)
        {
            case "missing-id":
                entries[3]!.AsObject().Remove("id");
                break;
            case "duplicate-id":
                Entry("faq-02")["id"] = "faq-01";
                break;
            case "unknown-id":
                entries.Add(Entry("faq-10").DeepClone());
                entries[^1]!["id"] = "faq-11";
                entries[^1]!["variants"] = new JsonArray();
                entries[^1]!["question"] = "Een extra vraag?";
                break;
            case "missing-entry":
                entries.Remove(Entry("parasieten"));
                foreach (var entry in entries)
                {
                    var related = entry!["related"]!.AsArray();
                    foreach (var link in related.Where(r => (string?)r == "parasieten").ToList())
                    {
                        related.Remove(link);
                    }
                }

                break;
            case "empty-paragraph":
                Entry("malabsorptie")["paragraphs"]![1] = "   ";
                break;
            case "no-paragraphs":
                Entry("faq-03")["paragraphs"] = new JsonArray();
                break;
            case "empty-title":
                Entry("inleiding")["title"] = "";
                break;
            case "empty-question":
                Entry("faq-05").Remove("question");
                break;
            case "bad-kind":
                Entry("faq-04")["kind"] = "vraag";
                break;
            case "related-unknown":
                Entry("faq-06")["related"] = new JsonArray("faq-03", "faq-99");
                break;
            case "related-self":
                Entry("faq-07")["related"] = new JsonArray("faq-07");
                break;
            case "too-many-related":
                Entry("faq-08")["related"] = new JsonArray("faq-01", "faq-02", "faq-03", "faq-04");
                break;
            case "empty-variant":
                Entry("faq-09")["variants"]![0] = "";
                break;
            case "shared-variant":
                Entry("faq-10")["variants"]!.AsArray().Add((string?)Entry("faq-09")["variants"]![0]);
                break;
            case "no-article":
                json.Remove("article");
                break;
            case "bad-url":
                json["article"]!["url"] = "topvitamine.com/artikel";
                break;
            case "unknown-field":
                Entry("faq-02")["varaints"] = new JsonArray("vegan");
                break;
            case "no-entries":
                json["entries"] = new JsonArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "unknown mutation");
        }
    }
}
