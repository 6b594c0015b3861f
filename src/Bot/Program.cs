using B12Bot;
using B12Bot.Terminal;
using Microsoft.Bot.Builder;

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
    return;
}

if (args.Length > 0 && args[0] == "report")
{
    // `dotnet run --project src/Bot -- report`: the editors' report, with the same configuration as the bot.
    builder.Logging.ClearProviders();
    using var host = builder.Build();
    await B12Bot.Editors.EditorsReportCommand.RunAsync(host.Services, Console.Out, CancellationToken.None);
    return;
}

var app = builder.Build();
app.MapB12Bot();
app.Run();

/// <summary>The entry point, visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
