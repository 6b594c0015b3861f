using System.Text.RegularExpressions;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests;

/// <summary>The knowledge quotes the article: every sentence of its sections and FAQs is there, unchanged.</summary>
public sealed partial class ArticleVerbatimTests
{
    private const string FirstHeading = "Snelle Antwoordsamenvatting";
    private const string KeywordsHeading = "Belangrijke zoekwoorden";

    private static readonly Lazy<ArticleText> Article = new(ArticleText.Read);

    [Fact]
    public void Every_sentence_of_the_sections_and_faqs_is_in_the_knowledge_unchanged()
    {
        var knowledgeText = string.Join('\n', RealKnowledge.Base.Entries
            .SelectMany(e => e.Paragraphs.Prepend(e.Title).Append(e.Question))
            .Append(RealKnowledge.Base.Article.FaqHeading ?? string.Empty));

        var sentences = Article.Value.Lines.SelectMany(Sentences).ToList();
        Assert.True(sentences.Count > 120, $"only {sentences.Count} sentences read from the article");
        var missing = sentences.Where(s => !knowledgeText.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "not in the knowledge verbatim:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Each_section_is_its_heading_followed_by_exactly_its_paragraphs()
    {
        var lines = Article.Value.Lines;
        var sections = RealKnowledge.Base.Entries.Where(e => e.Kind == EntryKind.Section).ToList();
        Assert.Equal(KnowledgeIds.Sections, sections.Select(e => e.Id));
        foreach (var section in sections)
        {
            var start = lines.IndexOf(section.Title);
            Assert.True(start >= 0, $"section '{section.Id}': its title is not a heading of the article");
            var expected = lines.Skip(start + 1).Take(section.Paragraphs.Count).ToList();
            Assert.Equal(expected, section.Paragraphs);

            var next = start + 1 + section.Paragraphs.Count;
            var following = next < lines.Count ? lines[next] : null;
            var isBoundary = following is null
                || sections.Any(s => s.Title == following)
                || following == RealKnowledge.Base.Article.FaqHeading;
            Assert.True(isBoundary, $"section '{section.Id}' stops before the article's paragraph '{following}'");
        }
    }

    [Fact]
    public void Each_faq_is_its_question_and_answer_in_article_order()
    {
        var lines = Article.Value.Lines;
        var faqHeading = lines.IndexOf(RealKnowledge.Base.Article.FaqHeading ?? string.Empty);
        Assert.True(faqHeading >= 0, "the FAQ heading is not in the article");
        var faqs = RealKnowledge.Base.Entries.Where(e => e.Kind == EntryKind.Faq).ToList();
        Assert.Equal(KnowledgeIds.Faqs, faqs.Select(e => e.Id));
        for (var i = 0; i < faqs.Count; i++)
        {
            Assert.Equal(lines[faqHeading + 1 + (2 * i)], faqs[i].Title);
            Assert.Equal(faqs[i].Title, faqs[i].Question);
            Assert.Equal([lines[faqHeading + 2 + (2 * i)]], faqs[i].Paragraphs);
        }
    }

    [Fact]
    public void The_keywords_are_the_articles_important_search_words()
    {
        Assert.Equal(Article.Value.KeywordsLine, string.Join(", ", RealKnowledge.Base.Keywords) + ".");
    }

    [Fact]
    public void The_article_title_is_the_articles_dutch_title()
    {
        Assert.Contains(RealKnowledge.Base.Article.Title, Article.Value.Header);
        Assert.StartsWith("https://", RealKnowledge.Base.Article.Url, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Sentences(string line) =>
        SentenceEnd().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    /// <summary>The article's body lines (headings, paragraphs, bullets, FAQ questions and answers), markers removed.</summary>
    private sealed partial class ArticleText
    {
        public required List<string> Lines { get; init; }

        public required string KeywordsLine { get; init; }

        public required List<string> Header { get; init; }

        public static ArticleText Read()
        {
            var all = File.ReadAllLines(RepoPaths.Shared("source", "article-nl.txt"))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0)
                .ToList();
            var first = all.FindIndex(l => l.StartsWith(FirstHeading, StringComparison.Ordinal));
            var keywords = all.FindIndex(l => l == KeywordsHeading);
            Assert.True(first >= 0 && keywords > first, "the article's body could not be found");
            var lines = all.Skip(first).Take(keywords - first)
                .Select(l => Bullet().Replace(l, string.Empty))
                .Select(l => Numbering().Replace(l, string.Empty))
                .ToList();
            return new ArticleText { Lines = lines, KeywordsLine = all[keywords + 1], Header = all.Take(first).ToList() };
        }

        [GeneratedRegex(@"^•\s*")]
        private static partial Regex Bullet();

        [GeneratedRegex(@"^\d+\.\s+(?=\S.*\?$)")]
        private static partial Regex Numbering();
    }
}
