using System.Net;
using B12Bot.Tests.Hostile;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Http;

/// <summary>
/// The log levels the app ships with (appsettings.json, Production): ordinary turns write no log line at all, so
/// a busy bot does not flood its logs; a turn that fails still writes its error.
/// </summary>
public sealed class ShippedLogLevelsTests
{
    public static TheoryData<string[]> Conversations => new()
    {
        new[] { "Welke producten zijn rijk aan B12?", "Wat is pernicieuze anemie?", "Kan metformine mijn B12 verlagen?" },
        new[] { "hallo", "Waarom is mijn B12 laag?", "Hoeveel kost een pakje boter?" },
        new[] { "b12 tekort oorzaak", "Welke klachten passen bij een tekort?", "dank je wel" },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Ordinary_turns_write_no_log_line_in_production(string[] messages)
    {
        using var factory = new ProductionAppFactory(failingBot: false);
        using var client = factory.CreateClient();
        var conversation = "logs-" + Guid.NewGuid().ToString("N");

        // The first turn may log what starting up logs; only what the turns themselves write counts.
        var (first, _) = await BotHttp.PostAsync(client, BotHttp.Message("Wat doet vitamine B12?", conversation));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        factory.Logs.Clear();

        foreach (var message in messages)
        {
            var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message(message, conversation));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(activities);
        }

        Assert.Empty(factory.Logs.Entries);
    }

    [Theory]
    [InlineData("Microsoft.Bot.Builder.Integration.AspNet.Core.CloudAdapter")]
    [InlineData("B12Bot.Adapters.AdapterWithErrorHandler")]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void Framework_categories_log_warnings_but_not_information(string category)
    {
        using var factory = new ProductionAppFactory(failingBot: false);
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.True(logger.IsEnabled(LogLevel.Error));
    }

    [Fact]
    public async Task A_failing_turn_still_logs_its_error_without_the_users_text()
    {
        using var factory = new ProductionAppFactory(failingBot: true);
        using var client = factory.CreateClient();
        const string text = "Mijn geheime vraag over B12";

        var (response, _) = await BotHttp.PostAsync(client, BotHttp.Message(text, "fail-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single(factory.Logs.Errors);
        Assert.Equal("B12Bot.Adapters.AdapterWithErrorHandler", error.Category);
        Assert.DoesNotContain(text, error.FullText, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level < LogLevel.Warning && e.Category != "Microsoft.Hosting.Lifetime");
    }

    /// <summary>The real app in the Production environment with its shipped appsettings.json, every log entry the levels let through captured.</summary>
    private sealed class ProductionAppFactory(bool failingBot) : WebApplicationFactory<Program>
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseSetting("Storage:Kind", "Memory");
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                if (failingBot)
                {
                    services.AddSingleton<IBot, FailingBot>();
                }
            });
        }
    }

    private sealed class FailingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the turn broke");
    }
}
