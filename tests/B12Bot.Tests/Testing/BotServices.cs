using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace B12Bot.Tests.Testing;

/// <summary>The bot as the app wires it (real knowledge, answerer, dialogs), for in-process tests; talk to it with <see cref="Conversation"/>.</summary>
public sealed class BotServices : IDisposable
{
    private readonly ServiceProvider provider;

    /// <param name="settings">Configuration on top of memory state.</param>
    /// <param name="configure">Replaces parts of the wiring after the app's own (a shared store, a fixed answerer).</param>
    public BotServices(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddB12Bot(configuration);
        configure?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    public IServiceProvider Services => provider;

    public IBot Bot => provider.GetRequiredService<IBot>();

    public void Dispose() => provider.Dispose();
}
