using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace B12Bot.Tests.Editors;

/// <summary>The real app over HTTP with the editors' features on: unanswered questions kept, a page key, a pharmacy.</summary>
public sealed class EditorsAppFactory : WebApplicationFactory<Program>
{
    public const string Key = "redactie-sleutel-voor-de-tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Kind", "Memory");
        builder.UseSetting("Editors:CollectUnanswered", "true");
        builder.UseSetting("Editors:Key", Key);
        builder.UseSetting("Pharmacy:Name", "Apotheek Testlaan");
        builder.UseSetting("Pharmacy:Phone", "010 - 765 43 21");
        builder.UseSetting("Pharmacy:OpeningHours", "werkdagen 8.00 – 17.30 uur");
    }
}
