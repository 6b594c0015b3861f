using B12Bot.Adapters;
using B12Bot.Bots;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace B12Bot;

/// <summary>All of the bot's wiring, in one place.</summary>
public static class BotServiceCollectionExtensions
{
    public static IServiceCollection AddB12Bot(this IServiceCollection services, IConfiguration configuration)
    {
        // Auth from MicrosoftAppType/Id/Password/TenantId; with no app id, no token is needed (local runs, tests).
        services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();

        // CloudAdapter has two constructors DI cannot choose between: our subclass also owns OnTurnError.
        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());

        // One bot instance per turn, as the samples do.
        services.AddTransient<IBot, B12ActivityHandler>();
        return services;
    }

    public static WebApplication MapB12Bot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
