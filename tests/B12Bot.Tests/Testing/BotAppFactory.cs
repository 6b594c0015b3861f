using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace B12Bot.Tests.Testing;

/// <summary>The real app in-process over HTTP, with in-memory state so tests do not share a database file.</summary>
public sealed class BotAppFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Kind", "Memory");
        builder.UseEnvironment("Testing");
    }
}
