using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace B12Bot.Tests.DirectLine;

/// <summary>A wrong DirectLine section stops the app at start-up with a message that names the setting.</summary>
public sealed class DirectLineOptionsTests
{
    [Theory]
    [InlineData("DirectLine:Store", "Redis", "DirectLine:Redis:Configuration")]
    [InlineData("DirectLine:Store", "Cassandra", "DirectLine:Store")]
    [InlineData("DirectLine:Secret", "too-short", "DirectLine:Secret")]
    [InlineData("DirectLine:MaxChannelDataBytes", "-1", "MaxChannelDataBytes")]
    [InlineData("DirectLine:FarewellWindow", "02:00:00", "FarewellWindow")]
    public void A_wrong_setting_stops_the_start_naming_it(string key, string value, string named)
    {
        using var site = new MisconfiguredSite(key, value);

        var refused = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        var message = refused is OptionsValidationException options ? string.Join(" ", options.Failures) : refused.ToString();
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    private sealed class MisconfiguredSite(string key, string value) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseEnvironment("Testing");
            builder.UseSetting("Storage:Kind", "Memory");
            builder.UseSetting(key, value);
        }
    }
}
