using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.DirectLine;

/// <summary>
/// The real app on real Kestrel (a free port on this machine), so the bot's replies travel over HTTP to the
/// Direct Line connector endpoints exactly as they do in production.
/// </summary>
public class DirectLineSite : WebApplicationFactory<Program>
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string AllowedOrigin = "https://www.apotheek-voorbeeld.nl";

    private readonly Dictionary<string, string?> settings;

    public DirectLineSite()
        : this(new Dictionary<string, string?>())
    {
    }

    protected DirectLineSite(Dictionary<string, string?> overrides)
    {
        settings = new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Memory",
            ["DirectLine:Secret"] = Secret,
            ["DirectLine:TokenSigningKey"] = SigningKey,
            ["DirectLine:AllowedOrigins:0"] = AllowedOrigin,
            ["DirectLine:MaxActivityBytes"] = "4096",
            ["DirectLine:RateLimits:TokensPerMinute"] = "1000",
            ["DirectLine:RateLimits:PostsPerMinute"] = "1000",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        UseKestrel(0);
    }

    /// <summary>Where the site listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A plain HTTP client for the site (no cookies, no redirects followed).</summary>
    public HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The site without a configured secret: the page still gets tokens; the generate endpoint refuses everyone.</summary>
public sealed class DirectLineSiteWithoutSecret() : DirectLineSite(new Dictionary<string, string?>
{
    ["DirectLine:Secret"] = string.Empty,
    ["DirectLine:TokenSigningKey"] = string.Empty,
});

/// <summary>The site with tiny rate limits, to see them bite.</summary>
public sealed class DirectLineSiteWithLowLimits() : DirectLineSite(new Dictionary<string, string?>
{
    ["DirectLine:RateLimits:TokensPerMinute"] = "3",
    ["DirectLine:RateLimits:PostsPerMinute"] = "2",
});
