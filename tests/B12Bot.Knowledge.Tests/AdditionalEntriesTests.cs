using System.Text.Json.Nodes;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests;

/// <summary>A larger (generated) knowledge base: extra entries only when asked for, the article's own still required.</summary>
public sealed class AdditionalEntriesTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "b12bot-extra-" + Guid.NewGuid().ToString("N"));

    public AdditionalEntriesTests()
    {
        Directory.CreateDirectory(folder);
        File.Copy(RepoPaths.InRepo("knowledge", "synonyms.json"), Path.Combine(folder, "synonyms.json"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("gen-00001", false, false)]
    [InlineData("gen-00001", true, true)]
    [InlineData("Gen 1!", true, false)]
    public void An_entry_with_an_id_outside_the_article_loads_only_when_additional_entries_are_allowed(string id, bool allow, bool loads)
    {
        var faq = JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("knowledge", "faq.json")))!;
        var entries = faq["entries"]!.AsArray();
        var copy = entries.First(e => (string?)e!["id"] == "parasieten")!.DeepClone();
        copy["id"] = id;
        copy["question"] = "Een extra vraag voor een grotere kennisbank?";
        copy["variants"] = new JsonArray("eerste extra variant", "tweede extra variant");
        copy["related"] = new JsonArray();
        entries.Add(copy);
        var path = Path.Combine(folder, "faq.json");
        File.WriteAllText(path, faq.ToJsonString());

        if (loads)
        {
            var knowledge = KnowledgeLoader.Load(path, allowAdditionalEntries: allow);
            Assert.True(knowledge.TryGet(id, out _));
            Assert.Equal(id, knowledge.Entries[^1].Id);
        }
        else
        {
            var error = Assert.Throws<KnowledgeValidationException>(() => KnowledgeLoader.Load(path, allowAdditionalEntries: allow));
            Assert.Contains("unknown id", error.Message, StringComparison.Ordinal);
        }
    }
}
