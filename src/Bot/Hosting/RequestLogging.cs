using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace B12Bot.Hosting;

/// <summary>
/// Request logging without secrets, and Kestrel's limits for slow clients. ASP.NET Core's own "Request starting"
/// lines print the whole path and query, which hold Direct Line tokens (<c>?t=…</c>) and the per-conversation
/// connector keys (<c>/directline/connector/{key}/…</c>): those lines are kept off, and request lines come from the
/// HTTP logging middleware instead, with the token and key replaced by <c>[redacted]</c>.
/// </summary>
public static class RequestLogging
{
    /// <summary>What replaces a secret in a logged path or query.</summary>
    public const string Redacted = "[redacted]";

    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const string ConnectorSegment = "/directline/connector/";

    public static IServiceCollection AddB12BotRequestLogging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The host's request lines would show the secrets: never below Warning, whatever Microsoft.AspNetCore is set to.
        // Routing and static files print the request path at Debug: those lines are kept off too.
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.AddFilter(HostingCategory, LogLevel.Warning);
            options.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information);
            options.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Information);
        });
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RedactingInterceptor>();

        // Slow clients: headers must arrive within this time; bodies at Kestrel's minimum rate (240 B/s after 5 s).
        services.Configure<KestrelServerOptions>(options =>
            options.Limits.RequestHeadersTimeout = configuration.GetValue("Bot:RequestHeadersTimeout", TimeSpan.FromSeconds(10)));
        return services;
    }

    /// <summary>The path with the connector key replaced.</summary>
    public static string RedactPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var at = path.IndexOf(ConnectorSegment, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return path;
        }

        var keyStart = at + ConnectorSegment.Length;
        var keyEnd = path.IndexOf('/', keyStart);
        return path[..keyStart] + Redacted + (keyEnd < 0 ? string.Empty : path[keyEnd..]);
    }

    /// <summary>The query with the value of <c>t</c> (a Direct Line token) replaced.</summary>
    public static string RedactQuery(QueryString query)
    {
        if (!query.HasValue)
        {
            return string.Empty;
        }

        var parts = query.Value!.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var name = parts[i].Split('=', 2)[0];
            if (string.Equals(Uri.UnescapeDataString(name), "t", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = name + "=" + Redacted;
            }
        }

        return "?" + string.Join('&', parts);
    }

    private sealed class RedactingInterceptor : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            ArgumentNullException.ThrowIfNull(logContext);
            var request = logContext.HttpContext.Request;
            if (logContext.TryDisable(HttpLoggingFields.RequestPath))
            {
                logContext.AddParameter(nameof(request.Path), RedactPath(request.Path.Value ?? string.Empty));
            }

            if (logContext.TryDisable(HttpLoggingFields.RequestQuery))
            {
                logContext.AddParameter(nameof(request.QueryString), RedactQuery(request.QueryString));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
