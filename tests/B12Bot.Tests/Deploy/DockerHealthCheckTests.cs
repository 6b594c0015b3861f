using System.Net;
using System.Text.Json;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Deploy;

/// <summary>
/// The Dockerfile's HEALTHCHECK command, taken from the Dockerfile and run with bash against the real app over
/// TCP (no Docker engine here, so the port is the only thing changed).
/// </summary>
public sealed class DockerHealthCheckTests
{
    private const string ImagePort = "3978";

    /// <summary>The exec-form array after <c>HEALTHCHECK ... CMD</c>, with line continuations joined.</summary>
    private static string[] HealthCheckCommand()
    {
        var dockerfile = File.ReadAllText(DeployFiles.Existing(Path.Combine(DeployFiles.Docker, "Dockerfile"))).Replace("\\\n", " ", StringComparison.Ordinal);
        var line = dockerfile.Split('\n').Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var json = line[(line.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..].Trim();
        return JsonSerializer.Deserialize<string[]>(json)!;
    }

    private static Task<ExternalTool.Result> RunAgainst(int port)
    {
        var command = HealthCheckCommand();
        Assert.Equal("bash", command[0]);
        Assert.Contains(ImagePort, command[^1], StringComparison.Ordinal);
        var arguments = command[1..].Select(a => a.Replace(ImagePort, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return ExternalTool.RunAsync(command[0], arguments);
    }

    [Fact]
    public async Task The_health_check_passes_while_the_app_runs_and_fails_once_it_stopped()
    {
        int port;
        await using (var app = new BotAppFactory())
        {
            app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            port = new Uri(address).Port;

            var healthy = await RunAgainst(port);
            Assert.True(healthy.ExitCode == 0, $"Health check failed against the running app: {healthy.Errors}");
        }

        var stopped = await RunAgainst(port);
        Assert.NotEqual(0, stopped.ExitCode);
    }
}
