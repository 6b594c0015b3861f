using B12Bot.Adapters;
using B12Bot.Bots;
using B12Bot.Cards;
using B12Bot.Dialogs;
using B12Bot.DirectLine;
using B12Bot.Hosting;
using B12Bot.Privacy;
using B12Bot.Editors;
using B12Bot.Knowledge;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Safety;
using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace B12Bot;

/// <summary>All of the bot's wiring, in one place.</summary>
public static class BotServiceCollectionExtensions
{
    public static IServiceCollection AddB12Bot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The knowledge is read and validated once at start-up: a bad file stops the app with a clear message.
        var knowledgeFolder = configuration["Knowledge:Folder"] is { Length: > 0 } folder
            ? folder
            : KnowledgeServices.DefaultFolder;
        // Loaded, checked and indexed on other threads from here on, while the host is built and starts (KnowledgeStart).
        var start = KnowledgeStart.Begin(knowledgeFolder, configuration);
        services.AddSingleton(_ => start.Knowledge(configuration));
        services.AddSingleton(_ => start.RedFlags());
        services.AddSingleton<IAnswerer>(sp => start.Answerer(
            sp.GetRequiredService<KnowledgeBase>(), configuration, sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.AddSingleton(sp => start.Rules(sp.GetRequiredService<KnowledgeBase>()));
        services.AddSingleton<StartupState>();
        services.AddSingleton<Citations>();
        services.AddSingleton<AnswerRenderer>();
        services.AddSingleton(_ => new PharmacyContact(configuration.GetSection(PharmacyOptions.SectionName).Get<PharmacyOptions>() ?? new PharmacyOptions()));

        // Auth from MicrosoftAppType/Id/Password/TenantId; with no app id, no token is needed (local runs, tests).
        // Token validation waits a few seconds at most for Entra ID's keys, and remembers an outage briefly.
        // The connector clients of turns are kept per app id, serviceUrl and audience; the user-token client is built
        // only when used (bench/EchoBot does the same, so the benchmark compares like with like).
        services.AddSingleton(sp => new CachingBotFrameworkAuthentication(ActivatorUtilities.CreateInstance<ConfigurationBotFrameworkAuthentication>(sp)));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new BoundedBotFrameworkAuthentication(
            sp.GetRequiredService<CachingBotFrameworkAuthentication>(),
            AuthenticationLimits.From(configuration),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<BoundedBotFrameworkAuthentication>>()));

        // Bad-but-parseable requests become 4xx here instead of 500s in the framework.
        // Without authentication, replies go to loopback (not in Production) or to Bot:AllowedServiceUrls only.
        services.AddSingleton(sp =>
        {
            var options = new ActivityRequestOptions
            {
                AuthenticationEnabled = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]),
                AllowLoopbackServiceUrls = sp.GetService<IHostEnvironment>()?.IsProduction() != true,
            };
            configuration.GetSection("Bot").Bind(options);
            options.AllowedServiceUrls.Clear();
            foreach (var prefix in configuration.GetSection("Bot:AllowedServiceUrls").Get<string[]>() ?? [])
            {
                options.AllowedServiceUrls.Add(prefix);
            }

            return new ActivityRequestValidator(options);
        });

        // CloudAdapter has two constructors DI cannot choose between: our subclass also owns OnTurnError. The reply
        // hold comes first, so the safe-turn wrapper runs turns in their own context and the Teams middleware sees
        // only the replies that go out.
        services.AddSingleton(sp => (AdapterWithErrorHandler)ActivatorUtilities.CreateInstance<AdapterWithErrorHandler>(sp)
            .Use(new ReplyHoldMiddleware())
            .Use(sp.GetRequiredService<TeamsAnswers>()));
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());

        // State: SQLite by default, Azure Blobs for several instances, memory for tests (Storage:Kind).
        services.AddB12BotStorage(configuration);

        // One bot instance per turn attempt, as the samples do; the safe-turn wrapper serialises a conversation's
        // turns, holds replies until state is saved, reruns a turn on an ETag conflict and copes with outages.
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<CauseFinderDialog>();
        services.AddSingleton<FreeQuestionAnswerer>();
        services.AddSingleton<GpSummary>();
        services.AddSingleton<MainDialog>();
        services.AddTransient<B12ActivityHandler>();
        services.AddSingleton<IBot>(sp => new SafeTurnBot(
            sp.GetRequiredService<B12ActivityHandler>,
            sp.GetRequiredService<ConversationLocks>(),
            sp.GetRequiredService<FreeQuestionAnswerer>(),
            sp.GetRequiredService<ILogger<SafeTurnBot>>()));

        // Request lines without tokens or connector keys; Kestrel's limits for slow clients.
        services.AddB12BotRequestLogging(configuration);

        // The self-hosted Direct Line endpoint and the demo page with Web Chat.
        services.AddB12BotDirectLine(configuration);
        services.AddSingleton<IPersonalDataEraser, DirectLineConversationEraser>();

        // Feedback, unanswered questions and the editors' report (Editors section).
        services.AddB12BotEditors(configuration);
        return services;
    }

    public static WebApplication MapB12Bot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Fail at start-up, not on the first question, when the knowledge or its rules are broken. The answerer is
        // still being built on another thread: the server starts meanwhile, and a failure there stops the app.
        _ = app.Services.GetRequiredService<KnowledgeBase>();
        _ = app.Services.GetRequiredService<RedFlagDetector>();
        _ = app.Services.GetRequiredService<CauseFinderRules>();
        StopWhenTheAnswererFails(app);
        WarnWhenUnauthenticatedInProduction(app);
        OpenStateStoreInBackground(app);
        app.UseHttpLogging();

        app.MapPost(MessagesPath, async (HttpContext http, ActivityRequestValidator validator, AdapterWithErrorHandler adapter, IBot bot) =>
        {
            var check = await validator.CheckAsync(http.Request, http.RequestAborted);
            if (!check.Accepted && check.Status == System.Net.HttpStatusCode.RequestTimeout)
            {
                // A client too slow to send its body: one line, no stack trace; Kestrel has already given up on it.
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("B12Bot.Requests");
                RequestLog.SlowBody(logger);
                http.Response.StatusCode = StatusCodes.Status408RequestTimeout;
                return;
            }

            if (!check.Accepted)
            {
                http.Response.StatusCode = (int)check.Status;
                await http.Response.WriteAsJsonAsync(new { error = check.Reason }, http.RequestAborted);
                return;
            }

            if (!validator.AuthenticationEnabled)
            {
                // With no app id the framework still parses a token it is given (and throws on a bad one): ignore it.
                http.Request.Headers.Authorization = default;
            }
            else if (!ActivityRequestValidator.IsWellFormedBearer(http.Request.Headers.Authorization))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            try
            {
                await adapter.ProcessBodyAsync(http.Request, http.Response, check.Body!, bot, http.RequestAborted);
            }
            catch (ReplyDeliveryException) when (!http.Response.HasStarted)
            {
                // The channel's serviceUrl could not be reached; the adapter logged one warning line.
                http.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
            catch (Exception ex) when (validator.AuthenticationEnabled && !http.Response.HasStarted && IsTokenValidationFailure(ex))
            {
                // A token that cannot be validated (bad signature, unknown key, signing keys unreachable) is a 401.
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("B12Bot.Authentication");
                AuthLog.TokenRefused(logger, ex.GetType().Name);
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
        });
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapB12BotDirectLine(bypass: MessagesPath);
        app.MapB12BotEditors();
        return app;
    }

    /// <summary>Where channels post activities to the bot (Bot Framework's messages endpoint).</summary>
    public const string MessagesPath = "/api/messages";

    /// <summary>A key no channel's state is stored under: reading it only opens the store.</summary>
    private const string StartupProbeKey = "b12bot/startup-probe";

    /// <summary>
    /// Opens the SQLite state file on another thread while the server starts (its folder, schema and a connection),
    /// which the first turn would otherwise do; a failure is left for that turn to meet and report as before.
    /// </summary>
    private static void OpenStateStoreInBackground(WebApplication app)
    {
        if (app.Services.GetService<IStorage>() is not SqliteStateStorage sqlite)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                _ = await sqlite.ReadAsync([StartupProbeKey]).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                // The first turn meets the same problem and answers as it always did.
            }
        });
    }

    /// <summary>
    /// Finishes the answerer on another thread (the first question waits for it if it comes sooner). When it cannot be
    /// built, one critical line names the exception's type and the app stops, its start marked as failed (the process
    /// then exits with 1).
    /// </summary>
    private static void StopWhenTheAnswererFails(WebApplication app)
    {
        _ = OwnThread.Run(() =>
        {
            try
            {
                _ = app.Services.GetRequiredService<IAnswerer>();
            }
            catch (Exception ex) when (ex is not ObjectDisposedException && !app.Lifetime.ApplicationStopping.IsCancellationRequested)
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("B12Bot.Startup");
                var type = ex.GetType().Name;
                StartupLog.AnswererFailed(logger, type);
                app.Services.GetRequiredService<StartupState>().MarkFailed();
                app.Lifetime.StopApplication();
            }
            catch (Exception)
            {
                // The app was stopped before the answerer was ready: nothing to report.
            }
        });
    }

    /// <summary>One clear warning when a Production instance accepts requests without Bot Framework authentication.</summary>
    private static void WarnWhenUnauthenticatedInProduction(WebApplication app)
    {
        var requests = app.Services.GetRequiredService<ActivityRequestValidator>();
        if (!app.Environment.IsProduction() || requests.AuthenticationEnabled)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("B12Bot.Startup");
        AuthLog.RunningWithoutAuthentication(logger, requests.AllowedServiceUrlCount);
    }

    /// <summary>Whether an exception escaping the adapter comes from validating the request's token.</summary>
    private static bool IsTokenValidationFailure(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            var ns = ex.TargetSite?.DeclaringType?.Namespace ?? string.Empty;
            if (ex is Microsoft.IdentityModel.Tokens.SecurityTokenException
                || ns.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal)
                || ns.StartsWith("System.IdentityModel", StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Bot.Connector.Authentication", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Request refused: its token could not be validated ({ErrorType})")]
    public static partial void TokenRefused(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Production without authentication: no MicrosoftAppId is configured, so /api/messages accepts requests from anyone; replies go only to Bot:AllowedServiceUrls ({Allowed} configured). Set MicrosoftAppType and MicrosoftAppId to require Bot Framework tokens.")]
    public static partial void RunningWithoutAuthentication(ILogger logger, int allowed);
}

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Critical, Message = "The knowledge's answerer could not be built ({ExceptionType}): the app stops")]
    public static partial void AnswererFailed(ILogger logger, string exceptionType);
}

internal static partial class RequestLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Request refused with 408: its body arrived too slowly or not at all")]
    public static partial void SlowBody(ILogger logger);
}
