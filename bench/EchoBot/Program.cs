using EchoBot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

var builder = WebApplication.CreateBuilder(args);

// The same auth as B12Bot: MicrosoftAppType/Id/Password/TenantId; with no app id, no token is needed.
builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();

// CloudAdapter needs a subclass for DI, exactly as in B12Bot.
builder.Services.AddSingleton<IBotFrameworkHttpAdapter, EchoAdapter>();

// Conversation state in memory, loaded and saved every turn: the floor includes a state round trip.
builder.Services.AddSingleton<IStorage, MemoryStorage>();
builder.Services.AddSingleton<ConversationState>();

// One bot per turn, as the samples do.
builder.Services.AddTransient<IBot, EchoActivityHandler>();

var app = builder.Build();
app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
    adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
app.MapGet("/healthz", () => Results.Text("ok"));
app.Run();
