namespace B12Bot.Tests.Deploy;

/// <summary>
/// Checks on deploy/docker/Dockerfile that need no Docker engine (none is available here): the stages, the user,
/// the port and the health check agree with each other and with the app.
/// </summary>
public sealed class DockerfileTests
{
    private static string[] Stages()
    {
        var text = File.ReadAllText(DeployFiles.Existing(Path.Combine(DeployFiles.Docker, "Dockerfile")));
        return text.Split("\nFROM ", StringSplitOptions.None).Skip(1).ToArray();
    }

    [Fact]
    public void It_builds_with_the_SDK_and_Node_and_runs_on_the_ASP_NET_runtime()
    {
        var stages = Stages();

        Assert.Equal(2, stages.Length);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.Contains("nodejs npm", stages[0], StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/Bot/B12Bot.csproj", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", stages[1], StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app ./", stages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_runs_as_non_root_on_port_3978_with_state_in_a_volume()
    {
        var runtime = Stages()[1];
        var lines = runtime.Split('\n').Select(l => l.Trim()).ToList();

        var user = lines.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal));
        var entry = lines.FindIndex(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.InRange(user, 0, entry - 1);
        Assert.DoesNotContain("root", lines[user], StringComparison.Ordinal);
        Assert.DoesNotContain("USER 0", lines[user], StringComparison.Ordinal);

        Assert.Contains("ASPNETCORE_URLS=http://+:3978", runtime, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 3978", lines);
        Assert.Contains("Storage__Sqlite__Path=/data/b12bot.db", runtime, StringComparison.Ordinal);
        Assert.Contains("VOLUME [\"/data\"]", lines);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"B12Bot.dll\"]", lines);
    }

    [Fact]
    public void The_health_check_asks_the_app_s_healthz_on_its_port()
    {
        var runtime = Stages()[1];

        var healthCheck = runtime[runtime.IndexOf("HEALTHCHECK", StringComparison.Ordinal)..];
        Assert.Contains("/dev/tcp/127.0.0.1/3978", healthCheck, StringComparison.Ordinal);
        Assert.Contains("GET /healthz HTTP/1.1", healthCheck, StringComparison.Ordinal);
    }
}
