using System.Collections.Concurrent;
using B12Bot.Tests.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace B12Bot.BrowserTests;

/// <summary>
/// Two B12Bot instances (own processes, Direct Line in Redis, state in Azurite) behind a round-robin reverse proxy
/// (YARP) with no session affinity, as a load balancer would put them; and headless Debian Chromium.
/// </summary>
public sealed class RoundRobinPair : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly TwoInstances servers = new();
    private WebApplication? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The proxy's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>How many requests the proxy sent to each instance.</summary>
    public ConcurrentDictionary<string, int> Forwarded { get; } = new(StringComparer.Ordinal);

    public TwoInstances Servers => servers;

    public async Task InitializeAsync()
    {
        await servers.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = "everything",
                    ClusterId = "b12bot",
                    Match = new RouteMatch { Path = "{**rest}" },

                    // The instances see the address the browser used, as behind any load balancer.
                    Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
                },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = "b12bot",
                    LoadBalancingPolicy = "RoundRobin",
                    Destinations = new Dictionary<string, DestinationConfig>
                    {
                        [servers.First.Name] = new() { Address = servers.First.Address.ToString() },
                        [servers.Second.Name] = new() { Address = servers.Second.Address.ToString() },
                    },
                },
            ]);
        proxy = builder.Build();
        proxy.MapReverseProxy(pipeline =>
        {
            pipeline.UseLoadBalancing();
            pipeline.Use(async (context, next) =>
            {
                if (context.Features.Get<IReverseProxyFeature>()?.AvailableDestinations is [var destination])
                {
                    Forwarded.AddOrUpdate(destination.DestinationId, 1, (_, count) => count + 1);
                }

                await next();
            });
        });
        await proxy.StartAsync();
        Address = new Uri(proxy.Urls.First() + "/");

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PharmacySite.ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A new visitor on the proxy's address: a fresh browser context with a Dutch desktop window.</summary>
    public async Task<IPage> NewVisitorAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            BaseURL = Address.ToString(),
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        await servers.DisposeAsync();
    }
}
