using B12Bot.Hosting;
using B12Bot.Knowledge;
using B12Bot.Tests.Hostile;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Hosting;

/// <summary>
/// The knowledge and its answerer are started before the host is built; a host whose settings or services differ
/// by the time it asks gets its own, and an answerer that cannot be built stops the app as a failed start.
/// </summary>
public sealed class KnowledgeStartTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "knowledge");

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Knowledge:IndexFolder", "none")))
            .Build();

    [Fact]
    public async Task The_answerer_started_early_is_the_one_a_host_with_the_same_settings_gets()
    {
        var settings = Settings();
        var start = KnowledgeStart.Begin(Folder, settings);
        var knowledge = start.Knowledge(settings);

        var answerer = start.Answerer(knowledge, settings, contentRoot: null);

        Assert.Same(await start.EarlyAnswerer, answerer);
        Assert.IsType<CachingAnswerer>(answerer);
        Assert.Equal(AnswerOutcome.Answer, answerer.Ask("Wat zijn de klachten bij een tekort aan vitamine B12?").Outcome);
    }

    [Fact]
    public async Task Settings_changed_after_the_start_get_an_answerer_of_their_own()
    {
        var early = Settings();
        var start = KnowledgeStart.Begin(Folder, early);
        var knowledge = start.Knowledge(early);

        var withoutCache = start.Answerer(knowledge, Settings(("Answers:CacheSize", "0")), contentRoot: null);
        var otherKnowledge = start.Answerer(KnowledgeServices.LoadKnowledge(Folder, null, false), early, contentRoot: null);

        Assert.IsType<LuceneAnswerer>(withoutCache);
        Assert.NotSame(await start.EarlyAnswerer, otherKnowledge);
        Assert.NotSame(await start.EarlyAnswerer, withoutCache);
    }

    [Fact]
    public void An_article_url_set_after_the_start_is_the_one_cited()
    {
        var start = KnowledgeStart.Begin(Folder, Settings());
        var early = start.Knowledge(Settings());

        var later = start.Knowledge(Settings(("Knowledge:ArticleUrl", "https://apotheek.example/b12")));

        Assert.NotSame(early, later);
        Assert.Equal("https://apotheek.example/b12", later.Article.Url);
        Assert.NotEqual(later.Article.Url, early.Article.Url);
    }

    [Fact]
    public async Task The_server_starts_before_the_answerer_is_built_and_stops_as_a_failed_start_when_it_cannot_be()
    {
        using var factory = new FailingAnswererFactory();

        // The answerer is still being built (held here) when the server is up.
        using var client = factory.CreateClient();
        var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.True(lifetime.ApplicationStarted.IsCancellationRequested);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.False(factory.Services.GetRequiredService<StartupState>().Failed);

        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        factory.Release.Set();
        await stopping.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(factory.Services.GetRequiredService<StartupState>().Failed);
        var critical = Assert.Single(factory.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Equal("B12Bot.Startup", critical.Category);
        Assert.Contains(nameof(IOException), critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("index folder", critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_that_went_well_is_not_marked_failed()
    {
        using var factory = new HostileAppFactory();
        using var client = factory.CreateClient();

        Assert.False(factory.Services.GetRequiredService<StartupState>().Failed);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level == LogLevel.Critical);
    }

    private sealed class FailingAnswererFactory : WebApplicationFactory<Program>
    {
        public LogCapture Logs { get; } = new();

        /// <summary>Set to let the answerer's build go on, and fail.</summary>
        public ManualResetEventSlim Release { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:Kind", "Memory");
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.AddSingleton<IAnswerer>(_ =>
                {
                    Release.Wait(TimeSpan.FromMinutes(1));
                    throw new IOException("the index folder is gone");
                });
            });
        }

        protected override void Dispose(bool disposing)
        {
            Release.Set();
            base.Dispose(disposing);
            if (disposing)
            {
                Release.Dispose();
            }
        }
    }
}
