using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace B12Bot.DirectLine;

/// <summary>Wiring of the self-hosted Direct Line endpoint and the demo page.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Direct Line endpoint: options (section <c>DirectLine</c>), tokens, the in-memory conversations,
    /// the bridge to the bot, CORS for the allowed origins and the rate limits.
    /// </summary>
    public static IServiceCollection AddB12BotDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DirectLineOptions();
        configuration.GetSection(DirectLineOptions.SectionName).Bind(options);
        options.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineAuthenticator>();
        services.AddSingleton<DirectLineConversationStore>();
        services.AddSingleton<DirectLineBotBridge>();

        // Browsers on the pharmacy's own site may call the endpoint (directlinejs also sends x-ms-bot-agent and
        // x-requested-with); no cookies are involved, so no credentials.
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .WithOrigins([.. options.AllowedOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, "x-ms-bot-agent", "x-requested-with")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        // Per client address: few tokens, a fair number of messages, plenty of polls (Web Chat polls every second).
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            AddPerClientLimit(limiter, DirectLineEndpoints.TokensLimit, options.RateLimits.TokensPerMinute);
            AddPerClientLimit(limiter, DirectLineEndpoints.PostsLimit, options.RateLimits.PostsPerMinute);
            AddPerClientLimit(limiter, DirectLineEndpoints.ReadsLimit, options.RateLimits.ReadsPerMinute);
        });
        return services;
    }

    /// <summary>
    /// Maps the Direct Line REST API (<c>/v3/directline/…</c>), its WebSocket stream, the connector endpoints the
    /// bot replies to, the page's token route (<c>POST /api/webchat/token</c>) and the demo page from wwwroot.
    /// Adds the CORS, rate-limiting and WebSocket middleware; they act only on these endpoints.
    /// </summary>
    public static WebApplication MapB12BotDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<DirectLineConversationStore>();

        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => AddPageHeaders(context.Context.Response) });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseCors();
        app.UseRateLimiter();

        DirectLineEndpoints.Map(app);
        DirectLineConnectorEndpoints.Map(app);
        return app;
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
}
