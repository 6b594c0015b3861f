using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// The real bot on real Kestrel (a free port on 127.0.0.1), configured as a fresh checkout runs it, plus headless
/// Debian Chromium driven by Playwright. Playwright is told never to download a browser of its own.
/// </summary>
public sealed class PharmacySite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The key of the editors' page in these tests.</summary>
    public const string EditorsKey = "sleutel-van-de-browsertests";

    /// <summary>The placeholder for the bot's address in deploy/webchat/snippet.html.</summary>
    public const string SnippetPlaceholder = "https://chat.apotheek-voorbeeld.nl";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private WebApplication? pharmacyWebsite;

    public PharmacySite()
    {
        UseKestrel(0);
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>
    /// A pharmacy's own web site with the snippet pasted in, at http://127.0.0.1:{port}: another origin than the bot,
    /// and one the bot allows (DirectLine:AllowedOrigins).
    /// </summary>
    public Uri PharmacyWebsite { get; private set; } = null!;

    /// <summary>The same site reached as http://localhost:{port}: an origin the bot does not allow.</summary>
    public Uri StrangerWebsite { get; private set; } = null!;

    /// <summary>The top of the repository (where B12Bot.sln is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "B12Bot.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("B12Bot.sln not found above the test binaries.");
        }
    }

    /// <summary>Where screenshots go: TestResults/screenshots at the top of the repository.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var screenshots = Path.Combine(RepositoryRoot, "TestResults", "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }

    public async Task InitializeAsync()
    {
        // The pharmacy's site first: the bot must know its origin when it starts.
        pharmacyWebsite = PharmacyWebsiteApp();
        await pharmacyWebsite.StartAsync();
        var port = new Uri(pharmacyWebsite.Urls.First()).Port;
        PharmacyWebsite = new Uri($"http://127.0.0.1:{port}/vitamine-b12");
        StrangerWebsite = new Uri($"http://localhost:{port}/vitamine-b12");

        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A new visitor: a fresh browser context (no storage, no cookies) with a Dutch desktop window.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            BaseURL = Address.ToString(),
        });
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (pharmacyWebsite is not null)
        {
            await pharmacyWebsite.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Kind", "Memory");
        builder.UseSetting("DirectLine:AllowedOrigins:0", PharmacyWebsite.GetLeftPart(UriPartial.Authority));

        // Every visitor of these tests comes from 127.0.0.1: the per-address limits (tested over HTTP) would refuse
        // the later pages' tokens when the whole collection runs within a minute.
        builder.UseSetting("DirectLine:RateLimits:TokensPerMinute", "600");
        builder.UseSetting("DirectLine:RateLimits:PostsPerMinute", "600");

        // The demo pharmacy, and the editors' report with its key (read back by the feedback tests).
        builder.UseSetting("Pharmacy:Name", "Apotheek De Linde");
        builder.UseSetting("Pharmacy:Phone", "030 - 123 45 67");
        builder.UseSetting("Pharmacy:OpeningHours", "werkdagen 8.00 – 18.00 uur");
        builder.UseSetting("Editors:CollectUnanswered", "true");
        builder.UseSetting("Editors:Key", EditorsKey);
    }

    /// <summary>A small web server playing the pharmacy's site: a page with deploy/webchat/snippet.html pasted in.</summary>
    private WebApplication PharmacyWebsiteApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/vitamine-b12", () =>
        {
            var snippet = File.ReadAllText(Path.Combine(RepositoryRoot, "deploy", "webchat", "snippet.html"));
            var bot = Address.GetLeftPart(UriPartial.Authority);
            return Results.Content(
                $"""
                <!doctype html>
                <html lang="nl"><head><meta charset="utf-8"><title>Apotheek Voorbeeld: vitamine B12</title></head>
                <body style="font-family: sans-serif; margin: 32px 48px; background: #fafafa;">
                <h1 style="color: #7a1f4d;">Apotheek Voorbeeld</h1>
                <p>Vragen over vitamine B12? Stel ze hieronder aan onze informatiechat.</p>
                {snippet.Replace(SnippetPlaceholder, bot, StringComparison.Ordinal)}
                </body></html>
                """,
                "text/html; charset=utf-8");
        });
        return app;
    }
}

[CollectionDefinition(Name)]
public sealed class OnePharmacySite : ICollectionFixture<PharmacySite>
{
    public const string Name = "Pharmacy site";
}
