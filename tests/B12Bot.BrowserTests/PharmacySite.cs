using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace B12Bot.BrowserTests;

/// <summary>
/// The real bot on real Kestrel (a free port on 127.0.0.1), configured as a fresh checkout runs it, plus headless
/// Debian Chromium driven by Playwright. Playwright is told never to download a browser of its own.
/// </summary>
public sealed class PharmacySite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public PharmacySite()
    {
        UseKestrel(0);
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Where screenshots go: TestResults/screenshots at the top of the repository.</summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "B12Bot.sln")))
            {
                folder = folder.Parent;
            }

            var root = folder?.FullName ?? AppContext.BaseDirectory;
            var screenshots = Path.Combine(root, "TestResults", "screenshots");
            Directory.CreateDirectory(screenshots);
            return screenshots;
        }
    }

    public async Task InitializeAsync()
    {
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
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Kind", "Memory");
    }
}

[CollectionDefinition(Name)]
public sealed class OnePharmacySite : ICollectionFixture<PharmacySite>
{
    public const string Name = "Pharmacy site";
}
