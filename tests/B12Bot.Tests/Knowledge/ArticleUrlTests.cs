using System.Text.Json;
using B12Bot.Knowledge;
using B12Bot.Tests.Deploy;

namespace B12Bot.Tests.Knowledge;

/// <summary>A configured article URL (Knowledge:ArticleUrl) changes the citations and nothing else.</summary>
public sealed class ArticleUrlTests
{
    private const string OwnCopy = "https://apotheek.example/artikelen/vitamine-b12-tekort";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "knowledge");

    [Fact]
    public void Every_question_gets_the_same_answer_with_a_configured_article_url()
    {
        var shipped = KnowledgeServices.LoadKnowledge(Folder, articleUrl: null, allowAdditionalEntries: false);
        var configured = KnowledgeServices.LoadKnowledge(Folder, OwnCopy, allowAdditionalEntries: false);
        using var asShipped = new LuceneAnswerer(shipped);
        using var withUrl = new LuceneAnswerer(configured);

        // Questions of every kind (colloquial, typos, stories, off-topic): they lean on the lexicon, the word list and
        // the learned decision, which a copy of the knowledge without them would answer differently.
        var questions = File.ReadLines(Path.Combine(DeployFiles.RepoRoot, "tests", "questions", "tuning-12.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("q").GetString()!)
            .ToList();
        Assert.True(questions.Count > 100, $"{questions.Count} questions");

        var answered = 0;
        foreach (var question in questions)
        {
            var expected = asShipped.Ask(question);
            var actual = withUrl.Ask(question);
            Assert.True(expected.Outcome == actual.Outcome && expected.Entry?.Id == actual.Entry?.Id && expected.NotCovered == actual.NotCovered,
                $"{expected.Outcome} {expected.Entry?.Id} against {actual.Outcome} {actual.Entry?.Id}");
            if (actual.Entry is { } entry)
            {
                answered++;
                Assert.Equal(OwnCopy + "#" + entry.Id, configured.CitationUrl(entry));
                Assert.NotEqual(configured.CitationUrl(entry), shipped.CitationUrl(entry));
            }
        }

        Assert.True(answered > questions.Count / 2, $"{answered} of {questions.Count} answered");
    }

    [Fact]
    public void A_url_that_is_not_absolute_stops_the_start_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KnowledgeServices.LoadKnowledge(Folder, "artikel/b12", allowAdditionalEntries: false));
        Assert.Contains("Knowledge:ArticleUrl", error.Message, StringComparison.Ordinal);
    }
}
