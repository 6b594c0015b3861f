using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Http;

/// <summary>
/// A pharmacy that cites its own copy of the article (Knowledge:ArticleUrl) gets the same answers over HTTP as the
/// shipped configuration, with citations to its own address.
/// </summary>
public sealed class ArticleUrlHttpTests(ArticleUrlHttpTests.Apps apps) : IClassFixture<ArticleUrlHttpTests.Apps>
{
    private const string OwnCopy = "https://apotheek.example/gezondheid/b12-tekort";

    // Written for this test: chat spelling, a typo and a story lean on the lexicon, the word list and the learned
    // decision; the last is not in the article and stays unanswered either way.
    private static readonly string[] Asked =
    [
        "welke klachten krijg je van te weinig b12",
        "wat zijn de symtomen van een b12 tekort",
        "mn moeder is 80 en vergeet veel de laatste tijd. kan dat door een laag b12 komen?",
        "ik eet al jaren geen vlees, moet ik b12 slikken?",
        "k heb altijd tintelingen in mn voeten, kan da van b12 komen",
        "wie loopt er meer risico op een tekort aan cobalamine",
        "hoeveel kost een griepprik bij jullie?",
    ];

    public static TheoryData<string> Questions => [.. Asked];

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task A_configured_article_url_changes_the_citations_and_nothing_else(string question)
    {
        var (expectedResponse, expected) = await BotHttp.PostAsync(apps.Shipped.CreateClient(), BotHttp.Message(question, "c-" + Guid.NewGuid().ToString("N")));
        var (actualResponse, actual) = await BotHttp.PostAsync(apps.OwnCopy.CreateClient(), BotHttp.Message(question, "c-" + Guid.NewGuid().ToString("N")));

        Assert.True(expectedResponse.IsSuccessStatusCode && actualResponse.IsSuccessStatusCode);
        Assert.Equal(BotHttp.Texts(expected), BotHttp.Texts(actual));
        Assert.Equal(Cited.Ids(expected), Cited.Ids(actual));
        var urls = CitationUrls(actual);
        Assert.Equal(Cited.Ids(actual).Count, urls.Count);
        Assert.All(urls, url => Assert.StartsWith(OwnCopy + "#", url, StringComparison.Ordinal));
        Assert.DoesNotContain(CitationUrls(expected), url => url.StartsWith(OwnCopy, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_questions_are_answered_from_the_article_with_the_configured_url()
    {
        var cited = 0;
        foreach (var question in Asked)
        {
            var (_, replies) = await BotHttp.PostAsync(apps.OwnCopy.CreateClient(), BotHttp.Message(question, "c-" + Guid.NewGuid().ToString("N")));
            cited += CitationUrls(replies).Count > 0 ? 1 : 0;
        }

        // Six of the seven are about the article; the configured knowledge must still find them.
        Assert.True(cited >= 5, $"{cited} of {Asked.Length} answered with a citation");
    }

    private static List<string> CitationUrls(JArray activities) =>
        [.. activities
            .SelectMany(a => a["entities"] as JArray ?? [])
            .Where(e => (string?)e["type"] == "https://schema.org/Message")
            .SelectMany(e => e["citation"] as JArray ?? [])
            .Select(c => (string?)c["appearance"]?["url"] ?? string.Empty)];

    /// <summary>The app with the shipped settings and with its own article URL, shared by the tests of this class.</summary>
    public sealed class Apps : IDisposable
    {
        public WebApplicationFactory<Program> Shipped { get; } = new Factory(articleUrl: null);

        public WebApplicationFactory<Program> OwnCopy { get; } = new Factory(ArticleUrlHttpTests.OwnCopy);

        public void Dispose()
        {
            Shipped.Dispose();
            OwnCopy.Dispose();
        }
    }

    private sealed class Factory(string? articleUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Kind", "Memory");
            builder.UseSetting("Knowledge:IndexFolder", "none");
            if (articleUrl is not null)
            {
                builder.UseSetting("Knowledge:ArticleUrl", articleUrl);
            }

            builder.UseEnvironment("Testing");
        }
    }
}
