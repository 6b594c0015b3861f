using B12Bot.Bots;
using B12Bot.Tests.Hostile;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Auth;

/// <summary>
/// The real app with Bot Framework authentication on (a single-tenant app registration), every log entry
/// captured, and the bot wrapped so the tests can see whether any turn ever reached it.
/// </summary>
public sealed class AuthAppFactory : WebApplicationFactory<Program>
{
    public const string AppId = "6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b";
    public const string TenantId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    public LogCapture Logs { get; } = new();

    /// <summary>Turns that reached the bot's code.</summary>
    public int Turns => turns;

    private int turns;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Kind", "Memory");
        builder.UseSetting("MicrosoftAppType", "SingleTenant");
        builder.UseSetting("MicrosoftAppId", AppId);
        builder.UseSetting("MicrosoftAppPassword", "geheim-wachtwoord-voor-de-test");
        builder.UseSetting("MicrosoftAppTenantId", TenantId);
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddTransient<IBot>(sp => new CountingBot(this, ActivatorUtilities.CreateInstance<B12ActivityHandler>(sp)));
        });
    }

    /// <summary>Counts every turn, then lets the real bot handle it.</summary>
    private sealed class CountingBot(AuthAppFactory factory, IBot inner) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref factory.turns);
            return inner.OnTurnAsync(turnContext, cancellationToken);
        }
    }
}
