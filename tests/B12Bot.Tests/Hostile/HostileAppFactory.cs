using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace B12Bot.Tests.Hostile;

/// <summary>The real app over in-process HTTP, with every log entry captured.</summary>
public sealed class HostileAppFactory : WebApplicationFactory<Program>
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Kind", "Memory");
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
