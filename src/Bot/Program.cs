using B12Bot;
using B12Bot.Hosting;
using B12Bot.Terminal;
using Microsoft.Bot.Builder;

// Before the host is built (a few tens of milliseconds on one core): the shipped knowledge starts loading, and the
// serialiser learns the activity's types, each on a thread of its own.
KnowledgeStart.Preload(KnowledgeServices.DefaultFolder);
_ = B12Bot.Adapters.ActivityHttp.WarmUpAsync();
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddB12Bot(builder.Configuration);

if (args.Length > 0 && args[0] == "chat")
{
    // `dotnet run --project src/Bot -- chat`: the same bot in the terminal, no web server.
    builder.Logging.ClearProviders();
    using var host = builder.Build();
    var adapter = new ConsoleChatAdapter(Console.In, Console.Out);
    await adapter.RunAsync(host.Services.GetRequiredService<IBot>(), CancellationToken.None);
    await host.Services.GetRequiredService<B12Bot.Editors.EditorsRecorder>().FlushAsync(CancellationToken.None);
    return 0;
}

if (args.Length > 0 && args[0] == "report")
{
    // `dotnet run --project src/Bot -- report`: the editors' report, with the same configuration as the bot.
    builder.Logging.ClearProviders();
    using var host = builder.Build();
    await B12Bot.Editors.EditorsReportCommand.RunAsync(host.Services, Console.Out, CancellationToken.None);
    return 0;
}

var app = builder.Build();
app.MapB12Bot();
var startup = app.Services.GetRequiredService<StartupState>();
await app.RunAsync();

// A start that failed after the server was up (the answerer could not be built) ends the process with 1.
return startup.Failed ? 1 : 0;

/// <summary>The entry point, visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
