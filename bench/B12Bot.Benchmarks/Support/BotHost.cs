using Microsoft.AspNetCore.Builder;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace B12Bot.Benchmarks.Support;

/// <summary>The bot's services as the app builds them, with a folder of its own for SQLite state.</summary>
internal sealed class BotHost : IDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private BotHost(WebApplication app, string folder)
    {
        this.app = app;
        this.folder = folder;
        Bot = app.Services.GetRequiredService<IBot>();
    }

    public IBot Bot { get; }

    public CollectingAdapter Adapter { get; } = new();

    public static BotHost Start(string storageKind)
    {
        var folder = Directory.CreateTempSubdirectory("b12bot-bench-").FullName;
        var builder = WebApplication.CreateBuilder(
        [
            $"--Storage:Kind={storageKind}",
            $"--Storage:Sqlite:Path={Path.Combine(folder, "state.db")}",
            $"--Knowledge:Folder={Path.Combine(AppContext.BaseDirectory, "knowledge")}",
        ]);
        builder.Logging.ClearProviders();
        builder.Services.AddB12Bot(builder.Configuration);
        return new BotHost(builder.Build(), folder);
    }

    public void Dispose()
    {
        ((IDisposable)app).Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>An adapter that keeps the replies of a turn, as an <c>expectReplies</c> request does.</summary>
internal sealed class CollectingAdapter : BotAdapter
{
    private int sent;

    public int TakeSent() => Interlocked.Exchange(ref sent, 0);

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        Interlocked.Add(ref sent, activities.Length);
        return Task.FromResult(activities.Select(_ => new ResourceResponse("sent")).ToArray());
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
