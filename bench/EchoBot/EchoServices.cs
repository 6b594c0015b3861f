using B12Bot.Adapters;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace EchoBot;

/// <summary>The echo bot's wiring, shared by its Program and the in-process benchmark that compares it with B12Bot.</summary>
public static class EchoServices
{
    public static IServiceCollection AddEchoBot(this IServiceCollection services)
    {
        // The same auth as B12Bot: MicrosoftAppType/Id/Password/TenantId; with no app id, no token is needed.
        // The connector clients of turns are kept and the user-token client is built only when used, as in B12Bot
        // (the same source file), so both bots skip the same framework work.
        services.AddSingleton(sp => new CachingBotFrameworkAuthentication(ActivatorUtilities.CreateInstance<ConfigurationBotFrameworkAuthentication>(sp)));
        services.AddSingleton<BotFrameworkAuthentication>(sp => sp.GetRequiredService<CachingBotFrameworkAuthentication>());

        // CloudAdapter needs a subclass for DI, exactly as in B12Bot.
        services.AddSingleton<IBotFrameworkHttpAdapter, EchoAdapter>();

        // Conversation state in memory, loaded and saved every turn: the floor includes a state round trip.
        services.AddSingleton<IStorage, MemoryStorage>();
        services.AddSingleton<ConversationState>();

        // One bot per turn, as the samples do.
        services.AddTransient<IBot, EchoActivityHandler>();
        return services;
    }

    public static WebApplication MapEchoBot(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
