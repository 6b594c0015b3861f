using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace B12Bot.DirectLine;

/// <summary>Wiring of the self-hosted Direct Line endpoint and the demo page.</summary>
public static partial class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Direct Line endpoint: options (section <c>DirectLine</c>), tokens, the in-memory conversations,
    /// the bridge to the bot, CORS for the allowed origins and the rate limits.
    /// </summary>
    public static IServiceCollection AddB12BotDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DirectLineOptions>>().Value);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineAuthenticator>();
        services.AddSingleton<DirectLineBotBridge>();
        services.AddSingleton<MemoryDirectLineStore>();
        services.AddSingleton(sp => new Lazy<RedisDirectLineStore>(() => ActivatorUtilities.CreateInstance<RedisDirectLineStore>(sp)));
        services.AddSingleton<IDirectLineStore>(sp => sp.GetRequiredService<DirectLineOptions>().Store == DirectLineStoreKind.Redis
            ? sp.GetRequiredService<Lazy<RedisDirectLineStore>>().Value
            : sp.GetRequiredService<MemoryDirectLineStore>());

        // Browsers on the pharmacy's own site may call the endpoint (directlinejs also sends x-ms-bot-agent and
        // x-requested-with); no cookies are involved, so no credentials.
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .WithOrigins([.. directLine.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, "x-ms-bot-agent", "x-requested-with")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        // Per client address: few tokens, a fair number of messages, plenty of polls (Web Chat polls every second).
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<DirectLineOptions>>((limiter, directLine) =>
        {
            var limits = directLine.Value.RateLimits;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            AddPerClientLimit(limiter, DirectLineEndpoints.TokensLimit, limits.TokensPerMinute);
            AddPerClientLimit(limiter, DirectLineEndpoints.PostsLimit, limits.PostsPerMinute);
            AddPerClientLimit(limiter, DirectLineEndpoints.ReadsLimit, limits.ReadsPerMinute);
        });
        return services;
    }

    /// <summary>
    /// Maps the Direct Line REST API (<c>/v3/directline/…</c>), its WebSocket stream, the connector endpoints the
    /// bot replies to, the page's token route (<c>POST /api/webchat/token</c>) and the demo page from wwwroot.
    /// Adds the static-file, WebSocket, CORS and rate-limiting middleware; they act only on these endpoints, and requests
    /// under <paramref name="bypass"/> (the bot's own messages endpoint, which none of them serves) do not pass through them.
    /// </summary>
    public static WebApplication MapB12BotDirectLine(this WebApplication app, PathString bypass = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<IDirectLineStore>();

        app.UseWhen(http => !bypass.HasValue || !http.Request.Path.StartsWithSegments(bypass), page =>
        {
            page.UseDefaultFiles();
            page.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => AddPageHeaders(context.Context.Response) });
            page.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            page.UseCors();
            page.UseRateLimiter();
            page.Use(StoreUnavailableAsync);
        });

        DirectLineEndpoints.Map(app);
        DirectLineConnectorEndpoints.Map(app);
        return app;
    }

    /// <summary>The conversation store (Redis) cannot be reached: Direct Line answers 503 with Retry-After; nothing else is affected.</summary>
    private static async Task StoreUnavailableAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (DirectLineStoreUnavailableException) when (!http.Response.HasStarted)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("B12Bot.DirectLine");
            ServiceLog.StoreUnavailable(logger);
            http.Response.Clear();
            await DirectLineResults.RetryLater(http.Response, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                "The conversation store is not reachable; try again shortly.", TimeSpan.FromSeconds(5)).ExecuteAsync(http);
        }
    }

    private static void AddPerClientLimit(RateLimiterOptions limiter, string policy, int perMinute) =>
        limiter.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
            ClientAddress(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    private static string ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();

    /// <summary>The demo page loads only its own scripts and styles and talks only to this server.</summary>
    private static void AddPageHeaders(HttpResponse response)
    {
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";
            response.Headers.CacheControl = "no-cache";
        }
    }

    private static partial class ServiceLog
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line conversation store unreachable: answered 503")]
        public static partial void StoreUnavailable(ILogger logger);
    }
}

/// <summary>Stops the app at start-up with the first thing wrong in the <c>DirectLine</c> section.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
